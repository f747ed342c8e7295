package dev.imagesdk.exception;

/**
 * HTTP 403: authenticated, but not allowed (for example deleting a protected image, or publicizing an image without the admin role).
 */
public class ForbiddenException extends ImageServiceException {
    private static final long serialVersionUID = 1L;

    public ForbiddenException(String serviceMessage, String requestId) {
        super(403, serviceMessage, requestId);
    }
}
