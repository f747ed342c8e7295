package dev.imagesdk.v2.internal;

import dev.imagesdk.ImageData;
import dev.imagesdk.ImageDownload;
import dev.imagesdk.TransferListener;
import dev.imagesdk.event.CallInfo;
import dev.imagesdk.internal.http.CallScope;
import dev.imagesdk.internal.transfer.DataTransport;
import dev.imagesdk.internal.transfer.DownloadMetadata;
import dev.imagesdk.internal.transfer.ExpectedChecksum;
import dev.imagesdk.internal.transfer.UploadResponse;
import dev.imagesdk.model.Image;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Binds {@link DataTransfer} to the core's shared {@link DataTransport} (token, retry, re-authentication,
 * wire log, error mapping: see there). What is v2's own: uploads are {@code PUT}s whose failure after the
 * first body byte is left to {@link V2ImageData}, which decides from the image's status (a blind resend
 * would get a 409 from an image that in fact became active); downloads verify against {@code os_hash_value},
 * else {@code checksum}, else the response's {@code Content-MD5}.
 */
final class EngineDataTransfer implements DataTransfer {

    private final DataTransport transport;
    private final String endpointRoot;

    EngineDataTransfer(DataTransport transport, String endpointRoot) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.endpointRoot = Objects.requireNonNull(endpointRoot, "endpointRoot");
    }

    @Override
    public UploadHashes upload(String operation, String path, Map<String, String> headers, ImageData data,
                               TransferListener listener) {
        return upload(operation, path, headers, data, listener, () -> { });
    }

    @Override
    public UploadHashes upload(String operation, String path, Map<String, String> headers, ImageData data,
                               TransferListener listener, Runnable onAttempt) {
        CallInfo[] call = new CallInfo[1];
        UploadResponse r = transport.upload(operation, "PUT", DataTransport.url(endpointRoot, path), headers, data,
                listener, () -> {
                    call[0] = CallScope.currentCall(); // runs inside the attempt; null without a listener
                    onAttempt.run();
                });
        return new UploadHashes(r.hashes().md5(), r.hashes().sha512(), r.hashes().bytes(), call[0]);
    }

    @Override
    public void verified(UploadHashes sent, boolean verified) {
        transport.verification(sent.call(), verified);
    }

    @Override
    public ImageDownload download(String imageId, Supplier<Image> metadata) {
        return transport.download(imageId,
                DataTransport.url(endpointRoot, V2Context.imagePath(imageId) + "/file"), () -> {
                    Image image = metadata.get();
                    return new DownloadMetadata(ExpectedChecksum.fromV2(image.osHashAlgo(), image.osHashValue(),
                            image.checksum(), true), image.size() == null ? -1 : image.size());
                }, ExpectedChecksum::fromContentMd5);
    }
}
