package dev.imagesdk.internal.transfer;

import dev.imagesdk.ImageData;
import dev.imagesdk.ImageDownload;
import dev.imagesdk.TransferListener;
import dev.imagesdk.auth.TokenProvider;
import dev.imagesdk.exception.IdleTimeoutException;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.TransportException;
import dev.imagesdk.internal.http.CallExecutor;
import dev.imagesdk.event.CallInfo;
import dev.imagesdk.event.ImageServiceListener;
import dev.imagesdk.internal.http.CallScope;
import dev.imagesdk.internal.http.CallSpec;
import dev.imagesdk.internal.http.ClientContext;
import dev.imagesdk.internal.http.RequestDecoration;
import dev.imagesdk.internal.http.WireLogger;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The image-bytes path of both API versions, wired once onto the shared call layer: the streaming
 * {@link TransferEngine} (two-thread MD5 + SHA-512, idle watchdog, {@code Range} resume, atomic
 * {@code toPath}) under the {@link CallExecutor} (token, the one retry policy, one re-authentication on 401),
 * with the shared error mapper and wire logger.
 *
 * <p>Rules: before a transfer the token is made valid for {@link ClientContext#transferTokenValidity()}
 * (a body cannot be replayed after a 401 mid-stream). An upload is a non-idempotent call that tracks
 * whether body bytes went out: it is resent (after a connect failure, a 401 or a retryable status) only if
 * no body byte was sent and its source is replayable or unopened; anything later is the caller's decision
 * (it knows the image's status). A non-2xx answer is thrown as the mapped typed exception. A download's
 * first data GET is an idempotent call (retried on transient failures, re-authenticated once on 401);
 * each resume carries a fresh token. One per service; {@link #close()} stops the engine's threads.
 */
public final class DataTransport implements AutoCloseable {

    /** The header that carries the token (decided, like every header, by {@link RequestDecoration}). */
    public static final String TOKEN_HEADER = RequestDecoration.TOKEN_HEADER;

    private final TransferEngine engine;
    private final CallExecutor executor;
    private final TokenProvider tokens;
    private final ErrorStatusMapper errors;
    private final Duration transferTokenValidity;
    private final WireLogger wire;
    private volatile Runnable onClose = () -> { };

    /**
     * @param engine the streaming engine, with the service's wire logger (uploads and data GETs are logged to it)
     * @param tokens null without authentication
     */
    public DataTransport(TransferEngine engine, CallExecutor executor, TokenProvider tokens, ErrorStatusMapper errors,
                         Duration transferTokenValidity) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.tokens = tokens;
        this.errors = Objects.requireNonNull(errors, "errors");
        this.transferTokenValidity = Objects.requireNonNull(transferTokenValidity, "transferTokenValidity");
        this.wire = engine.wire();
    }

    /**
     * The data path of a service built on {@code ctx}: its timeouts, TLS and proxy settings and call layer.
     * Its {@link #close()} also {@linkplain ClientContext#release() releases} the context (the service's close).
     */
    public static DataTransport create(ClientContext ctx) {
        // Headers, proxy (with credentials), TLS and connect timeout: the service's one RequestDecoration, the
        // same the JSON calls use, so that nothing differs between a JSON and a data request.
        TransferEngine engine = new TransferEngine(TransferConfig.builder()
                .connectTimeout(ctx.connectTimeout())
                .idleTimeout(ctx.idleTimeout())
                .build(), ctx.wireLogger(), ctx.requestDecoration(), ctx.config().transferExecutor().orElse(null));
        DataTransport transport = new DataTransport(engine, ctx.callExecutor(), ctx.tokenProvider().orElse(null),
                ctx.errorMapper()::map, ctx.transferTokenValidity());
        transport.onClose = ctx::release; // the service's close() ends here: give back the shared HTTP client
        return transport;
    }

    /** {@code root + path} as a URL; a malformed one is the SDK's client error. */
    public static URL url(String root, String path) {
        String r = root.replaceAll("/+$", "");
        try {
            return URI.create(r + path).toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new ImageSdkClientException("Invalid image endpoint URL " + r + path + ": " + e.getMessage(), e);
        }
    }

    public TransferEngine engine() {
        return engine;
    }

    /**
     * Streams {@code data} to {@code url}, hashing it in the same pass.
     *
     * @param operation names the call in logs and retries (e.g. {@code "upload image data"})
     * @param method {@code PUT} or {@code POST}
     * @param headers request headers without the token (added per attempt)
     * @return the 2xx response with the hashes of the bytes sent
     * @throws dev.imagesdk.exception.ImageSdkException typed: the mapped status, or what the engine throws
     */
    public UploadResponse upload(String operation, String method, URL url, Map<String, String> headers, ImageData data,
                                 TransferListener listener) {
        return upload(operation, method, url, headers, data, listener, () -> { });
    }

    /**
     * As {@link #upload(String, String, URL, Map, ImageData, TransferListener)}, telling {@code onAttempt}
     * before each request is sent (retries and re-authentication replays included), so that a caller's own
     * status-aware retry can share one attempt budget with the executor's instead of multiplying it.
     */
    public UploadResponse upload(String operation, String method, URL url, Map<String, String> headers, ImageData data,
                                 TransferListener listener, Runnable onAttempt) {
        Objects.requireNonNull(onAttempt, "onAttempt");
        ensureTokenValid();
        CallSpec spec = CallSpec.builder(operation, method).idempotent(false).replayable(data.isReplayable())
                .tracksBytesSent(true).transfer(true).build();
        String shown = url.toString();
        CallInfo[] observed = new CallInfo[1];
        long started = System.nanoTime();
        UploadResponse done = executor.execute(spec, token -> {
            observed[0] = CallScope.currentCall(); // null without a listener
            onAttempt.run();
            UploadCall call = engine.newUpload(new UploadRequest(method, url, withToken(headers, token), data, operation),
                    listener);
            wire.request(method, shown, data.length().orElse(-1));
            long start = System.nanoTime();
            UploadResponse response;
            try {
                response = call.execute();
            } catch (RuntimeException e) {
                markIfConsumed(spec, call, data);
                wire.failure(method, shown, System.nanoTime() - start, e);
                throw e;
            }
            markIfConsumed(spec, call, data);
            wire.response(method, shown, response.status(), System.nanoTime() - start, response.requestId());
            CallScope.response(response.status(), response.requestId());
            return response.throwIfError(errors);
        });
        ObservedDownload.transferBytes(executor.listener(), observed[0], done.hashes().bytes(), started);
        return done;
    }

    /**
     * Reports to the service's listener whether an upload's hashes matched what the service stored (the caller
     * compares them once the image is active); nothing when {@code call} is null (no listener).
     *
     * @param call the upload call, as captured inside its attempt ({@code CallScope.currentCall()})
     * @param verified true if every compared digest matched
     */
    public void verification(CallInfo call, boolean verified) {
        ObservedDownload.verification(executor.listener(), call, verified);
    }

    /** Body bytes sent, or a one-shot source opened: the executor must not send it again. */
    private static void markIfConsumed(CallSpec spec, UploadCall call, ImageData data) {
        if (call.bodyBytesSent() || (call.sourceOpened() && !data.isReplayable())) {
            spec.markBytesSent();
        }
    }

    /**
     * A pending verified download of {@code GET url}.
     *
     * @param metadata read when the transfer starts, before any data is requested (after the token was made
     *                 valid for the transfer)
     * @param responseChecksum the data response's fallback checksum header (v2 {@code Content-MD5}, v1
     *                         {@code x-image-meta-checksum}), used when the metadata has none
     */
    public ImageDownload download(String imageId, URL url, Supplier<DownloadMetadata> metadata,
                                  Function<Map<String, List<String>>, Optional<ExpectedChecksum>> responseChecksum) {
        Supplier<DownloadMetadata> meta = () -> {
            ensureTokenValid();
            return metadata.get();
        };
        DataRequestFactory resumes = () -> new DataRequest(url, withToken(Map.of(),
                tokens == null ? null : tokens.ensureValidFor(transferTokenValidity).value()));
        ObservedDownload.Pending call = new ObservedDownload.Pending();
        ImageDownload download = new StreamingImageDownload(engine, imageId, meta, resumes, responseChecksum, errors,
                () -> openFirst(imageId, url, call));
        return executor.listener() == ImageServiceListener.NONE ? download
                : new ObservedDownload(download, executor.listener(), call);
    }

    /** The first data GET under the executor; the engine writes its wire log lines (as for every resume). */
    private DataResponse openFirst(String imageId, URL url, ObservedDownload.Pending call) throws IOException {
        try {
            // The call is the whole download: its end is reported by ObservedDownload once the bytes are verified.
            DataResponse first = executor.execute(CallSpec.builder("download image", "GET").idempotent(true)
                            .transfer(true).endedByCaller(true).build(),
                    token -> {
                        call.capture(); // for the transfer's events (nothing without a listener)
                        return DataResponse.open(engine, new DataRequest(url, withToken(Map.of(), token)), 0, errors);
                    });
            call.opened = true;
            return first;
        } catch (TransportException e) {
            // Retries are spent: report the connection failure the way the engine reports any (idle included).
            if (!(e instanceof IdleTimeoutException) && e.getCause() instanceof IOException io) {
                throw DataResponse.openFailure(engine, url, io); // with the request, for the message
            }
            throw e;
        }
    }

    private static Map<String, String> withToken(Map<String, String> headers, String tokenOrNull) {
        if (tokenOrNull == null) {
            return headers;
        }
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(TOKEN_HEADER, tokenOrNull);
        return h;
    }

    private void ensureTokenValid() {
        if (tokens != null) {
            tokens.ensureValidFor(transferTokenValidity);
        }
    }

    @Override
    public void close() {
        engine.close();
        onClose.run();
    }
}
