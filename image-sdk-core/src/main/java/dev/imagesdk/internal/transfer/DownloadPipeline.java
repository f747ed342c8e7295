package dev.imagesdk.internal.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

/**
 * A download's copy on three threads that overlap: the <em>reader</em> (an engine worker: the socket reads and
 * the {@code Range} resumes, see {@link ResumingDownloader}), the <em>writer</em> (an engine worker: the sink
 * writes and the progress listener) and the <em>hasher</em> (the calling thread: the digests). Each buffer the
 * reader fills goes to the writer and to the hasher at once and returns to the ring when both are done with it,
 * so memory is {@code bufferSize * ringSize} whatever the image size, and the slowest of the three (SHA-512 or
 * MD5 on this kind of machine) sets the pace alone. The calling thread does CPU work between interruptible
 * waits, so an interrupt ends the call at once: the sink is then closed to the writer ({@link
 * InterruptibleRun.Gate}: no byte reaches it after the call returned), the reader is interrupted and stops
 * without resuming, and the call throws {@link InterruptedException} with the flag set again.
 *
 * <p>Per attempt ({@link #copy}): every buffer handed over is written before {@code copy} returns, so the
 * outcome's {@code bytes} are exactly what reached the sink in this attempt, and the next attempt can resume
 * from there; the digests see the same bytes in the same order (the hasher runs behind, and has caught up when
 * {@link #run} returns).
 *
 * <p>Threads: two engine tasks per download (as many as before the hasher moved to the calling thread). If the
 * executor rejects the writer, the reader also writes; if it rejects the reader, the calling thread does all.
 */
final class DownloadPipeline {

    /** What runs on the reader: the download loop, copying each response body with {@link #copy}. */
    @FunctionalInterface
    interface Work<T> {
        T run(DownloadPipeline copier);
    }

    private static final class Chunk {
        final byte[] data;
        final AtomicInteger owners = new AtomicInteger();
        final CountDownLatch drained; // markers only: counted down by the writer when it reaches them
        int length;

        Chunk(int size) {
            data = new byte[size];
            drained = null;
        }

        Chunk(CountDownLatch drained) {
            data = null;
            this.drained = drained;
        }
    }

    private static final Chunk END = new Chunk(0);
    private static final LongConsumer NO_PROGRESS = n -> { };

    private final Executor executor;
    private final int bufferSize;
    private final List<MessageDigest> digests;
    private final InterruptibleRun.Gate sink;
    private final BlockingQueue<Chunk> free;
    private final BlockingQueue<Chunk> toWriter;
    private final BlockingQueue<Chunk> toHasher;
    private final CountDownLatch writerDone = new CountDownLatch(1);
    private volatile LongConsumer onWritten = NO_PROGRESS;
    private volatile boolean writerFailed;
    private volatile Throwable writerFailure;
    private volatile long written;
    private volatile boolean cancelled;
    private boolean writerInline;
    private boolean hasherInline;
    private boolean writerStarted;
    private final RunningThread reader = new RunningThread();

    /**
     * @param digests updated with every byte, in order (on the calling thread unless the executor rejects work)
     * @param sink where the bytes go (not closed)
     */
    DownloadPipeline(Executor executor, int bufferSize, int ringSize, List<MessageDigest> digests, OutputStream sink) {
        this.executor = executor;
        this.bufferSize = bufferSize;
        this.digests = List.copyOf(digests);
        this.sink = new InterruptibleRun.Gate(sink);
        int ring = Math.max(2, ringSize);
        this.free = new ArrayBlockingQueue<>(ring);
        // Never full: at most the ring's buffers are out, plus a marker and the end.
        this.toWriter = new ArrayBlockingQueue<>(ring + 2);
        this.toHasher = new ArrayBlockingQueue<>(ring + 2);
        for (int i = 0; i < ring; i++) {
            free.add(new Chunk(bufferSize));
        }
    }

    /**
     * Runs {@code work} on the reader while this thread hashes; returns its result once every byte was written
     * and hashed. Exceptions of {@code work} are rethrown as they are (runtime exceptions and errors).
     *
     * @throws InterruptedException if this thread is interrupted (the flag is set again)
     */
    <T> T run(Work<T> work) throws InterruptedException {
        try {
            executor.execute(this::writeLoop);
            writerStarted = true;
        } catch (RejectedExecutionException closing) {
            writerInline = true;
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable task = () -> {
            try {
                reader.run(() -> {
                    try {
                        T value = work.run(this);
                        finishWriter();
                        result.complete(value);
                    } catch (Throwable t) {
                        finishWriter();
                        result.completeExceptionally(t);
                    }
                });
            } finally {
                toHasher.add(END);
            }
        };
        try {
            executor.execute(task);
        } catch (RejectedExecutionException closing) {
            hasherInline = true; // engine shutting down: everything here, as before
            try {
                return work.run(this);
            } finally {
                finishWriter();
            }
        }
        try {
            hashLoop();
            return result.get();
        } catch (InterruptedException e) {
            sink.close();
            cancelled = true;
            reader.interrupt();
            Thread.currentThread().interrupt();
            throw e;
        } catch (ExecutionException e) {
            throw InterruptibleRun.causeOf(e);
        }
    }

    /**
     * Copies one response body (on the reader): reads it into the ring's buffers and hands each to the writer
     * and the hasher, then waits until the writer wrote all of them.
     *
     * @param onTotalWritten called on the writer after each write with the bytes written by the whole download
     * @return how the attempt ended; {@code bytes} is what this attempt wrote
     */
    PipelinedCopy.Outcome copy(InputStream body, LongConsumer onTotalWritten) {
        onWritten = onTotalWritten == null ? NO_PROGRESS : onTotalWritten;
        long before = written;
        long read = 0;
        PipelinedCopy.Status status = PipelinedCopy.Status.COMPLETE;
        Throwable failure = null;
        try {
            while (!writerFailed) {
                if (cancelled) {
                    throw new InterruptedIOException("the download was interrupted");
                }
                Chunk c = free.take();
                int filled = 0;
                boolean eof = false;
                try {
                    while (filled < bufferSize) {
                        int n = body.read(c.data, filled, bufferSize - filled);
                        if (n < 0) {
                            eof = true;
                            break;
                        }
                        filled += n;
                    }
                } catch (IOException | RuntimeException e) {
                    free.add(c); // a buffer cut mid-way is not handed over: resume from the last whole one
                    throw e;
                }
                if (filled > 0) {
                    c.length = filled;
                    read += filled;
                    hand(c);
                } else {
                    free.add(c);
                }
                if (eof) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = PipelinedCopy.Status.SOURCE_FAILED;
            failure = new InterruptedIOException("interrupted while copying");
        } catch (IOException | RuntimeException e) {
            status = PipelinedCopy.Status.SOURCE_FAILED;
            failure = e;
        }
        if (!drain()) {
            status = PipelinedCopy.Status.SOURCE_FAILED;
            failure = new InterruptedIOException("interrupted while the last buffers were written");
        }
        if (writerFailed) {
            return new PipelinedCopy.Outcome(PipelinedCopy.Status.SINK_FAILED, written - before, read, writerFailure);
        }
        return new PipelinedCopy.Outcome(status, written - before, read, failure);
    }

    private void hand(Chunk c) throws InterruptedException {
        c.owners.set(2);
        if (hasherInline) {
            hash(c);
        } else {
            toHasher.put(c);
        }
        if (writerInline) {
            write(c);
        } else {
            toWriter.put(c);
        }
    }

    private void release(Chunk c) {
        if (c.owners.decrementAndGet() == 0) {
            free.add(c);
        }
    }

    private void hash(Chunk c) {
        for (MessageDigest d : digests) {
            d.update(c.data, 0, c.length);
        }
        release(c);
    }

    /** The calling thread: hashes every buffer until the reader is done. */
    private void hashLoop() throws InterruptedException {
        while (true) {
            Chunk c = toHasher.take();
            if (c == END) {
                return;
            }
            hash(c);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** The writer: after a failure it keeps taking (and releasing) buffers so the reader never waits on it. */
    private void writeLoop() {
        try {
            while (true) {
                Chunk c;
                try {
                    c = toWriter.take();
                } catch (InterruptedException e) {
                    fail(new InterruptedIOException("transfer writer interrupted"));
                    continue;
                }
                if (c == END) {
                    return;
                }
                if (c.drained != null) {
                    c.drained.countDown();
                    continue;
                }
                write(c);
            }
        } finally {
            writerDone.countDown();
        }
    }

    private void write(Chunk c) {
        try {
            if (!writerFailed) {
                sink.write(c.data, 0, c.length);
                long total = written + c.length;
                written = total;
                onWritten.accept(total);
            }
        } catch (Throwable t) {
            fail(t);
        } finally {
            release(c);
        }
    }

    private void fail(Throwable t) {
        if (!writerFailed) {
            writerFailure = t;
            writerFailed = true;
        }
    }

    /** Waits until the writer wrote every buffer handed over; false if interrupted meanwhile (flag kept). */
    private boolean drain() {
        if (writerInline) {
            return true;
        }
        CountDownLatch drained = new CountDownLatch(1);
        toWriter.add(new Chunk(drained));
        try {
            drained.await();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Ends the writer and waits for it (it finishes the write in progress, if any). */
    private void finishWriter() {
        if (!writerStarted) {
            return;
        }
        toWriter.add(END);
        boolean interrupted = false;
        while (true) {
            try {
                writerDone.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
