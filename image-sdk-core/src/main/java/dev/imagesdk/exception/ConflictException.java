package dev.imagesdk.exception;

/**
 * HTTP 409: the request conflicts with the resource's state (an image id already used, data uploaded to an image that is not queued, a duplicate member).
 */
public class ConflictException extends ImageServiceException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String serviceMessage, String requestId) {
        super(409, serviceMessage, requestId);
    }
}
