package dev.imagesdk.internal.transfer;

import dev.imagesdk.exception.ImageServiceException;

import java.util.List;
import java.util.Map;

/**
 * What the service answered to an upload. Error statuses are returned, not thrown: the caller maps them
 * (its retry policy needs the status and {@link #bodyBytesSent()}).
 *
 * @param status the HTTP status
 * @param headers the response headers (case-insensitive names)
 * @param body the start of the response body (bounded by {@link TransferConfig#maxResponseBody()})
 * @param hashes digests of the bytes sent; for an error status after a partial body they cover the bytes
 *               sent so far
 * @param bodyBytesSent {@code true} if any byte of the body was written to the connection
 */
public record UploadResponse(int status, Map<String, List<String>> headers, byte[] body, Hashes hashes,
                             boolean bodyBytesSent) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The {@code x-openstack-request-id}, or null. */
    public String requestId() {
        return HttpSupport.firstHeader(headers, "x-openstack-request-id");
    }

    /** Returns this response if it is a success, else throws what {@code mapper} maps it to. */
    public UploadResponse throwIfError(ErrorStatusMapper mapper) {
        if (isSuccess()) {
            return this;
        }
        ImageServiceException e = mapper.map(status, headers, body);
        throw e;
    }
}
