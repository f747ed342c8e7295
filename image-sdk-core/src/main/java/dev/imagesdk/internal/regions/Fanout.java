package dev.imagesdk.internal.regions;

import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.internal.transfer.Hashes;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

/**
 * One read of a source, delivered to several consumers: a reader fills a ring of {@code ringSize} reusable
 * buffers; each {@link Consumer} reads every buffer in order; a buffer is refilled only when every attached
 * consumer has released it, so the slowest consumer paces the reader and memory is
 * {@code ringSize * bufferSize} whatever the length and the number of consumers. The reader updates its
 * digests (MD5) as it reads; another digest can run as one more consumer on its own thread
 * ({@link #digestOn(MessageDigest)}), in parallel with the reader.
 *
 * <p>Failures: a source that throws, or {@link #abort(String)}, makes every consumer's next
 * {@link Consumer#await()} throw {@link IOException} and stops the reader. A consumer that stops early must
 * {@link Consumer#detach()} (its stream's {@code close()} does), or it would hold the reader forever; when no
 * consumer remains attached, the reader stops too. Consumer data is read outside the lock: a slot is never
 * written while an attached consumer may still read it.
 */
public final class Fanout {

    /** How the read of the source ended. */
    public enum Status { COMPLETE, SOURCE_FAILED, ABORTED }

    /** @param bytes bytes read from the source (all hashed by the reader's digests when complete) */
    public record Outcome(Status status, long bytes, Throwable failure) {
    }

    private final byte[][] ring;
    private final int[] lengths;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Consumer> consumers = new ArrayList<>();
    private final Runnable onReaderWait;
    private long produced;
    private boolean ended;
    private boolean started;
    private IOException failure;
    // Set before the failure that reports a source of the wrong length (read under the lock, after it).
    private boolean sourceLonger;
    private long sourceBytes;

    /**
     * @param onReaderWait run (outside the lock) each time the reader has to wait for the slowest consumer
     *                     (a test hook; {@code null} for none)
     */
    public Fanout(int bufferSize, int ringSize, Runnable onReaderWait) {
        this.ring = new byte[ringSize][];
        for (int i = 0; i < ringSize; i++) {
            ring[i] = new byte[bufferSize];
        }
        this.lengths = new int[ringSize];
        this.onReaderWait = onReaderWait;
    }

    /**
     * A new consumer, attached; add every consumer before {@link #read} starts.
     *
     * @throws IllegalStateException once {@link #read} has started: a consumer added later would begin at a
     *         buffer the reader may already have refilled
     */
    public Consumer addConsumer(String name) {
        lock.lock();
        try {
            if (started) {
                throw new IllegalStateException("consumer " + name + " added after the read started");
            }
            Consumer c = new Consumer(name);
            consumers.add(c);
            return c;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A consumer that feeds {@code digest}; call the task on the thread that should hash. It returns
     * {@code true} if the digest covers the whole source (its end was reached), {@code false} after a failure
     * or an abort.
     */
    public java.util.concurrent.Callable<Boolean> digestOn(MessageDigest digest) {
        Consumer c = addConsumer(digest.getAlgorithm());
        return () -> {
            try {
                int slot;
                while ((slot = c.await()) >= 0) {
                    digest.update(ring[slot], 0, lengths[slot]);
                    c.release();
                }
                return true;
            } catch (IOException e) {
                return false; // the source failed or the fan-out was aborted: the digest is not used then
            } finally {
                c.detach();
            }
        };
    }

    /**
     * Reads the source to its end (or until a failure or {@link #abort}) on the calling thread.
     *
     * @param readerDigests updated with every byte read, on this thread
     * @param progress told the bytes read so far after each buffer
     */
    public Outcome read(InputStream source, List<MessageDigest> readerDigests, LongConsumer progress) {
        return read(source, -1, readerDigests, progress);
    }

    /**
     * As {@link #read(InputStream, List, LongConsumer)}, for a source that must deliver exactly
     * {@code declaredLength} bytes (-1: any). A buffer that reaches the declared length is published only after a
     * probe for one more byte found the end, and a source that ends early fails before its last buffer is
     * published: either way the consumers never receive a complete (wrong) body, they fail at their next
     * {@link Consumer#await()}. The outcome is then {@link Status#SOURCE_FAILED} with an
     * {@link InvalidInputException} on the field {@code length}.
     */
    public Outcome read(InputStream source, long declaredLength, List<MessageDigest> readerDigests,
                        LongConsumer progress) {
        lock.lock();
        try {
            started = true;
        } finally {
            lock.unlock();
        }
        long total = 0;
        while (true) {
            boolean waited = false;
            lock.lock();
            try {
                while (failure == null && hasAttached() && produced - minConsumed() >= ring.length) {
                    if (onReaderWait != null && !waited) {
                        waited = true;
                        lock.unlock();
                        try {
                            onReaderWait.run();
                        } finally {
                            lock.lock();
                        }
                        continue;
                    }
                    changed.await();
                }
                if (failure != null) {
                    return new Outcome(Status.ABORTED, total, failure);
                }
                if (!hasAttached()) {
                    failure = new IOException("every consumer stopped");
                    changed.signalAll();
                    return new Outcome(Status.ABORTED, total, failure);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(new InterruptedIOException("the reader was interrupted"));
                return new Outcome(Status.ABORTED, total, failure);
            } finally {
                lock.unlock();
            }
            int slot = (int) (produced % ring.length);
            int n;
            try {
                int cap = declaredLength < 0 ? ring[slot].length
                        : (int) Math.min(ring[slot].length, declaredLength - total);
                n = fill(source, ring[slot], cap);
                InvalidInputException wrongLength = null;
                if (declaredLength >= 0 && total + n == declaredLength && source.read() >= 0) {
                    wrongLength = new InvalidInputException("length", declaredLength,
                            "the data has more bytes than declared; the upload was aborted");
                } else if (declaredLength >= 0 && n < cap) {
                    wrongLength = new InvalidInputException("length", declaredLength, "the data ended after "
                            + (total + n) + " bytes; the upload was aborted");
                }
                if (wrongLength != null) {
                    sourceLonger = n == cap;
                    sourceBytes = total + n + (sourceLonger ? 1 : 0);
                    fail(new IOException(wrongLength.getMessage(), wrongLength));
                    return new Outcome(Status.SOURCE_FAILED, total, wrongLength);
                }
            } catch (IOException | RuntimeException e) {
                fail(new IOException("reading the source failed after " + total + " bytes: " + e, e));
                return new Outcome(Status.SOURCE_FAILED, total, e);
            }
            if (n <= 0) {
                lock.lock();
                try {
                    ended = true;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
                return new Outcome(Status.COMPLETE, total, null);
            }
            for (MessageDigest d : readerDigests) {
                d.update(ring[slot], 0, n);
            }
            total += n;
            lock.lock();
            try {
                lengths[slot] = n;
                produced++;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            progress.accept(total);
        }
    }

    /** Stops the reader and makes every consumer's next read fail with {@code reason}. */
    public void abort(String reason) {
        fail(new IOException(reason));
    }

    private void fail(IOException e) {
        lock.lock();
        try {
            if (failure == null) {
                failure = e;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private static int fill(InputStream in, byte[] buf, int cap) throws IOException {
        int off = 0;
        while (off < cap) {
            int n = in.read(buf, off, cap - off);
            if (n < 0) {
                break;
            }
            off += n;
        }
        return off;
    }

    private boolean hasAttached() {
        for (Consumer c : consumers) {
            if (!c.detached) {
                return true;
            }
        }
        return false;
    }

    private long minConsumed() {
        long min = Long.MAX_VALUE;
        for (Consumer c : consumers) {
            if (!c.detached) {
                min = Math.min(min, c.consumed);
            }
        }
        return min;
    }

    /** A source found longer or shorter than declared: {@code bytes} it was found to have. */
    record WrongLength(boolean longer, long bytes) {
    }

    /** One reader of every buffer, in order. Its methods are called from one thread (the consumer's). */
    public final class Consumer {
        private final String name;
        private long consumed;
        private boolean detached;

        private Consumer(String name) {
            this.name = name;
        }

        /**
         * Waits for the next buffer.
         *
         * @return its slot (read {@link #buffer(int)} up to {@link #length(int)}, then {@link #release()}),
         *         or -1 at the end of the source
         * @throws IOException if the source failed, the fan-out was aborted or this consumer detached
         */
        public int await() throws IOException {
            lock.lock();
            try {
                while (true) {
                    if (detached) {
                        throw new IOException(name + " was detached from the source");
                    }
                    if (failure != null) {
                        throw new IOException(failure.getMessage(), failure);
                    }
                    if (consumed < produced) {
                        return (int) (consumed % ring.length);
                    }
                    if (ended) {
                        return -1;
                    }
                    changed.await();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException(name + " was interrupted waiting for the source");
            } finally {
                lock.unlock();
            }
        }

        /**
         * After {@link #await()} failed on a source of the wrong length: whether it had more bytes than declared,
         * and how many it was found to have.
         */
        WrongLength wrongLength() {
            lock.lock();
            try {
                return new WrongLength(sourceLonger, sourceBytes);
            } finally {
                lock.unlock();
            }
        }

        /** The bytes of a slot {@link #await()} returned. */
        public byte[] buffer(int slot) {
            return ring[slot];
        }

        /** The valid length of a slot {@link #await()} returned. */
        public int length(int slot) {
            return lengths[slot];
        }

        /** Done with the buffer {@link #await()} returned: the reader may refill it. */
        public void release() {
            lock.lock();
            try {
                consumed++;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        /** Stops consuming: the reader no longer waits for this consumer. Idempotent. */
        public void detach() {
            lock.lock();
            try {
                detached = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        /** This consumer as a one-shot stream; {@code close()} detaches it. */
        public InputStream stream() {
            return new FanoutStreams.ConsumerStream(this);
        }

        /**
         * This consumer as a one-shot stream that an upload does not hash again
         * ({@link dev.imagesdk.internal.transfer.PrehashedSource}): {@code hashes} gives the digests of the whole
         * source once it was read.
         */
        public InputStream prehashedStream(java.util.function.LongFunction<Hashes> hashes) {
            return new FanoutStreams.PrehashedConsumerStream(this, hashes);
        }

        @Override
        public String toString() {
            return "Consumer{" + name + '}';
        }
    }
}
