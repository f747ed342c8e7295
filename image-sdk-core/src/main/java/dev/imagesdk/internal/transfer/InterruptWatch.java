package dev.imagesdk.internal.transfer;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes a blocking {@link java.net.HttpURLConnection} transfer interruptible. A thread blocked in a socket
 * read or write ignores {@link Thread#interrupt()} (classic sockets are not interruptible channels), so a
 * stalled server would hold an interrupted caller until the idle timeout. The watch checks the transferring
 * thread's interrupt flag every {@link #PERIOD} on the engine's timer and, once it is set, runs the abort
 * action (disconnect: closes the socket, which fails a blocked write or a wait for the status line at once)
 * on a thread of its own. A blocked body read is different: {@code disconnect()} waits for it (the JDK
 * holds a lock during the read), so downloads also run on a worker ({@link InterruptibleRun}) and the caller
 * stops waiting at once. The flag itself is
 * never cleared; the transfer code sees it and reports an interruption. {@link #close()} when the
 * connection is done with.
 */
final class InterruptWatch implements AutoCloseable {

    /** How often the flag is checked: the delay between an interrupt and the end of a blocked transfer. */
    static final Duration PERIOD = Duration.ofMillis(50);

    private final Thread owner;
    private final Runnable abort;
    private final AtomicBoolean fired = new AtomicBoolean();
    private final ScheduledFuture<?> check;

    /** Watches the calling thread. If the timer is shut down (engine closed) the watch does nothing. */
    InterruptWatch(ScheduledExecutorService timer, Runnable abort) {
        this.owner = Thread.currentThread();
        this.abort = abort;
        ScheduledFuture<?> scheduled;
        try {
            scheduled = timer.scheduleWithFixedDelay(this::check, PERIOD.toMillis(), PERIOD.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            scheduled = null;
        }
        this.check = scheduled;
    }

    /** {@code true} once the watch aborted the connection because the thread was interrupted. */
    boolean fired() {
        return fired.get();
    }

    private void check() {
        if (owner.isInterrupted()) {
            fire();
        }
    }

    /**
     * Aborts now, as if the flag had been seen: for code that saw the interrupt itself and is about to wait
     * in a way that clears the flag (an interruptible wait catches it), which would hide it from the check.
     */
    void fire() {
        if (fired.compareAndSet(false, true)) {
            ScheduledFuture<?> self = check; // null only if this runs before the constructor returned
            if (self != null) {
                self.cancel(false);
            }
            // Not on the timer thread: disconnect() can wait for a body read in progress (until it times out),
            // and the timer serves every transfer's watches.
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
        if (check != null) {
            check.cancel(false);
        }
    }
}
