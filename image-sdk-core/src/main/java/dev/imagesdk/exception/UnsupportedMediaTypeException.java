package dev.imagesdk.exception;

import java.time.Duration;

/**
 * HTTP 415: the content type of the request was not accepted (for example a PATCH without the Glance JSON-patch media type).
 */
public class UnsupportedMediaTypeException extends ImageServiceException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for an error answer without {@code Retry-After}.
     *
     * @param serviceMessage the message extracted from the error body (may be empty, never null)
     * @param requestId the {@code x-openstack-request-id} header, or null if absent
     */
    public UnsupportedMediaTypeException(String serviceMessage, String requestId) {
        super(415, serviceMessage, requestId);
    }

    /**
     * The same, with the delay the service asked for in {@code Retry-After}.
     *
     * @param serviceMessage the service's own error message, or null
     * @param requestId the {@code x-openstack-request-id} of the failed request, or null
     * @param retryAfter the delay the service asked for in {@code Retry-After}, or null if it sent none
     */
    public UnsupportedMediaTypeException(String serviceMessage, String requestId, Duration retryAfter) {
        super(415, serviceMessage, requestId, retryAfter);
    }
}
