package dev.imagesdk.internal.transfer;

import dev.imagesdk.exception.ImageServiceException;

import java.util.List;
import java.util.Map;

/**
 * Turns an error response into a typed exception. The SDK's shared error mapper implements this; the
 * transfer engine only depends on this interface.
 */
@FunctionalInterface
public interface ErrorStatusMapper {

    /**
     * @param status the HTTP status (>= 300)
     * @param headers the response headers (case-insensitive keys)
     * @param body the start of the response body (bounded, may be empty)
     */
    ImageServiceException map(int status, Map<String, List<String>> headers, byte[] body);

    /** A fallback that keeps the status and {@code x-openstack-request-id} only. */
    ErrorStatusMapper BASIC = (status, headers, body) ->
            new ImageServiceException(status, "", HttpSupport.firstHeader(headers, "x-openstack-request-id"));
}
