package dev.imagesdk.v1.internal;

import dev.imagesdk.ImageData;
import dev.imagesdk.ImageDownload;
import dev.imagesdk.TransferListener;
import dev.imagesdk.auth.TokenProvider;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.exception.NotFoundException;
import dev.imagesdk.internal.http.CallSpec;
import dev.imagesdk.internal.http.ClientContext;
import dev.imagesdk.internal.http.ErrorMapper;
import dev.imagesdk.internal.transfer.DataRequest;
import dev.imagesdk.internal.transfer.DownloadMetadata;
import dev.imagesdk.internal.transfer.ExpectedChecksum;
import dev.imagesdk.internal.transfer.TransferConfig;
import dev.imagesdk.internal.transfer.TransferEngine;
import dev.imagesdk.internal.transfer.UploadCall;
import dev.imagesdk.internal.transfer.UploadRequest;
import dev.imagesdk.internal.transfer.UploadResponse;

import java.net.URI;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The production {@link V1Http}: every call runs through the core's {@link dev.imagesdk.internal.http.CallExecutor}
 * (token, the one retry policy, one re-authentication on 401, typed errors) with the shared
 * {@link ErrorMapper} and wire logger; image bytes go through the core's {@link TransferEngine} (two-thread
 * MD5 + SHA-512, idle watchdog, verified downloads with {@code Range} resume and atomic {@code toPath}).
 *
 * <p>Retry rules per call: HEAD, GET, DELETE and metadata PUT are idempotent; a metadata POST is a create
 * with a client-chosen id, so it is retried too (a 409 on the retry is resolved by the caller); a 404 on a
 * retried DELETE counts as success; a data upload is retried only from a replayable source and only if no
 * byte of the body was sent.
 */
final class ContextV1Http implements V1Http {

    private final ClientContext ctx;
    private final UrlConnectionV1Http raw;
    private final TransferEngine engine;

    ContextV1Http(ClientContext ctx) {
        this.ctx = ctx;
        URI root = URI.create(stripSlash(ctx.imageEndpoint().toString()) + "/v1");
        ErrorMapper errors = ctx.errorMapper();
        this.raw = new UrlConnectionV1Http(root, null, ctx.connectTimeout(), ctx.requestTimeout(),
                ctx.sslContext().getSocketFactory(), ctx.hostnameVerifier(), ctx.proxySelector(), errors::map);
        this.engine = new TransferEngine(TransferConfig.builder()
                .connectTimeout(ctx.connectTimeout())
                .idleTimeout(ctx.idleTimeout())
                .sslSocketFactory(ctx.sslContext().getSocketFactory())
                .hostnameVerifier(ctx.hostnameVerifier())
                .build());
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public V1Response send(V1Request request) {
        CallSpec spec = CallSpec.builder("v1 " + request.method() + " " + pathOnly(request), request.method())
                // Every v1 metadata POST is a create carrying a client-chosen id: a repeat cannot duplicate
                // (it gets 409, which V1ImageService resolves by reading the image back).
                .idempotent(true)
                .build();
        URL url = raw.url(request);
        boolean notFoundOnRetryIsSuccess = request.notFoundOnRetryIsSuccess();
        int[] attempts = {0};
        return ctx.callExecutor().execute(spec, token -> {
            attempts[0]++;
            long start = System.nanoTime();
            ctx.wireLogger().request(request.method(), url.toString(), request.body() == null ? 0 : request.body().length);
            try {
                V1Response r = raw.send(request, token);
                ctx.wireLogger().response(request.method(), url.toString(), r.status(), System.nanoTime() - start,
                        r.header("x-openstack-request-id"));
                return r;
            } catch (NotFoundException e) {
                ctx.wireLogger().failure(request.method(), url.toString(), System.nanoTime() - start, e);
                if (notFoundOnRetryIsSuccess && attempts[0] > 1) {
                    return new V1Response(200, Map.of(), new byte[0]);
                }
                throw e;
            } catch (RuntimeException e) {
                ctx.wireLogger().failure(request.method(), url.toString(), System.nanoTime() - start, e);
                throw e;
            }
        });
    }

    @Override
    public Upload upload(V1Request request, ImageData data, TransferListener listener) {
        ensureTokenValidForTransfer();
        CallSpec spec = CallSpec.builder("v1 upload " + pathOnly(request), request.method())
                .idempotent(false)
                .replayable(data.isReplayable())
                .tracksBytesSent(true)
                .build();
        URL url = raw.url(request);
        return ctx.callExecutor().execute(spec, token -> {
            Map<String, String> headers = new LinkedHashMap<>(request.headers());
            if (token != null) {
                headers.put(UrlConnectionV1Http.TOKEN_HEADER, token);
            }
            UploadCall call = engine.newUpload(new UploadRequest(request.method(), url, headers, data), listener);
            long start = System.nanoTime();
            ctx.wireLogger().request(request.method(), url.toString(), data.length().orElse(-1));
            UploadResponse r;
            try {
                r = call.execute();
            } catch (ImageSdkException e) {
                markIfUsed(spec, call, data);
                ctx.wireLogger().failure(request.method(), url.toString(), System.nanoTime() - start, e);
                throw e;
            }
            markIfUsed(spec, call, data);
            ctx.wireLogger().response(request.method(), url.toString(), r.status(), System.nanoTime() - start,
                    r.requestId());
            if (!r.isSuccess()) {
                throw ctx.errorMapper().map(r.status(), r.headers(), r.body());
            }
            return new Upload(new V1Response(r.status(), r.headers(), r.body()), r.hashes().bytes(),
                    r.hashes().md5(), r.hashes().sha512());
        });
    }

    /** A body byte sent, or a one-shot source consumed, means this attempt cannot simply be replayed. */
    private static void markIfUsed(CallSpec spec, UploadCall call, ImageData data) {
        if (call.bodyBytesSent() || (call.sourceOpened() && !data.isReplayable())) {
            spec.markBytesSent();
        }
    }

    @Override
    public ImageDownload download(String imageId, V1Request request) {
        URL url = raw.url(request);
        // In v1 the data response's own headers are the image's metadata (x-image-meta-checksum): verify
        // against those, from the first response, across any Range resumes.
        return new SingleUseDownload(engine.newDownload(imageId,
                () -> {
                    ensureTokenValidForTransfer();
                    return new DownloadMetadata(Optional.empty(), -1);
                },
                () -> new DataRequest(url, tokenHeaders()),
                ExpectedChecksum::fromV1,
                ctx.errorMapper()::map));
    }

    private Map<String, String> tokenHeaders() {
        Optional<TokenProvider> tokens = ctx.tokenProvider();
        return tokens.isPresent() ? Map.of(UrlConnectionV1Http.TOKEN_HEADER, tokens.get().token().value()) : Map.of();
    }

    private void ensureTokenValidForTransfer() {
        ctx.tokenProvider().ifPresent(t -> t.ensureValidFor(ctx.transferTokenValidity()));
    }

    private static String pathOnly(V1Request r) {
        int q = r.path().indexOf('?');
        return q < 0 ? r.path() : r.path().substring(0, q);
    }

    @Override
    public void close() {
        engine.close();
    }
}
