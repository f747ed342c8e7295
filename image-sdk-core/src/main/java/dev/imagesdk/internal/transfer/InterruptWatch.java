package dev.imagesdk.internal.transfer;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one watcher of a blocking {@link java.net.HttpURLConnection} transfer: it aborts the connection when the
 * transferring thread is interrupted and, if given an idle timeout, when the transfer made no progress for that
 * long.
 *
 * <p>Interrupts: a thread blocked in a socket read or write ignores {@link Thread#interrupt()} (classic sockets
 * are not interruptible channels), so a stalled server would hold an interrupted caller until the idle timeout.
 * The watch checks the transferring thread's interrupt flag every {@link #PERIOD} on the engine's timer and,
 * once it is set, runs the abort action (disconnect: closes the socket, which fails a blocked write or a wait
 * for the status line at once). A blocked body read is different: {@code disconnect()} waits for it (the JDK
 * holds a lock during the read), so downloads also run their blocking reads on a worker
 * ({@link InterruptibleRun}) and the caller stops waiting at once. The flag itself is never cleared; the
 * transfer code sees it and reports an interruption.
 *
 * <p>Idle: socket writes have no timeout in Java, so a server that stops reading an upload would block the
 * writer forever; with an idle timeout the watch aborts once no {@link #touch()} came for longer than it.
 * {@link #stopIdle()} ends that bound (e.g. once the body is sent, the answer being bounded by the read
 * timeout) while the interrupt watch goes on.
 *
 * <p>The abort runs once, on a thread of its own, never on the timer: {@code disconnect()} can wait for a body
 * read in progress, and the timer serves every transfer's watches. {@link #close()} when the connection is
 * done with.
 */
final class InterruptWatch implements AutoCloseable {

    /** How often the flag is checked: the delay between an interrupt and the end of a blocked transfer. */
    static final Duration PERIOD = Duration.ofMillis(50);

    /** Why the watch aborted. */
    private enum Reason { INTERRUPT, IDLE }

    private final Thread owner;
    private final Runnable abort;
    private final long idleNanos; // <= 0: no idle bound
    private final AtomicReference<Reason> fired = new AtomicReference<>();
    private final ScheduledFuture<?> check;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean idleStopped;

    /** Watches the calling thread for interrupts. If the timer is shut down (engine closed) the watch does nothing. */
    InterruptWatch(ScheduledExecutorService timer, Runnable abort) {
        this.owner = Thread.currentThread();
        this.abort = abort;
        this.idleNanos = 0;
        ScheduledFuture<?> scheduled;
        try {
            scheduled = schedule(timer, PERIOD.toMillis());
        } catch (RejectedExecutionException e) {
            scheduled = null;
        }
        this.check = scheduled;
    }

    /**
     * Watches the calling thread for interrupts and the transfer for progress.
     *
     * @throws RejectedExecutionException if the timer is shut down (the engine is closed): a transfer must not
     *         run without its idle bound
     */
    InterruptWatch(ScheduledExecutorService timer, Runnable abort, Duration idleTimeout) {
        this.owner = Thread.currentThread();
        this.abort = abort;
        this.idleNanos = idleTimeout.toNanos();
        this.check = schedule(timer, Math.min(PERIOD.toMillis(), Math.max(5, idleTimeout.toMillis() / 4)));
    }

    private ScheduledFuture<?> schedule(ScheduledExecutorService timer, long periodMillis) {
        return timer.scheduleWithFixedDelay(this::check, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Progress: restarts the idle time. */
    void touch() {
        lastProgress = System.nanoTime();
    }

    /** Ends the idle bound; interrupts are still watched. */
    void stopIdle() {
        idleStopped = true;
    }

    /** {@code true} once the watch aborted the connection because the thread was interrupted. */
    boolean fired() {
        return fired.get() == Reason.INTERRUPT;
    }

    /** {@code true} once the watch aborted the connection because the transfer was idle too long. */
    boolean idleFired() {
        return fired.get() == Reason.IDLE;
    }

    private void check() {
        if (owner.isInterrupted()) {
            fire(Reason.INTERRUPT);
        } else if (idleNanos > 0 && !idleStopped && System.nanoTime() - lastProgress > idleNanos) {
            fire(Reason.IDLE);
        }
    }

    /**
     * Aborts now, as if the flag had been seen: for code that saw the interrupt itself and is about to wait
     * in a way that clears the flag (an interruptible wait catches it), which would hide it from the check.
     */
    void fire() {
        fire(Reason.INTERRUPT);
    }

    private void fire(Reason reason) {
        if (fired.compareAndSet(null, reason)) {
            ScheduledFuture<?> self = check; // null only if this runs before the constructor returned
            if (self != null) {
                self.cancel(false);
            }
            Thread aborter = new Thread(() -> {
                try {
                    abort.run();
                } catch (RuntimeException ignored) {
                    // the connection is already gone
                }
            }, "image-sdk-abort");
            aborter.setDaemon(true);
            aborter.start();
        }
    }

    @Override
    public void close() {
        idleStopped = true;
        if (check != null) {
            check.cancel(false);
        }
    }
}
