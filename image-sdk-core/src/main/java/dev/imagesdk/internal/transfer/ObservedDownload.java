package dev.imagesdk.internal.transfer;

import dev.imagesdk.DownloadResult;
import dev.imagesdk.ImageDownload;
import dev.imagesdk.TransferListener;
import dev.imagesdk.event.CallInfo;
import dev.imagesdk.event.ImageServiceListener;
import dev.imagesdk.exception.ChecksumMismatchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A download that reports to the service's {@link ImageServiceListener} once it ends: the bytes received
 * ({@code transferBytes}) and the result of the checksum comparison ({@code verification}: true when a checksum
 * was compared and matched, false on a {@link ChecksumMismatchException}; not reported when there was nothing to
 * compare). The events carry the download's first data GET as their call. {@link #openStream()} is passed through
 * without events (its bytes are verified as the caller reads them, after this returns). Used only when a listener
 * is registered; the download itself is unchanged.
 */
final class ObservedDownload implements ImageDownload {

    private static final Logger LOG = LoggerFactory.getLogger(ObservedDownload.class);

    private final ImageDownload delegate;
    private final ImageServiceListener listener;
    private final Supplier<CallInfo> call;

    ObservedDownload(ImageDownload delegate, ImageServiceListener listener, Supplier<CallInfo> call) {
        this.delegate = delegate;
        this.listener = listener;
        this.call = call;
    }

    @Override
    public ImageDownload listener(TransferListener transferListener) {
        delegate.listener(transferListener);
        return this;
    }

    @Override
    public DownloadResult toPath(Path target) {
        long started = System.nanoTime();
        try {
            return reported(delegate.toPath(target), started);
        } catch (ChecksumMismatchException e) {
            verification(false);
            throw e;
        }
    }

    @Override
    public DownloadResult toOutputStream(OutputStream out) {
        long started = System.nanoTime();
        try {
            return reported(delegate.toOutputStream(out), started);
        } catch (ChecksumMismatchException e) {
            verification(false);
            throw e;
        }
    }

    @Override
    public InputStream openStream() {
        return delegate.openStream();
    }

    private DownloadResult reported(DownloadResult r, long started) {
        transferBytes(listener, call.get(), r.bytes(), started);
        if (!"none".equals(r.algorithm())) {
            verification(true);
        }
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
