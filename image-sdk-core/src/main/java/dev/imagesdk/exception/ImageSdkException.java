package dev.imagesdk.exception;

import dev.imagesdk.internal.log.Redactor;

/**
 * Root of every exception thrown by image-sdk. Unchecked.
 *
 * <p>Catch this type to handle any SDK failure; catch {@link ImageServiceException} for failures the
 * service reported, or {@link ImageSdkClientException} for failures detected on this side.
 * Messages never contain secrets (tokens, passwords, application-credential secrets): besides never
 * putting one in a message, every message is passed through the SDK's redactor, which masks the user-info
 * ({@code user:password@}) of any URL in it and query parameters that carry secrets.
 */
public abstract class ImageSdkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed (never a secret)
     */
    protected ImageSdkException(String message) {
        super(Redactor.url(message));
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what failed (never a secret)
     * @param cause the underlying failure
     */
    protected ImageSdkException(String message, Throwable cause) {
        super(Redactor.url(message), cause);
    }
}
