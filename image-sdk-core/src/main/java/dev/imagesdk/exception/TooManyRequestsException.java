package dev.imagesdk.exception;

/**
 * HTTP 429: rate limited. Retried by the SDK (honouring {@code Retry-After}) until the retry policy gives up.
 */
public class TooManyRequestsException extends ImageServiceException {
    private static final long serialVersionUID = 1L;

    public TooManyRequestsException(String serviceMessage, String requestId) {
        super(429, serviceMessage, requestId);
    }
}
