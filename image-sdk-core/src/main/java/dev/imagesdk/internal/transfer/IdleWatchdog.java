package dev.imagesdk.internal.transfer;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Aborts a transfer that makes no progress for a while. Socket writes have no timeout in Java, so a
 * server that stops reading an upload would block the writer forever; the watchdog runs the abort action
 * (disconnect, which closes the socket and fails the blocked write) once the transfer was idle for longer
 * than the timeout. Call {@link #touch()} on every bit of progress, {@link #close()} when done.
 */
final class IdleWatchdog implements AutoCloseable {

    private final long idleNanos;
    private final Runnable abort;
    private final AtomicBoolean fired = new AtomicBoolean();
    private final ScheduledFuture<?> check;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean closed;

    IdleWatchdog(ScheduledExecutorService timer, Duration idleTimeout, Runnable abort) {
        this.idleNanos = idleTimeout.toNanos();
        this.abort = abort;
        long period = Math.max(5, idleTimeout.toMillis() / 4);
        this.check = timer.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    void touch() {
        lastProgress = System.nanoTime();
    }

    /** {@code true} once the watchdog aborted the transfer. */
    boolean fired() {
        return fired.get();
    }

    private void check() {
        if (!closed && System.nanoTime() - lastProgress > idleNanos && fired.compareAndSet(false, true)) {
            check.cancel(false);
            try {
                abort.run();
            } catch (RuntimeException ignored) {
                // aborting a connection that is already gone
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        check.cancel(false);
    }
}
