package dev.imagesdk.internal.transfer;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The output of {@link AtomicFileWriter}'s temp file. When durable, it forces what was written to the storage
 * device progressively, in the background, so that the final force waits only for the last bytes: after every
 * {@code forceEvery} bytes written, a task on the executor forces the file ({@code fdatasync}), one at a time,
 * while the writes go on (a write never waits for it: the device writes while the download hashes). A force
 * still running when the next threshold passes is not doubled; the next write after it ends starts the next.
 *
 * <p>A failed background force fails the file: {@link #finish()} waits for the force in progress and throws
 * its error (Linux reports a write-back error once per open file, so the final force alone could miss it).
 * Writes are on one thread at a time; {@link #finish()} after the last write.
 */
final class FileSink extends OutputStream {

    /** Forces the written bytes (the file's data, not necessarily its metadata) to the device. */
    @FunctionalInterface
    interface Forcer {
        void force() throws IOException;
    }

    private final FileChannel channel;
    private final Executor background; // null: nothing forced in the background
    private final long forceEvery;
    private final Forcer forcer;
    private long written;
    private long forcedAt; // written when the last background force was asked for
    // Guarded by lock (not a monitor: finish() waits across another thread's I/O, which must not pin a virtual
    // thread's carrier): a background force asked for (not yet running), one running, finished, a failure.
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private boolean queued;
    private boolean running;
    private boolean finished;
    private IOException failure;

    /**
     * @param background runs the background forces; null forces nothing (not durable)
     * @param forceEvery bytes between two background forces
     */
    FileSink(FileChannel channel, Executor background, long forceEvery) {
        this(channel, background, forceEvery, () -> channel.force(false));
    }

    FileSink(FileChannel channel, Executor background, long forceEvery, Forcer forcer) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.background = background;
        this.forceEvery = forceEvery;
        this.forcer = Objects.requireNonNull(forcer, "forcer");
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        written += len;
        if (background != null && written - forcedAt >= forceEvery) {
            startForce();
        }
    }

    private void startForce() throws IOException {
        lock.lock();
        try {
            if (failure != null) {
                throw failure; // the file cannot be made durable: stop now rather than at the end
            }
            if (queued || running || finished) {
                return;
            }
            queued = true;
        } finally {
            lock.unlock();
        }
        forcedAt = written;
        try {
            background.execute(this::forceInBackground);
        } catch (RejectedExecutionException closing) {
            lock.lock();
            try {
                queued = false; // the final force does it all
            } finally {
                lock.unlock();
            }
        }
    }

    private void forceInBackground() {
        lock.lock();
        try {
            queued = false;
            if (finished) {
                return; // it waited too long for a thread: the final force covers it
            }
            running = true;
        } finally {
            lock.unlock();
        }
        IOException error = null;
        try {
            forcer.force();
        } catch (ClosedChannelException closed) {
            // the file was closed meanwhile (the download failed): nothing to report here
        } catch (IOException e) {
            error = e;
        } finally {
            lock.lock();
            try {
                if (error != null && failure == null) {
                    failure = error;
                }
                running = false;
                idle.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Stops the background forces: waits for one running (not for one still waiting for a thread, which then
     * does nothing).
     *
     * @throws IOException the error of a background force
     * @throws InterruptedIOException if interrupted while waiting (the flag is kept)
     */
    void finish() throws IOException {
        lock.lock();
        try {
            finished = true;
            while (running) {
                idle.await();
            }
            if (failure != null) {
                throw failure;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the file was forced to disk");
        } finally {
            lock.unlock();
        }
    }

    /** {@return bytes written so far} */
    long written() {
        return written;
    }
}
