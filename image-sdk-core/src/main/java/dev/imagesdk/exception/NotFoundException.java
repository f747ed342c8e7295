package dev.imagesdk.exception;

import java.time.Duration;

/**
 * HTTP 404: the image (or member, task, namespace...) does not exist, or is not visible to this project (Glance answers 404, not 403, for another project's private image).
 */
public class NotFoundException extends ImageServiceException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for an error answer without {@code Retry-After}.
     *
     * @param serviceMessage the message extracted from the error body (may be empty, never null)
     * @param requestId the {@code x-openstack-request-id} header, or null if absent
     */
    public NotFoundException(String serviceMessage, String requestId) {
        super(404, serviceMessage, requestId);
    }

    /**
     * The same, with the delay the service asked for in {@code Retry-After}.
     *
     * @param serviceMessage the service's own error message, or null
     * @param requestId the {@code x-openstack-request-id} of the failed request, or null
     * @param retryAfter the delay the service asked for in {@code Retry-After}, or null if it sent none
     */
    public NotFoundException(String serviceMessage, String requestId, Duration retryAfter) {
        super(404, serviceMessage, requestId, retryAfter);
    }
}
