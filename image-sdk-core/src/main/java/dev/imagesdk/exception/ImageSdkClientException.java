package dev.imagesdk.exception;

/**
 * A failure detected on the client side: the request was never sent (invalid input, configuration), or
 * the exchange could not be completed or trusted (I/O failure, idle timeout, checksum mismatch).
 *
 * <p>The generic instance is used for client-side failures that have no more specific subclass, such as an
 * unreadable local file.
 */
public class ImageSdkClientException extends ImageSdkException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed (never a secret)
     */
    public ImageSdkClientException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what failed (never a secret)
     * @param cause the underlying failure
     */
    public ImageSdkClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
