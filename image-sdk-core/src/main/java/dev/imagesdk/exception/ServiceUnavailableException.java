package dev.imagesdk.exception;

import java.time.Duration;

/**
 * HTTP 503: the service is temporarily unavailable. Retried by the SDK (honouring {@code Retry-After}) until the retry policy gives up.
 */
public class ServiceUnavailableException extends ImageServiceException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for an error answer without {@code Retry-After}.
     *
     * @param serviceMessage the message extracted from the error body (may be empty, never null)
     * @param requestId the {@code x-openstack-request-id} header, or null if absent
     */
    public ServiceUnavailableException(String serviceMessage, String requestId) {
        super(503, serviceMessage, requestId);
    }

    /**
     * The same, with the delay the service asked for in {@code Retry-After}.
     *
     * @param serviceMessage the service's own error message, or null
     * @param requestId the {@code x-openstack-request-id} of the failed request, or null
     * @param retryAfter the delay the service asked for in {@code Retry-After}, or null if it sent none
     */
    public ServiceUnavailableException(String serviceMessage, String requestId, Duration retryAfter) {
        super(503, serviceMessage, requestId, retryAfter);
    }
}
