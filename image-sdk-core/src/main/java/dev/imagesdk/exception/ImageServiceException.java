package dev.imagesdk.exception;

import java.time.Duration;

import java.util.Optional;

/**
 * The service answered with an error status. Carries the HTTP status code, the message Glance (or
 * Keystone) gave in its error body, whichever format it used (JSON, plain text or HTML), and the
 * {@code x-openstack-request-id} to quote to an operator (absent on keystonemiddleware's 401).
 *
 * <p>Statuses with a meaning of their own have subclasses ({@link NotFoundException},
 * {@link ConflictException}, ...); any other status is thrown as this class.
 */
public class ImageServiceException extends ImageSdkException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status code. */
    private final int statusCode;
    /** The message from the error body (may be empty). */
    private final String serviceMessage;
    /** The {@code x-openstack-request-id}, or null. */
    private final String requestId;
    /** The {@code Retry-After} delay, or null. */
    private final Duration retryAfter;

    /**
     * @param statusCode the HTTP status code
     * @param serviceMessage the message extracted from the error body (may be empty, never null)
     * @param requestId the {@code x-openstack-request-id} header, or null if absent
     */
    public ImageServiceException(int statusCode, String serviceMessage, String requestId) {
        this(statusCode, serviceMessage, requestId, null);
    }

    /**
     * @param statusCode the HTTP status code
     * @param serviceMessage the message extracted from the error body (may be empty, never null)
     * @param requestId the {@code x-openstack-request-id} header, or null if absent
     * @param retryAfter the delay the service asked for in {@code Retry-After}, or null if it sent none; a
     *                   negative one counts as zero
     */
    public ImageServiceException(int statusCode, String serviceMessage, String requestId, Duration retryAfter) {
        super(format(statusCode, serviceMessage, requestId));
        this.statusCode = statusCode;
        this.serviceMessage = serviceMessage == null ? "" : serviceMessage;
        this.requestId = requestId;
        this.retryAfter = retryAfter == null || !retryAfter.isNegative() ? retryAfter : Duration.ZERO;
    }

    private static String format(int status, String message, String requestId) {
        StringBuilder sb = new StringBuilder("HTTP ").append(status);
        if (message != null && !message.isEmpty()) {
            sb.append(": ").append(message);
        }
        if (requestId != null) {
            sb.append(" (request id ").append(requestId).append(')');
        }
        return sb.toString();
    }

    /** {@return the HTTP status code the service answered with} */
    public int statusCode() {
        return statusCode;
    }

    /** {@return Glance's (or Keystone's) own message, extracted from the error body; empty if there was none} */
    public String serviceMessage() {
        return serviceMessage;
    }

    /** {@return the {@code x-openstack-request-id} of the failed request, if the service sent one} */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /**
     * {@return the delay the service asked for before trying again ({@code Retry-After}, in seconds or as a date), if
     * it sent one} The SDK's retries honour it; a caller retrying on its own should too.
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** {@return {@code true} for statuses the SDK may retry (429, 502, 503, 504)} */
    public boolean isRetryable() {
        return statusCode == 429 || statusCode == 502 || statusCode == 503 || statusCode == 504;
    }
}
