package dev.imagesdk.exception;

/**
 * The exchange with the service failed below HTTP: connection refused or reset, TLS failure, a body cut
 * short, or a read that timed out; thrown once the retry policy has given up (or immediately when the
 * request could not be retried safely, e.g. an upload from a one-shot stream).
 */
public class TransportException extends ImageSdkClientException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with its cause.
     *
     * @param message what failed (never a secret)
     * @param cause the underlying failure
     */
    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates the exception.
     *
     * @param message what failed (never a secret)
     */
    public TransportException(String message) {
        super(message);
    }
}
