package dev.imagesdk.internal.transfer;

import dev.imagesdk.TransferListener;
import dev.imagesdk.exception.IdleTimeoutException;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.exception.TransportException;
import dev.imagesdk.internal.http.ExchangeFailure;
import dev.imagesdk.internal.http.TransportFailures;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Streams one image's data into a sink while hashing (through a {@link DownloadPipeline}: this loop reads, the
 * pipeline's writer and hasher overlap it), resuming with {@code Range: bytes=<reached>-} after a
 * connection failure, an early end of the body or an idle timeout, up to
 * {@link TransferConfig#maxResumes()} times. The same digests continue across attempts: nothing already
 * written is read or hashed again.
 */
final class ResumingDownloader {

    /**
     * @param bytes bytes written to the sink (and hashed)
     * @param resumes how many Range requests were needed
     * @param firstHeaders headers of the first data response
     * @param noData the service answered 204 (the image has no data)
     */
    record Result(long bytes, int resumes, Map<String, List<String>> firstHeaders, boolean noData) {
    }

    private final TransferEngine engine;
    private final String imageId;
    private final DataRequestFactory requests;
    private final ErrorStatusMapper errors;
    private final FirstOpen firstOpen;

    ResumingDownloader(TransferEngine engine, String imageId, DataRequestFactory requests, ErrorStatusMapper errors,
                       FirstOpen firstOpen) {
        this.engine = engine;
        this.imageId = imageId;
        this.requests = requests;
        this.errors = errors;
        this.firstOpen = firstOpen;
    }

    /**
     * @param expectedSize the image size from the metadata, or -1
     * @param onFirstResponse called with the first response's headers before any byte is copied
     */
    Result download(long expectedSize, DownloadPipeline pipeline, TransferListener listener,
                    Consumer<Map<String, List<String>>> onFirstResponse) {
        int maxResumes = engine.config().maxResumes();
        long reached = 0;
        int resumes = 0;
        Map<String, List<String>> firstHeaders = null;
        long total = expectedSize;
        while (true) {
            DataResponse response;
            try {
                response = firstHeaders == null && reached == 0 ? firstOpen.open()
                        : DataResponse.open(engine, requests.create(), reached, errors);
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw interrupted(reached, e);
                }
                if (firstHeaders == null || resumes >= maxResumes) {
                    throw transportFailure(e, reached, resumes); // before any response: the retry policy's job
                }
                resumes++;
                continue;
            }
            if (firstHeaders == null) {
                firstHeaders = response.headers;
                onFirstResponse.accept(firstHeaders);
            }
            switch (response.kind) {
                case NO_CONTENT:
                    response.close();
                    if (reached > 0) {
                        throw new TransportException("Image " + imageId + " answered 204 (no data) after "
                                + reached + " bytes were received");
                    }
                    listener.onProgress(0, 0);
                    return new Result(0, resumes, firstHeaders, true);
                case RANGE_NOT_SATISFIABLE:
                    response.close();
                    long size = response.total >= 0 ? response.total : expectedSize;
                    if (reached > 0 && size == reached) {
                        listener.onProgress(reached, reached); // the previous attempt had in fact finished
                        return new Result(reached, resumes, firstHeaders, false);
                    }
                    throw errors.map(response.status, response.headers, new byte[0]);
                case DATA:
                default:
                    break;
            }
            if (total < 0 && response.total >= 0) {
                total = response.total;
            }
            long knownTotal = total;
            PipelinedCopy.Outcome outcome;
            try {
                outcome = pipeline.copy(response.body, written -> listener.onProgress(written, knownTotal));
            } catch (RuntimeException e) {
                response.abort();
                throw e;
            }
            reached += outcome.bytes();
            IOException cut;
            switch (outcome.status()) {
                case COMPLETE:
                    if (response.remaining >= 0 && outcome.bytes() < response.remaining) {
                        cut = new EOFException("the body ended after " + outcome.bytes() + " of "
                                + response.remaining + " bytes");
                    } else if (response.remaining < 0 && expectedSize >= 0 && reached < expectedSize) {
                        cut = new EOFException("the body ended at byte " + reached + " of " + expectedSize);
                    } else {
                        response.close();
                        listener.onProgress(reached, total);
                        return new Result(reached, resumes, firstHeaders, false);
                    }
                    break;
                case SOURCE_FAILED:
                    cut = outcome.failure() instanceof IOException io ? io : new IOException(outcome.failure());
                    break;
                case SINK_FAILED:
                default:
                    response.abort();
                    Throwable f = outcome.failure();
                    if (f instanceof ImageSdkException ise) {
                        throw ise;
                    }
                    throw new ImageSdkClientException(f instanceof IOException
                            ? "Could not write the data of image " + imageId + " after " + reached + " bytes: " + f
                            : "Download of image " + imageId + " aborted after " + reached + " bytes: " + f, f);
            }
            response.abort();
            if (Thread.currentThread().isInterrupted()) {
                throw interrupted(reached, cut);
            }
            cut = DataResponse.cutShort(response, cut, outcome.bytes());
            if (resumes >= maxResumes) {
                throw transportFailure(cut, reached, resumes);
            }
            resumes++;
        }
    }

    /** The thread was interrupted (the flag stays set): the transfer ends here, without resuming. */
    private ImageSdkClientException interrupted(long reached, Throwable cause) {
        return new ImageSdkClientException("Download of image " + imageId + " was interrupted at byte " + reached,
                cause);
    }

    private TransportException transportFailure(IOException failure, long reached, int resumes) {
        IOException e = ExchangeFailure.unwrap(failure);
        String where = "Download of image " + imageId + " failed at byte " + reached
                + (resumes > 0 ? " after " + resumes + " resumes" : "");
        if (e instanceof SocketTimeoutException) {
            IdleTimeoutException idle = new IdleTimeoutException(where, engine.config().idleTimeout());
            idle.initCause(e);
            return idle;
        }
        if (failure instanceof ExchangeFailure ef) { // the request and the cause in words
            return new TransportException(TransportFailures.describe("download image " + imageId, ef.method(),
                    ef.url(), e, ef.timeout(), ef.connectTimeout(), ef.bodyBytes()) + " (the download stopped at byte "
                    + reached + (resumes > 0 ? " after " + resumes + " resumes" : "") + ")", e);
        }
        return new TransportException(where + ": " + e.getMessage(), e);
    }
}
