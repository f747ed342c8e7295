package dev.imagesdk.exception;

import java.time.Duration;

/**
 * A data transfer made no progress for longer than the configured idle timeout, so the SDK aborted it
 * instead of hanging. Retried like any other transport failure when the operation allows it.
 */
public class IdleTimeoutException extends TransportException {
    private static final long serialVersionUID = 1L;

    /** The idle timeout that was exceeded. */
    private final Duration idleTimeout;

    /**
     * Creates the exception; the message gets the timeout appended.
     *
     * @param message what was being transferred
     * @param idleTimeout the idle timeout that was exceeded (never null)
     */
    public IdleTimeoutException(String message, Duration idleTimeout) {
        super(message + " (no progress for " + idleTimeout.toMillis() + " ms)");
        this.idleTimeout = idleTimeout;
    }

    /** {@return the idle timeout that was exceeded} */
    public Duration idleTimeout() {
        return idleTimeout;
    }
}
