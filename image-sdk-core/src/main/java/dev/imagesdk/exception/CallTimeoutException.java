package dev.imagesdk.exception;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A call ran out of its call timeout ({@code callTimeout}: the whole call, its retries, re-authentication and the
 * waits between attempts included) before it succeeded or failed otherwise. The message names the operation, the
 * timeout, the attempts made and the time spent, e.g. {@code keystone.issueToken: no answer within the call
 * timeout of 3 s (2 attempts, 3.0 s)}; the last failure of an attempt, if any, is the cause.
 *
 * <p>Why a {@link TransportException}: like a read that timed out, it means the exchange with the service did not
 * complete, not that the service refused the request; code that already treats transport failures as "the service
 * could not be reached in time" keeps working. It is never retried: the time for retries is what ran out.
 */
public class CallTimeoutException extends TransportException {
    private static final long serialVersionUID = 1L;

    /** The call timeout that ran out. */
    private final Duration callTimeout;
    /** Attempts made before the timeout. */
    private final int attempts;
    /** Time spent by the call. */
    private final Duration elapsed;

    /**
     * Creates the exception; the message is built from the arguments.
     *
     * @param operation the operation, as logs name it (e.g. {@code image.get})
     * @param callTimeout the call timeout that ran out
     * @param attempts attempts made (started) before it ran out
     * @param elapsed time the call spent
     * @param cause the last failure of an attempt, or null
     * @throws NullPointerException if {@code operation}, {@code callTimeout} or {@code elapsed} is null
     */
    public CallTimeoutException(String operation, Duration callTimeout, int attempts, Duration elapsed,
                                Throwable cause) {
        super(Objects.requireNonNull(operation, "operation") + ": no answer within the call timeout of "
                + seconds(callTimeout) + " (" + attempts + (attempts == 1 ? " attempt, " : " attempts, ")
                + String.format(Locale.ROOT, "%.1f s", elapsed.toNanos() / 1e9) + ")", cause);
        this.callTimeout = callTimeout;
        this.attempts = attempts;
        this.elapsed = elapsed;
    }

    private static String seconds(Duration d) {
        long ms = Objects.requireNonNull(d, "callTimeout").toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** {@return the call timeout that ran out} */
    public Duration callTimeout() {
        return callTimeout;
    }

    /** {@return the attempts made before the timeout ran out} */
    public int attempts() {
        return attempts;
    }

    /** {@return the time the call spent} */
    public Duration elapsed() {
        return elapsed;
    }
}
