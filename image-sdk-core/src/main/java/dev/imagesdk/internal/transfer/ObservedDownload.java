package dev.imagesdk.internal.transfer;

import dev.imagesdk.DownloadResult;
import dev.imagesdk.ImageDownload;
import dev.imagesdk.TransferListener;
import dev.imagesdk.event.CallInfo;
import dev.imagesdk.event.ImageServiceListener;
import dev.imagesdk.exception.ChecksumMismatchException;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.internal.http.CallExecutor;
import dev.imagesdk.internal.http.CallScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A download that reports to the service's {@link ImageServiceListener} once it ends: the bytes received
 * ({@code transferBytes}), the result of the checksum comparison ({@code verification}: true when a checksum
 * was compared and matched, false on a {@link ChecksumMismatchException}; not reported when there was nothing to
 * compare), then the end of the call ({@code callEnd}, or {@code callFailed} with what the caller gets). The call
 * is the download's first data GET, which {@link CallExecutor} does not end itself ({@link
 * dev.imagesdk.internal.http.CallSpec#endedByCaller()}): it lasts until the bytes are written and verified. For
 * {@link #openStream()} the call ends when the stream is handed over (its bytes are verified as the caller reads
 * them). Used only when a listener is registered; the download itself is unchanged.
 */
final class ObservedDownload implements ImageDownload {

    private static final Logger LOG = LoggerFactory.getLogger(ObservedDownload.class);

    private final ImageDownload delegate;
    private final ImageServiceListener listener;
    private final Pending call;

    ObservedDownload(ImageDownload delegate, ImageServiceListener listener, Pending call) {
        this.delegate = delegate;
        this.listener = listener;
        this.call = call;
    }

    /** The download's call as its first data GET left it: written inside the executor's attempt, read here after. */
    static final class Pending {
        private CallInfo info;
        private long start;
        private int attempts;
        /** Whether the first data GET succeeded (its call then waits for {@link ObservedDownload} to end it). */
        volatile boolean opened;

        /** Inside an attempt: the call in flight, its start and attempt number. */
        void capture() {
            info = CallScope.currentCall();
            start = CallScope.currentCallStart();
            attempts = CallScope.currentAttempt();
        }

        CallInfo get() {
            return info;
        }
    }

    private void end(ImageSdkException failureOrNull) {
        if (call.opened) {
            CallExecutor.endOfCall(listener, call.info, call.start, call.attempts, failureOrNull);
        }
    }

    private void end(RuntimeException failure) {
        end(failure instanceof ImageSdkException ? (ImageSdkException) failure
                : new ImageSdkClientException("download failed: " + failure, failure));
    }

    @Override
    public ImageDownload listener(TransferListener transferListener) {
        delegate.listener(transferListener);
        return this;
    }

    @Override
    public DownloadResult toPath(Path target) {
        return observed(() -> delegate.toPath(target));
    }

    @Override
    public DownloadResult toPath(Path target, dev.imagesdk.DownloadOptions options) {
        return observed(() -> delegate.toPath(target, options));
    }

    @Override
    public DownloadResult toOutputStream(OutputStream out) {
        return observed(() -> delegate.toOutputStream(out));
    }

    /** Runs a whole download of the delegate and reports its bytes, verification and end. */
    private DownloadResult observed(java.util.function.Supplier<DownloadResult> download) {
        long started = System.nanoTime();
        try {
            return reported(download.get(), started);
        } catch (ChecksumMismatchException e) {
            verification(false);
            end(e);
            throw e;
        } catch (RuntimeException e) {
            end(e);
            throw e;
        }
    }

    @Override
    public InputStream openStream() {
        InputStream in;
        try {
            in = delegate.openStream();
        } catch (RuntimeException e) {
            end(e);
            throw e;
        }
        end((ImageSdkException) null);
        return in;
    }

    private DownloadResult reported(DownloadResult r, long started) {
        transferBytes(listener, call.get(), r.bytes(), started);
        if (!"none".equals(r.algorithm())) {
            verification(true);
        }
        end((ImageSdkException) null);
        return r;
    }

    private void verification(boolean verified) {
        verification(listener, call.get(), verified);
    }

    /** Reports a verification result; nothing without a call. */
    static void verification(ImageServiceListener listener, CallInfo info, boolean verified) {
        if (info == null) {
            return;
        }
        try {
            listener.verification(info, verified);
        } catch (RuntimeException e) {
            LOG.warn("ImageServiceListener {} failed on verification of {}; ignored", listener.getClass().getName(),
                    info.operation(), e);
        }
    }

    /** Reports the bytes of a transfer that started at {@code startedNanos}; nothing without a call or listener. */
    static void transferBytes(ImageServiceListener listener, CallInfo info, long bytes, long startedNanos) {
        if (info == null || listener == ImageServiceListener.NONE) {
            return;
        }
        try {
            listener.transferBytes(info, bytes, Duration.ofNanos(System.nanoTime() - startedNanos));
        } catch (RuntimeException e) {
            LOG.warn("ImageServiceListener {} failed on transferBytes of {}; ignored", listener.getClass().getName(),
                    info.operation(), e);
        }
    }
}
