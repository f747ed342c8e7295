package dev.imagesdk.v1.internal;

import dev.imagesdk.DownloadResult;
import dev.imagesdk.ImageDownload;
import dev.imagesdk.TransferListener;
import dev.imagesdk.exception.ImageSdkClientException;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Enforces "one terminal call per download" with the SDK's typed exception before delegating (the engine's
 * own guard throws {@link IllegalStateException}, which must not reach users).
 */
final class SingleUseDownload implements ImageDownload {
    private final ImageDownload delegate;
    private final AtomicBoolean started = new AtomicBoolean();

    SingleUseDownload(ImageDownload delegate) {
        this.delegate = delegate;
    }

    @Override
    public ImageDownload listener(TransferListener listener) {
        delegate.listener(listener);
        return this;
    }

    @Override
    public DownloadResult toPath(Path target) {
        start();
        return delegate.toPath(target);
    }

    @Override
    public DownloadResult toOutputStream(OutputStream out) {
        start();
        return delegate.toOutputStream(out);
    }

    @Override
    public InputStream openStream() {
        start();
        return delegate.openStream();
    }

    private void start() {
        if (!started.compareAndSet(false, true)) {
            throw new ImageSdkClientException("This download was already started; call download() again");
        }
    }
}
