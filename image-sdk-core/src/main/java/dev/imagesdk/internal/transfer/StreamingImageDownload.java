package dev.imagesdk.internal.transfer;

import dev.imagesdk.DownloadOptions;
import dev.imagesdk.DownloadResult;
import dev.imagesdk.ImageDownload;
import dev.imagesdk.TransferListener;
import dev.imagesdk.exception.ChecksumMismatchException;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.exception.TransportException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link ImageDownload} for both API versions, parameterised by how to read the metadata, how to build the
 * data GET and where a response carries a fallback checksum. The metadata is read first (so a concurrent
 * delete cannot make us verify against nothing); the expected checksum is the metadata's, else the data
 * response's MD5 header, else there is nothing to verify ({@link DownloadResult#algorithm()} {@code none}).
 * An image without data (HTTP 204, unless the metadata says its size is 0) fails with
 * {@link ImageSdkClientException}: an empty file is never presented as an image. One terminal call per
 * download: a second one fails with {@link ImageSdkClientException}.
 */
public final class StreamingImageDownload implements ImageDownload {

    /** Buffers in a download's ring at least (three threads share it; memory = this * buffer size). */
    static final int MIN_RING = 8;

    private final TransferEngine engine;
    private final String imageId;
    private final Supplier<DownloadMetadata> metadata;
    private final DataRequestFactory requests;
    private final Function<Map<String, List<String>>, Optional<ExpectedChecksum>> responseChecksum;
    private final ErrorStatusMapper errors;
    private final FirstOpen firstOpen;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile TransferListener listener = TransferListener.NONE;

    StreamingImageDownload(TransferEngine engine, String imageId, Supplier<DownloadMetadata> metadata,
                           DataRequestFactory requests,
                           Function<Map<String, List<String>>, Optional<ExpectedChecksum>> responseChecksum,
                           ErrorStatusMapper errors) {
        this(engine, imageId, metadata, requests, responseChecksum, errors, null);
    }

    /**
     * @param firstOpen sends the first data GET (e.g. under the call executor, for one re-authentication on
     *                  401); null sends it like every resume
     */
    StreamingImageDownload(TransferEngine engine, String imageId, Supplier<DownloadMetadata> metadata,
                           DataRequestFactory requests,
                           Function<Map<String, List<String>>, Optional<ExpectedChecksum>> responseChecksum,
                           ErrorStatusMapper errors, FirstOpen firstOpen) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.imageId = Objects.requireNonNull(imageId, "imageId");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.requests = Objects.requireNonNull(requests, "requests");
        this.responseChecksum = responseChecksum == null ? h -> Optional.empty() : responseChecksum;
        this.errors = errors == null ? ErrorStatusMapper.BASIC : errors;
        this.firstOpen = firstOpen != null ? firstOpen
                : () -> DataResponse.open(this.engine, this.requests.create(), 0, this.errors);
    }

    @Override
    public ImageDownload listener(TransferListener listener) {
        this.listener = OnceFinalProgress.wrap(listener);
        return this;
    }

    @Override
    public DownloadResult toPath(Path target) {
        return toPath(target, DownloadOptions.defaults());
    }

    @Override
    public DownloadResult toPath(Path target, DownloadOptions options) {
        Objects.requireNonNull(target, "target");
        DownloadTarget.check(target); // before any request, naming the caller's path
        DownloadOptions o = options == null ? DownloadOptions.defaults() : options;
        start();
        DownloadMetadata meta = metadata.get();
        return AtomicFileWriter.write(target, o.durable(), engine.workers(), out -> transfer(meta, out));
    }

    @Override
    public DownloadResult toOutputStream(OutputStream out) {
        Objects.requireNonNull(out, "out");
        start();
        return transfer(metadata.get(), out);
    }

    @Override
    public InputStream openStream() {
        start();
        DownloadMetadata meta = metadata.get();
        DataResponse first;
        try {
            first = firstOpen.open();
        } catch (java.io.InterruptedIOException e) { // the flag is still set
            throw new ImageSdkClientException("Download of image " + imageId + " was interrupted", e);
        } catch (IOException e) {
            throw new TransportException("Download of image " + imageId + " failed: " + e.getMessage(), e);
        }
        try {
            if (first.kind == DataResponse.Kind.NO_CONTENT && meta.size() != 0) {
                throw noData();
            }
            if (first.kind == DataResponse.Kind.RANGE_NOT_SATISFIABLE) {
                throw errors.map(first.status, first.headers, new byte[0]);
            }
            ExpectedChecksum expected = meta.expected().or(() -> responseChecksum.apply(first.headers)).orElse(null);
            return new VerifyingInputStream(engine, imageId, requests, errors, first, expected, meta.size(), listener);
        } catch (RuntimeException e) {
            first.abort();
            throw e;
        }
    }

    private void start() {
        if (!started.compareAndSet(false, true)) {
            throw new ImageSdkClientException("This download was already started (a download's terminal method "
                    + "may be called once); call download() again");
        }
    }

    private DownloadResult transfer(DownloadMetadata meta, OutputStream out) {
        // Without an expected checksum in the metadata, the response's MD5 header may still give one.
        String algorithm = meta.expected().map(ExpectedChecksum::algorithm).orElse("md5");
        MessageDigest digest = HashAlgorithms.newDigest(algorithm);
        ExpectedChecksum[] fromResponse = new ExpectedChecksum[1];
        ResumingDownloader.Result r;
        try {
            // Reads on an engine worker (so that an interrupt ends this call even while a read is blocked), writes
            // on another, hashes here.
            DownloadPipeline pipeline = new DownloadPipeline(engine.workers(), engine.config().bufferSize(),
                    Math.max(MIN_RING, engine.config().ringSize()), List.of(digest), out);
            r = pipeline.run(copier -> new ResumingDownloader(engine, imageId, requests, errors, firstOpen)
                    .download(meta.size(), copier, listener, headers -> {
                        if (meta.expected().isEmpty()) {
                            fromResponse[0] = responseChecksum.apply(headers).orElse(null);
                        }
                    }));
        } catch (InterruptedException e) { // the flag is set again
            throw new ImageSdkClientException("Download of image " + imageId + " was interrupted", e);
        } catch (ImageSdkException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ImageSdkClientException("Download of image " + imageId + " failed: " + e, e);
        }
        if (r.noData() && meta.size() != 0) { // an empty image may come as 204; it still verifies below
            throw noData();
        }
        ExpectedChecksum expected = meta.expected().orElse(fromResponse[0]);
        if (expected != null && !expected.algorithm().equals(algorithm)) {
            throw new ImageSdkClientException("The response's checksum uses " + expected.algorithm()
                    + ", expected md5");
        }
        String actual = HashAlgorithms.hex(digest);
        if (expected != null && !actual.equals(expected.hex())) {
            throw ChecksumMismatchException.download(imageId, expected.algorithm(), expected.hex(), actual);
        }
        if (meta.size() >= 0 && r.bytes() != meta.size()) {
            throw new ImageSdkClientException("Image " + imageId + ": received " + r.bytes()
                    + " bytes but its size is " + meta.size());
        }
        return expected == null
                ? new DownloadResult(imageId, r.bytes(), "none", "", r.resumes())
                : new DownloadResult(imageId, r.bytes(), expected.algorithm(), actual, r.resumes());
    }

    private ImageSdkClientException noData() {
        return new ImageSdkClientException("Image " + imageId + " has no data (HTTP 204)");
    }
}
