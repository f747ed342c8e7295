package dev.imagesdk.internal.transfer;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs a download's blocking loop on an engine worker while the caller waits interruptibly, so that an
 * interrupt ends the caller's call at once even while the worker is blocked reading a stalled body (a
 * {@link java.net.HttpURLConnection} body read can be cut neither by an interrupt nor by
 * {@code disconnect()}, which waits for the blocked read; see {@link InterruptWatch}).
 *
 * <p>On an interrupt the caller's sink is closed to the worker first (a {@link Gate}: no byte reaches it
 * after the call returned), the worker is interrupted (its connection is then closed as soon as the JDK
 * lets it, at the latest at the read timeout, and it stops without resuming), and the caller gets
 * {@link InterruptedException} with its flag set again.
 *
 * <p>Locks are {@link ReentrantLock}s, not monitors: the gate is held across writes to the caller's sink
 * (blocking I/O), which must not pin a virtual thread's carrier (JDK 21-23).
 */
final class InterruptibleRun {

    private InterruptibleRun() {
    }

    /** What the worker runs: the loop, writing to the gated sink it is given. */
    @FunctionalInterface
    interface Work<T> {
        T run(OutputStream sink);
    }

    static <T> T run(Executor workers, OutputStream sink, Work<T> work) throws InterruptedException {
        Gate gate = new Gate(sink);
        CompletableFuture<T> result = new CompletableFuture<>();
        RunningThread runner = new RunningThread();
        Runnable task = () -> runner.run(() -> {
            try {
                result.complete(work.run(gate));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            workers.execute(task);
        } catch (RejectedExecutionException closing) {
            return work.run(sink); // engine shutting down: run here, as before
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            gate.close();
            runner.interrupt();
            Thread.currentThread().interrupt();
            throw e;
        } catch (ExecutionException e) {
            throw InterruptibleRun.causeOf(e);
        }
    }

    /**
     * What a worker task threw, to rethrow on the caller's thread: its {@link RuntimeException} as it is, an
     * {@link Error} thrown from here, anything else (a worker task throws no checked exception) wrapped.
     */
    static RuntimeException causeOf(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof Error err) {
            throw err;
        }
        return cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
    }

    /** The caller's sink, closed to the worker once the caller stopped waiting. */
    static final class Gate extends OutputStream {
        private final OutputStream out;
        private final ReentrantLock lock = new ReentrantLock();
        private boolean closed;

        Gate(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            lock.lock();
            try {
                check();
                out.write(b);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            lock.lock();
            try {
                check();
                out.write(b, off, len);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void flush() throws IOException {
            lock.lock();
            try {
                check();
                out.flush();
            } finally {
                lock.unlock();
            }
        }

        /** Not closing the caller's stream: only the worker's access to it. Waits for a write in progress. */
        @Override
        public void close() {
            lock.lock();
            try {
                closed = true;
            } finally {
                lock.unlock();
            }
        }

        private void check() throws IOException {
            if (closed) {
                throw new IOException("the download was interrupted; its caller no longer takes data");
            }
        }
    }
}
