package dev.imagesdk.internal.http;

import dev.imagesdk.event.CallInfo;
import dev.imagesdk.exception.CallTimeoutException;

import java.time.Duration;

/**
 * One call's record in {@link CallExecutor}: its attempts, the waits decided so far, its deadline and why
 * Resilience4j stopped retrying. Created per call and confined to the call's thread: this is the per-call state
 * that the call's own Resilience4j predicate and interval function read (no thread-local).
 */
final class CallRun {
    final CallSpec spec;
    final CallInfo info;
    final long start;
    final boolean bounded;
    final long deadline;
    final Duration timeout;
    int attempts;
    long totalWaitMillis;
    boolean deadlineReached;
    boolean interrupted;
    InterruptedException interruption;
    RuntimeException lastFailure;

    /**
     * @param info the call as the listener knows it; null without a listener
     * @param bounded whether the call has a deadline ({@code deadline}, a {@link System#nanoTime()} value)
     * @param timeout the call timeout that sets the deadline (for the message); null when unbounded
     */
    CallRun(CallSpec spec, CallInfo info, long start, boolean bounded, long deadline, Duration timeout) {
        this.spec = spec;
        this.info = info;
        this.start = start;
        this.bounded = bounded;
        this.deadline = deadline;
        this.timeout = timeout;
    }

    /** Whether the call's deadline has passed. */
    boolean expired() {
        return bounded && deadline - System.nanoTime() <= 0;
    }

    /** The failure of a call that ran out of time, with the last attempt's failure (if any) as its cause. */
    CallTimeoutException timedOut(Throwable lastFailure) {
        return new CallTimeoutException(spec.name(), timeout, attempts, Duration.ofNanos(System.nanoTime() - start),
                lastFailure);
    }
}
