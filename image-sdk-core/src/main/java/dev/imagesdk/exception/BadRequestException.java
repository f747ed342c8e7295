package dev.imagesdk.exception;

import java.time.Duration;

/**
 * HTTP 400: the service refused the request as malformed or invalid (for example a property Glance does not allow, or a bad filter value).
 */
public class BadRequestException extends ImageServiceException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for an error answer without {@code Retry-After}.
     *
     * @param serviceMessage the message extracted from the error body (may be empty, never null)
     * @param requestId the {@code x-openstack-request-id} header, or null if absent
     */
    public BadRequestException(String serviceMessage, String requestId) {
        super(400, serviceMessage, requestId);
    }

    /**
     * The same, with the delay the service asked for in {@code Retry-After}.
     *
     * @param serviceMessage the service's own error message, or null
     * @param requestId the {@code x-openstack-request-id} of the failed request, or null
     * @param retryAfter the delay the service asked for in {@code Retry-After}, or null if it sent none
     */
    public BadRequestException(String serviceMessage, String requestId, Duration retryAfter) {
        super(400, serviceMessage, requestId, retryAfter);
    }
}
