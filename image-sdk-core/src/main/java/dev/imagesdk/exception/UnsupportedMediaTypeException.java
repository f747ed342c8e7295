package dev.imagesdk.exception;

import java.time.Duration;

/**
 * HTTP 415: the content type of the request was not accepted (for example a PATCH without the Glance JSON-patch media type).
 */
public class UnsupportedMediaTypeException extends ImageServiceException {
    private static final long serialVersionUID = 1L;

    public UnsupportedMediaTypeException(String serviceMessage, String requestId) {
        super(415, serviceMessage, requestId);
    }

    /**
     * @param retryAfter the delay the service asked for in {@code Retry-After}, or null if it sent none
     */
    public UnsupportedMediaTypeException(String serviceMessage, String requestId, Duration retryAfter) {
        super(415, serviceMessage, requestId, retryAfter);
    }
}
