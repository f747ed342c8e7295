package dev.imagesdk.v2.internal;

import dev.imagesdk.ImageData;
import dev.imagesdk.ImageDownload;
import dev.imagesdk.TransferListener;
import dev.imagesdk.auth.TokenProvider;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.internal.http.CallExecutor;
import dev.imagesdk.internal.http.CallSpec;
import dev.imagesdk.internal.http.WireLogger;
import dev.imagesdk.internal.transfer.DataRequest;
import dev.imagesdk.internal.transfer.DownloadMetadata;
import dev.imagesdk.internal.transfer.ErrorStatusMapper;
import dev.imagesdk.internal.transfer.ExpectedChecksum;
import dev.imagesdk.internal.transfer.TransferEngine;
import dev.imagesdk.internal.transfer.UploadCall;
import dev.imagesdk.internal.transfer.UploadRequest;
import dev.imagesdk.internal.transfer.UploadResponse;
import dev.imagesdk.model.Image;

import java.net.MalformedURLException;
import java.net.URL;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Binds {@link DataTransfer} to the core streaming engine. Uploads run under the {@link CallExecutor} as
 * non-idempotent calls that track whether body bytes went out: a failure before the first body byte (connect
 * failure, 401 then re-authentication) is retried there; a failure after it is left to
 * {@link V2ImageService}, which decides from the image's status (a blind resend would get a 409 from an
 * image that in fact became active, and turn a success into a failure). Each attempt is written to the wire
 * log. Downloads get a fresh token for every
 * attempt (resumes included) and verify against {@code os_hash_value}, else {@code checksum}, else the
 * response's {@code Content-MD5}.
 */
final class EngineDataTransfer implements DataTransfer {

    private final TransferEngine engine;
    private final CallExecutor executor;
    private final TokenProvider tokens;
    private final ErrorStatusMapper errors;
    private final String endpointRoot;
    private final Duration transferTokenValidity;
    private final WireLogger wire;

    /**
     * @param tokens null without authentication
     */
    EngineDataTransfer(TransferEngine engine, CallExecutor executor, TokenProvider tokens, ErrorStatusMapper errors,
                       String endpointRoot, Duration transferTokenValidity, WireLogger wire) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.tokens = tokens;
        this.errors = Objects.requireNonNull(errors, "errors");
        this.endpointRoot = endpointRoot.replaceAll("/+$", "");
        this.transferTokenValidity = Objects.requireNonNull(transferTokenValidity, "transferTokenValidity");
        this.wire = Objects.requireNonNull(wire, "wire");
    }

    @Override
    public UploadHashes upload(String operation, String path, Map<String, String> headers, ImageData data,
                               TransferListener listener) {
        URL url = url(path);
        if (tokens != null) {
            // A long upload must not outlive its token: the body cannot be replayed after a 401 mid-stream.
            tokens.ensureValidFor(transferTokenValidity);
        }
        CallSpec spec = CallSpec.builder(operation, "PUT").idempotent(false).replayable(data.isReplayable())
                .tracksBytesSent(true).build();
        return executor.execute(spec, token -> {
            Map<String, String> h = new LinkedHashMap<>(headers);
            if (token != null) {
                h.put("X-Auth-Token", token);
            }
            UploadCall call = engine.newUpload(new UploadRequest("PUT", url, h, data), listener);
            String shown = url.toString();
            wire.request("PUT", shown, data.length().orElse(-1));
            long start = System.nanoTime();
            UploadResponse response;
            try {
                response = call.execute();
            } catch (RuntimeException e) {
                markIfConsumed(spec, call, data);
                wire.failure("PUT", shown, System.nanoTime() - start, e);
                throw e;
            }
            markIfConsumed(spec, call, data);
            wire.response("PUT", shown, response.status(), System.nanoTime() - start, response.requestId());
            response.throwIfError(errors);
            return new UploadHashes(response.hashes().md5(), response.hashes().sha512(), response.hashes().bytes());
        });
    }

    /** Body bytes sent, or a one-shot source opened: the executor must not send it again. */
    private static void markIfConsumed(CallSpec spec, UploadCall call, ImageData data) {
        if (call.bodyBytesSent() || (call.sourceOpened() && !data.isReplayable())) {
            spec.markBytesSent();
        }
    }

    @Override
    public ImageDownload download(String imageId, Supplier<Image> metadata) {
        URL url = url("/v2/images/" + QueryEncoder.encode(imageId) + "/file");
        return engine.newDownload(imageId, () -> {
            Image image = metadata.get();
            return new DownloadMetadata(ExpectedChecksum.fromV2(image.osHashAlgo(), image.osHashValue(),
                    image.checksum(), true), image.size() == null ? -1 : image.size());
        }, () -> {
            Map<String, String> h = new LinkedHashMap<>();
            if (tokens != null) {
                h.put("X-Auth-Token", tokens.ensureValidFor(transferTokenValidity).value());
            }
            return new DataRequest(url, h);
        }, ExpectedChecksum::fromContentMd5, errors);
    }

    private URL url(String path) {
        try {
            return new URL(endpointRoot + path);
        } catch (MalformedURLException e) {
            throw new ImageSdkClientException("Invalid image endpoint URL " + endpointRoot + path, e);
        }
    }
}
