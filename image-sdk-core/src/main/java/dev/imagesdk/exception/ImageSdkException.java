package dev.imagesdk.exception;

/**
 * Root of every exception thrown by image-sdk. Unchecked.
 *
 * <p>Catch this type to handle any SDK failure; catch {@link ImageServiceException} for failures the
 * service reported, or {@link ImageSdkClientException} for failures detected on this side.
 * Messages never contain secrets (tokens, passwords, application-credential secrets).
 */
public abstract class ImageSdkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed (never a secret)
     */
    protected ImageSdkException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what failed (never a secret)
     * @param cause the underlying failure
     */
    protected ImageSdkException(String message, Throwable cause) {
        super(message, cause);
    }
}
