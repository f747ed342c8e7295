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

    protected ImageSdkException(String message) {
        super(message);
    }

    protected ImageSdkException(String message, Throwable cause) {
        super(message, cause);
    }
}
