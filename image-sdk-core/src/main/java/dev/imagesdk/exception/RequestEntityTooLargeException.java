package dev.imagesdk.exception;

/**
 * HTTP 413: over a limit, such as Glance's {@code image_size_cap} or a per-project storage quota.
 */
public class RequestEntityTooLargeException extends ImageServiceException {
    private static final long serialVersionUID = 1L;

    public RequestEntityTooLargeException(String serviceMessage, String requestId) {
        super(413, serviceMessage, requestId);
    }
}
