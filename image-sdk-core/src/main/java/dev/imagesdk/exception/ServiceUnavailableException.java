package dev.imagesdk.exception;

/**
 * HTTP 503: the service is temporarily unavailable. Retried by the SDK (honouring {@code Retry-After}) until the retry policy gives up.
 */
public class ServiceUnavailableException extends ImageServiceException {
    private static final long serialVersionUID = 1L;

    public ServiceUnavailableException(String serviceMessage, String requestId) {
        super(503, serviceMessage, requestId);
    }
}
