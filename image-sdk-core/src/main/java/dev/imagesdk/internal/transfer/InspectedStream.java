package dev.imagesdk.internal.transfer;

import dev.imagesdk.ImageData;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.inspect.DiskImageInspector;
import dev.imagesdk.inspect.DiskImageReport;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * A one-shot source inspected as the upload reads it. The bytes the upload reads are also handed, through a
 * bounded {@link Pipe} (64 KiB), to {@link DiskImageInspector#inspect(InputStream)} on a thread of its own
 * (daemon, named {@code image-sdk-inspect}); once the inspector has its verdict it stops taking bytes and the
 * upload reads at full speed. The inspector reads at most 64 MiB + 64 KiB, so until then it paces the upload;
 * memory stays at the pipe's 64 KiB whatever the image.
 *
 * <p>A bad verdict fails the upload's next read with {@link Refused} (an {@link IOException} carrying the typed
 * refusal), and the source's end is not reported before the verdict is in: the upload never sends a complete
 * body for a refused image. The source is opened on the first read and closed by {@link #close()}, which also
 * ends the inspector.
 */
final class InspectedStream extends InputStream {

    /** The read failure that carries a refusal to {@link UploadPreflight#refusalOr}. */
    static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient ImageSdkClientException refusal;

        Refused(ImageSdkClientException refusal) {
            super(refusal.getMessage(), refusal);
            this.refusal = refusal;
        }

        ImageSdkClientException refusal() {
            return refusal;
        }
    }

    private static final int PIPE_BYTES = 64 * 1024;

    private final ImageData source;
    private final Function<DiskImageReport, ImageSdkClientException> judge;
    private final Pipe pipe = new Pipe(PIPE_BYTES);
    private final CountDownLatch decided = new CountDownLatch(1);
    private volatile ImageSdkClientException refusal;
    private InputStream in;
    private boolean closed;

    /**
     * @param judge the refusal a verdict earns, or null to let the upload through
     */
    InspectedStream(ImageData source, Function<DiskImageReport, ImageSdkClientException> judge) {
        this.source = source;
        this.judge = judge;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("The stream is closed");
        }
        if (in == null) {
            in = source.open();
            Thread t = new Thread(this::inspect, "image-sdk-inspect");
            t.setDaemon(true);
            t.start();
        }
        throwIfRefused();
        int n = in.read(b, off, len);
        if (n < 0) {
            pipe.closeWrite();
            awaitVerdict();
            throwIfRefused();
            return -1;
        }
        if (n > 0 && decided.getCount() > 0) {
            pipe.write(b, off, n);
            throwIfRefused();
        }
        return n;
    }

    private void inspect() {
        try {
            refusal = judge.apply(DiskImageInspector.inspect(pipe));
        } catch (IOException | RuntimeException e) {
            // the upload ended first (closed or interrupted): no verdict is needed any more
        } finally {
            pipe.readerDone();
            decided.countDown();
        }
    }

    private void awaitVerdict() throws IOException {
        try {
            decided.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while the image was being inspected");
        }
    }

    private void throwIfRefused() throws Refused {
        ImageSdkClientException r = refusal;
        if (r != null) {
            throw new Refused(r);
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        pipe.closeWrite();
        pipe.readerDone(); // a blocked inspector sees the end at once
        if (in != null) {
            in.close();
        }
    }
}
