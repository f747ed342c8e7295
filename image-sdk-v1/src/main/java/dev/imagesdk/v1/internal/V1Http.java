package dev.imagesdk.v1.internal;

import dev.imagesdk.ImageData;
import dev.imagesdk.ImageDownload;
import dev.imagesdk.TransferListener;


/**
 * The seam between the v1 calls and HTTP: three shapes of exchange. Implementations add the token and
 * map error statuses to the SDK's typed exceptions (they throw, never return an error status); they
 * throw only {@link dev.imagesdk.exception.ImageSdkException}s. Thread-safe.
 *
 * <p>{@link ContextV1Http} is the binding: Feign under the core's call executor for metadata, the core's
 * shared data transport for image bytes.
 */
interface V1Http extends AutoCloseable {

    /** A metadata call; the response body is read whole (it is small JSON or empty). */
    V1Response send(V1Request request);

    /**
     * A call whose body is image data, streamed in constant memory while MD5 and SHA-512 are computed
     * over exactly the bytes sent. {@code onAttempt} runs before each request goes out (the transport's own
     * resends included), so callers can bound all attempts together.
     */
    Upload upload(V1Request request, ImageData data, TransferListener listener, Runnable onAttempt);

    /**
     * A pending, verified download of the data {@code request} ({@code GET /v1/images/{id}}) returns,
     * checked against the {@code x-image-meta-checksum} of that same response.
     */
    ImageDownload download(String imageId, V1Request request);

    /**
     * A transport sharing this one's client, token and data path whose metadata calls run with {@code options}
     * (for {@code ImageService.withOptions}); closing it does nothing.
     *
     * @param options the options to apply on top of this transport's
     * @return the transport for a view
     * @throws ImageSdkClientException if this transport takes no options (test transports)
     */
    default V1Http withOptions(dev.imagesdk.CallOptions options) {
        throw new dev.imagesdk.exception.ImageSdkClientException(getClass().getSimpleName() + " takes no call options");
    }

    /**
     * Reports whether an upload's MD5 matched the checksum the service stored to the service's listener (nothing if
     * the upload carries no call).
     *
     * @param upload the upload
     * @param verified true if the checksum matched
     */
    default void verified(Upload upload, boolean verified) {
    }

    @Override
    void close();

    /**
     * The outcome of a data upload.
     *
     * @param response the service's answer (2xx)
     * @param bytes the bytes sent
     * @param md5 hex MD5 of the bytes sent
     * @param sha512 hex SHA-512 of the bytes sent
     * @param call the upload call as the service's listener knows it; null without a listener
     */
    record Upload(V1Response response, long bytes, String md5, String sha512, dev.imagesdk.event.CallInfo call) {
        /** An upload without a call (no listener). */
        public Upload(V1Response response, long bytes, String md5, String sha512) {
            this(response, bytes, md5, sha512, null);
        }
    }
}
