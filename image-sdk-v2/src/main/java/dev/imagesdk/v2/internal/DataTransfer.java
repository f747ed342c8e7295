package dev.imagesdk.v2.internal;

import dev.imagesdk.ImageData;
import dev.imagesdk.ImageDownload;
import dev.imagesdk.TransferListener;
import dev.imagesdk.model.Image;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The image-bytes path (the core streaming engine in production): uploads that hash while they stream and
 * verified downloads. Implementations throw only the SDK's typed exceptions.
 */
public interface DataTransfer {

    /**
     * Sends {@code data} with {@code PUT <endpoint root><path>} as {@code application/octet-stream}
     * (fixed-length when the length is known, else chunked), hashing MD5 and SHA-512 in the same pass.
     *
     * @param path e.g. {@code /v2/images/<id>/file} or {@code /v2/images/<id>/stage}
     * @param headers extra headers ({@code x-openstack-image-size}, {@code X-Image-Meta-Store})
     */
    UploadHashes upload(String operation, String path, Map<String, String> headers, ImageData data,
                        TransferListener listener);

    /**
     * As {@link #upload(String, String, Map, ImageData, TransferListener)}, running {@code onAttempt} before
     * each request is sent (the transport's own resends included), so a caller's status-aware retry can share
     * one attempt budget with them instead of multiplying it.
     */
    default UploadHashes upload(String operation, String path, Map<String, String> headers, ImageData data,
                                TransferListener listener, Runnable onAttempt) {
        onAttempt.run();
        return upload(operation, path, headers, data, listener);
    }

    /**
     * A pending verified download of {@code GET <endpoint root>/v2/images/<id>/file}.
     *
     * @param metadata reads the image (for the expected checksum and size) when the transfer starts
     */
    ImageDownload download(String imageId, Supplier<Image> metadata);

    /**
     * Reports the result of comparing an upload's hashes with what the service stored to the service's listener
     * (nothing if the hashes carry no call).
     *
     * @param sent the hashes of the upload
     * @param verified true if every compared digest matched
     */
    default void verified(UploadHashes sent, boolean verified) {
    }
}
