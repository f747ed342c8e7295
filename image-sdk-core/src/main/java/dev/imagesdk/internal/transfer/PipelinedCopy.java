package dev.imagesdk.internal.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongConsumer;

/**
 * Copies a source to a sink in one pass while hashing, on two threads: the calling thread reads the source
 * into a buffer and updates the <em>reader digests</em>, then hands the buffer to a worker that updates the
 * <em>writer digests</em> and writes it to the sink. A bounded ring of reusable buffers sits between them,
 * so memory is {@code bufferSize * ringSize} whatever the length. MD5 is strictly serial and the slowest
 * step, so it goes on the reader side and SHA-512 plus the write on the worker (measured fastest, see
 * reference/limits.md).
 *
 * <p>Invariant used by resumable downloads: every byte the reader hashed is handed to the worker, and the
 * outcome's {@code bytes} is what the worker hashed and wrote. When the source fails, the buffers already
 * read are still written before {@link #copy} returns, so all digests cover exactly {@code bytes} bytes and
 * a transfer can continue from there.
 *
 * <p>Declared length (uploads): the reader stops at the declared length and probes for one more byte
 * <em>before</em> handing over the last buffer. A source that is longer or shorter than declared therefore
 * never gets its complete (wrong) body written: the last buffer is withheld.
 */
public final class PipelinedCopy {

    /** How a copy ended. */
    public enum Status {
        /** The source reached its end (and matched the declared length, if any). */
        COMPLETE,
        /** Reading the source threw; the bytes before the failure were written. */
        SOURCE_FAILED,
        /** The source ended before the declared length. */
        SOURCE_TOO_SHORT,
        /** The source has more bytes than declared. */
        SOURCE_TOO_LONG,
        /** Writing to the sink (or the progress callback) threw; digests are not usable. */
        SINK_FAILED
    }

    /**
     * @param status how the copy ended
     * @param bytes bytes hashed by all digests and written to the sink
     * @param bytesRead bytes read from the source (may exceed {@code bytes} when the copy did not complete)
     * @param failure the exception for {@link Status#SOURCE_FAILED} and {@link Status#SINK_FAILED}, else null
     */
    public record Outcome(Status status, long bytes, long bytesRead, Throwable failure) {
    }

    private static final class Chunk {
        final byte[] data;
        int length;

        Chunk(int size) {
            data = new byte[size];
        }
    }

    private static final Chunk END = new Chunk(0);
    private static final LongConsumer NO_PROGRESS = n -> { };

    private final Executor executor;
    private final int bufferSize;
    private final int ringSize;

    /**
     * @param executor runs the worker half; if it rejects the task the copy runs on the calling thread alone
     */
    public PipelinedCopy(Executor executor, int bufferSize, int ringSize) {
        this.executor = executor;
        this.bufferSize = bufferSize;
        this.ringSize = Math.max(2, ringSize);
    }

    /**
     * Copies {@code source} to {@code sink}. Neither stream is closed.
     *
     * @param declaredLength the exact number of bytes the source must deliver, or -1 to read to its end
     * @param readerDigests updated on the calling thread (may be empty)
     * @param writerDigests updated on the worker thread (may be empty)
     * @param onWritten called on the worker thread after each write with the total written by this copy
     * @param onRead called on the calling thread after each source read that returned data (may be null)
     */
    public Outcome copy(InputStream source, long declaredLength, List<MessageDigest> readerDigests,
                        List<MessageDigest> writerDigests, OutputStream sink, LongConsumer onWritten,
                        Runnable onRead) {
        return copy(source, declaredLength, readerDigests, writerDigests, sink, onWritten, onRead, null);
    }

    /**
     * As above; {@code onInterrupt} (may be null) is called on the calling thread as soon as an interrupt of it
     * is seen, before waiting for the worker to finish its last write: it must unblock a sink write that may
     * never return on its own (an upload aborts its connection), since the wait cannot keep the interrupt flag
     * visible to other threads while it waits.
     */
    public Outcome copy(InputStream source, long declaredLength, List<MessageDigest> readerDigests,
                        List<MessageDigest> writerDigests, OutputStream sink, LongConsumer onWritten,
                        Runnable onRead, Runnable onInterrupt) {
        Worker worker = new Worker(writerDigests, sink, onWritten == null ? NO_PROGRESS : onWritten);
        worker.onInterrupt = onInterrupt;
        try {
            executor.execute(worker);
        } catch (RejectedExecutionException e) {
            worker.inline = true; // engine shutting down: do the worker's part here
        }
        long read = 0;
        Status status = Status.COMPLETE;
        Throwable failure = null;
        Chunk chunk = null;
        try {
            while (true) {
                if (worker.failed) {
                    break;
                }
                chunk = worker.inline ? worker.spare() : worker.free.take();
                int cap = bufferSize;
                if (declaredLength >= 0) {
                    cap = (int) Math.min(bufferSize, declaredLength - read);
                }
                int filled = 0;
                boolean eof = false;
                while (filled < cap) {
                    int n = source.read(chunk.data, filled, cap - filled);
                    if (n < 0) {
                        eof = true;
                        break;
                    }
                    filled += n;
                    if (onRead != null && n > 0) {
                        onRead.run();
                    }
                }
                if (declaredLength >= 0 && !eof && read + filled == declaredLength) {
                    if (source.read() >= 0) { // withhold this last buffer: the body must not look complete
                        read += filled + 1;
                        status = Status.SOURCE_TOO_LONG;
                        break;
                    }
                    eof = true;
                }
                if (eof && declaredLength >= 0 && read + filled < declaredLength) {
                    read += filled;
                    status = Status.SOURCE_TOO_SHORT;
                    break;
                }
                if (filled > 0) {
                    for (MessageDigest d : readerDigests) {
                        d.update(chunk.data, 0, filled);
                    }
                    chunk.length = filled;
                    read += filled;
                    worker.accept(chunk);
                    chunk = null;
                }
                if (eof) {
                    break;
                }
                if (chunk != null) {
                    worker.recycle(chunk);
                    chunk = null;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.interrupted();
            status = Status.SOURCE_FAILED;
            failure = new InterruptedIOException("interrupted while copying");
        } catch (IOException | RuntimeException e) {
            status = Status.SOURCE_FAILED;
            failure = e;
        } finally {
            if (chunk != null) {
                worker.recycle(chunk);
            }
            worker.finish();
        }
        if (worker.failed) {
            return new Outcome(Status.SINK_FAILED, worker.written, read, worker.failure);
        }
        return new Outcome(status, worker.written, read, failure);
    }

    private final class Worker implements Runnable {
        final BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(ringSize);
        final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(ringSize + 1);
        final CountDownLatch done = new CountDownLatch(1);
        final List<MessageDigest> digests;
        final OutputStream sink;
        final LongConsumer onWritten;
        volatile boolean failed;
        volatile Throwable failure;
        volatile long written;
        boolean inline;
        Runnable onInterrupt;
        private Chunk spare;

        Worker(List<MessageDigest> digests, OutputStream sink, LongConsumer onWritten) {
            this.digests = digests;
            this.sink = sink;
            this.onWritten = onWritten;
            for (int i = 0; i < ringSize; i++) {
                free.add(new Chunk(bufferSize));
            }
        }

        Chunk spare() {
            if (spare == null) {
                spare = free.poll();
            }
            return spare;
        }

        void accept(Chunk c) throws InterruptedException {
            if (inline) {
                process(c);
            } else {
                full.put(c);
            }
        }

        void recycle(Chunk c) {
            if (!inline) {
                free.add(c);
            }
        }

        @Override
        public void run() {
            boolean interrupted = false;
            try {
                while (true) {
                    Chunk c;
                    try {
                        c = full.take();
                    } catch (InterruptedException e) {
                        // keep draining until END so the reader never waits on a dead worker
                        interrupted = true;
                        failure = new InterruptedIOException("transfer worker interrupted");
                        failed = true;
                        continue;
                    }
                    if (c == END) {
                        return;
                    }
                    process(c);
                    free.add(c);
                }
            } finally {
                done.countDown();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** After a failure, keeps draining (recycling buffers) so the reader never blocks on the ring. */
        private void process(Chunk c) {
            if (failed) {
                return;
            }
            try {
                for (MessageDigest d : digests) {
                    d.update(c.data, 0, c.length);
                }
                sink.write(c.data, 0, c.length);
                written += c.length;
                onWritten.accept(written);
            } catch (Throwable t) {
                failure = t;
                failed = true;
            }
        }

        /** The calling thread was interrupted: tell the owner once (it unblocks the sink). */
        void interrupted() {
            Runnable r = onInterrupt;
            onInterrupt = null;
            if (r != null) {
                r.run();
            }
        }

        /** Signals the end and waits until every handed-over buffer is processed. */
        void finish() {
            if (Thread.currentThread().isInterrupted()) {
                interrupted();
            }
            if (inline) {
                return;
            }
            boolean interrupted = false;
            while (true) {
                try {
                    full.put(END);
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    interrupted();
                }
            }
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the worker must finish before the caller touches the digests
                    interrupted();
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
