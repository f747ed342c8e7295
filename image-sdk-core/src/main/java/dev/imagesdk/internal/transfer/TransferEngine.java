package dev.imagesdk.internal.transfer;

import dev.imagesdk.TransferListener;
import dev.imagesdk.internal.http.RequestDecoration;
import dev.imagesdk.internal.http.WireLogger;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Entry point of the streaming data path: owns the configuration, the worker threads of the pipelined
 * hasher (daemon, cached: one busy thread per running transfer) and a one-thread timer for idle
 * watchdogs. One per {@code ImageService}; {@link #close()} stops the threads (running transfers then
 * finish on their calling thread).
 */
public final class TransferEngine implements AutoCloseable {

    private final TransferConfig config;
    private final ExecutorService workers;
    private final ScheduledThreadPoolExecutor timer;
    private final HttpSupport http;
    private final WireLogger wire;

    public TransferEngine(TransferConfig config) {
        this(config, new WireLogger());
    }

    /**
     * @param wire the SDK's wire logger, for each data GET attempt (resumes included); uploads are logged by
     *             the caller around {@link UploadCall#execute()}
     */
    public TransferEngine(TransferConfig config, WireLogger wire) {
        this(config, wire, RequestDecoration.builder().connectTimeout(config.connectTimeout())
                .proxySelector(config.proxySelector()).sslSocketFactory(config.sslSocketFactory())
                .hostnameVerifier(config.hostnameVerifier()).build());
    }

    /**
     * @param wire as above
     * @param decoration decides every header and connection setting of each request (the service's, shared with
     *                   its JSON calls); the connection settings of {@code config} are then not used
     */
    public TransferEngine(TransferConfig config, WireLogger wire, RequestDecoration decoration) {
        this.config = Objects.requireNonNull(config, "config");
        this.wire = Objects.requireNonNull(wire, "wire");
        this.workers = Executors.newCachedThreadPool(daemonThreads("image-sdk-transfer-"));
        this.timer = new ScheduledThreadPoolExecutor(1, daemonThreads("image-sdk-watchdog-"));
        this.timer.setRemoveOnCancelPolicy(true);
        this.http = new HttpSupport(config, Objects.requireNonNull(decoration, "decoration"));
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    public TransferConfig config() {
        return config;
    }

    /** A new upload; nothing is sent until {@link UploadCall#execute()}. */
    public UploadCall newUpload(UploadRequest request, TransferListener listener) {
        return new UploadCall(this, request, OnceFinalProgress.wrap(listener));
    }

    /**
     * A pending verified download of one image.
     *
     * @param imageId for results and error messages
     * @param metadata fetched once, before any data is requested (expected checksum and size)
     * @param requests builds the data GET (URL and headers, e.g. a fresh token) for each attempt; the engine
     *                 adds {@code Range}
     * @param responseChecksum the fallback expected checksum from the data response's headers, used only
     *                         when {@code metadata} has none (v2: {@code Content-MD5}; v1:
     *                         {@code x-image-meta-checksum}); it must be MD5
     * @param errors maps error statuses to typed exceptions
     */
    public StreamingImageDownload newDownload(String imageId, Supplier<DownloadMetadata> metadata,
                                              DataRequestFactory requests,
                                              Function<Map<String, List<String>>, Optional<ExpectedChecksum>>
                                                      responseChecksum,
                                              ErrorStatusMapper errors) {
        return new StreamingImageDownload(this, imageId, metadata, requests, responseChecksum, errors);
    }

    PipelinedCopy pipeline() {
        return new PipelinedCopy(workers, config.bufferSize(), config.ringSize());
    }

    /** The engine's worker threads (daemon, cached). */
    ExecutorService workers() {
        return workers;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    WireLogger wire() {
        return wire;
    }

    HttpSupport http() {
        return http;
    }

    @Override
    public void close() {
        workers.shutdown();
        timer.shutdownNow();
    }
}
