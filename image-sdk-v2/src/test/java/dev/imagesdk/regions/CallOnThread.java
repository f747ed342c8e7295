package dev.imagesdk.regions;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A call run on a thread of its own, to be interrupted: keeps what it returned (or the exception it threw) and
 * whether its thread's interrupt flag was still set when it ended.
 */
final class CallOnThread {

    private final AtomicReference<Object> outcome = new AtomicReference<>();
    private final AtomicBoolean flagKept = new AtomicBoolean();
    private final Thread thread;

    CallOnThread(Supplier<?> call) {
        thread = new Thread(() -> {
            try {
                outcome.set(call.get());
            } catch (RuntimeException e) {
                outcome.set(e);
            }
            flagKept.set(Thread.currentThread().isInterrupted());
        }, "call-on-thread");
        thread.start();
    }

    /** Interrupts the call and waits for it to end (at most 15 s, else the test fails); returns how long it took. */
    Duration interruptAndJoin() throws InterruptedException {
        long start = System.nanoTime();
        thread.interrupt();
        thread.join(15_000);
        assertThat(thread.isAlive()).as("the call is still running 15 s after the interrupt").isFalse();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** What the call returned, or the exception it threw. */
    Object outcome() {
        return outcome.get();
    }

    /** Whether the interrupt flag was set when the call ended. */
    boolean flagKept() {
        return flagKept.get();
    }
}
