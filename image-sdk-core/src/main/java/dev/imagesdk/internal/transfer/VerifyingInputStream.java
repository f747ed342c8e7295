package dev.imagesdk.internal.transfer;

import dev.imagesdk.TransferListener;
import dev.imagesdk.exception.ChecksumMismatchException;
import dev.imagesdk.exception.IdleTimeoutException;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.TransportException;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.SocketTimeoutException;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The stream behind {@code ImageDownload.openStream()}: hashes every byte as it is read; the read that
 * reaches the end verifies and throws {@link ChecksumMismatchException} instead of returning -1 when the
 * bytes do not match (or when their count differs from the image size). A connection failure or an early
 * end of the body is resumed transparently with {@code Range} (up to {@link TransferConfig#maxResumes()});
 * after that the read throws {@link TransportException}. {@code skip} reads (and hashes) what it skips.
 * {@link #close()} before the end aborts the connection.
 *
 * <p>Interrupts: a read that would block (nothing buffered) runs on an engine worker while the caller waits
 * interruptibly ({@link InterruptibleRun}), because a blocked {@link java.net.HttpURLConnection} body read can be
 * cut neither by an interrupt nor by {@code disconnect()}. An interrupt of the reading thread therefore ends the
 * read at once with {@link ImageSdkClientException} (flag still set); the stream is then closed and its
 * connection aborted in the background. Bytes already buffered are read directly (no hand-off), and so is every
 * read on a virtual thread (JDK 21+), whose socket reads the JDK itself ends on an interrupt.
 */
final class VerifyingInputStream extends InputStream {

    /** {@code Thread.isVirtual()} (JDK 21+), or null on JDK 17 (no virtual threads). */
    private static final MethodHandle IS_VIRTUAL = isVirtualHandle();

    private final TransferEngine engine;
    private final String imageId;
    private final DataRequestFactory requests;
    private final ErrorStatusMapper errors;
    private final ExpectedChecksum expected; // null: nothing to verify against
    private final MessageDigest digest;
    private final long expectedSize;
    private final TransferListener listener;
    private DataResponse current;
    private long reached;
    private long readThisResponse;
    private int resumes;
    private boolean finished;
    private boolean closed;
    private byte[] scratch; // the worker's buffer for a read that may block (never the caller's array)

    VerifyingInputStream(TransferEngine engine, String imageId, DataRequestFactory requests, ErrorStatusMapper errors,
                         DataResponse first, ExpectedChecksum expected, long expectedSize, TransferListener listener) {
        this.engine = engine;
        this.imageId = imageId;
        this.requests = requests;
        this.errors = errors;
        this.current = first;
        this.expected = expected;
        this.digest = expected == null ? null : HashAlgorithms.newDigest(expected.algorithm());
        this.expectedSize = expectedSize >= 0 ? expectedSize : first.total;
        this.listener = listener; // a 204 (empty image) has an empty body and verifies at the first read
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("Stream closed");
        }
        if (finished) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        while (true) {
            IOException cut;
            try {
                int n = bodyRead(b, off, len);
                if (n > 0) {
                    if (digest != null) {
                        digest.update(b, off, n);
                    }
                    reached += n;
                    readThisResponse += n;
                    progress();
                    return n;
                }
                if (n == 0) {
                    continue;
                }
                if (current.remaining >= 0 && readThisResponse < current.remaining) {
                    cut = new EOFException("the body ended early");
                } else if (current.remaining < 0 && expectedSize >= 0 && reached < expectedSize) {
                    cut = new EOFException("the body ended early");
                } else {
                    return end();
                }
            } catch (IOException e) {
                cut = e;
            }
            resume(cut);
        }
    }

    /**
     * Reads from the current body; only a read that may block goes through a worker, so that an interrupt of
     * the caller ends it at once.
     */
    private int bodyRead(byte[] b, int off, int len) throws IOException {
        InputStream body = current.body;
        int ready = body.available();
        if (ready > 0 || onVirtualThread()) {
            return body.read(b, off, ready > 0 ? Math.min(len, ready) : len);
        }
        if (scratch == null) {
            scratch = new byte[Math.max(8192, Math.min(len, 64 * 1024))];
        }
        byte[] buffer = scratch;
        int want = Math.min(len, buffer.length);
        int[] got = new int[1];
        OutputStream into = new OutputStream() { // gated: nothing reaches b once the caller stopped waiting
            @Override
            public void write(int one) {
                b[off] = (byte) one;
            }

            @Override
            public void write(byte[] data, int from, int count) {
                System.arraycopy(data, from, b, off, count);
            }
        };
        try {
            IOException failed = InterruptibleRun.run(engine.workers(), into, gate -> {
                try {
                    int n = body.read(buffer, 0, want);
                    got[0] = n;
                    if (n > 0) {
                        gate.write(buffer, 0, n);
                    }
                    return null;
                } catch (IOException e) {
                    return e;
                }
            });
            if (failed != null) {
                throw failed;
            }
            return got[0];
        } catch (InterruptedException e) { // the flag is set again
            closed = true;
            DataResponse cut = current;
            current = null;
            cut.abortInBackground(); // disconnect() waits for the worker's blocked read: not on this thread
            throw new ImageSdkClientException("Download of image " + imageId + " was interrupted at byte "
                    + reached, e);
        }
    }

    private int end() {
        finished = true;
        current.close();
        current = null;
        if (expectedSize >= 0 && reached != expectedSize) {
            throw new ImageSdkClientException("Image " + imageId + ": received " + reached
                    + " bytes but its size is " + expectedSize);
        }
        if (digest != null) {
            String actual = HashAlgorithms.hex(digest);
            if (!actual.equals(expected.hex())) {
                throw ChecksumMismatchException.download(imageId, expected.algorithm(), expected.hex(), actual);
            }
        }
        progress();
        return -1;
    }

    private void progress() {
        try {
            listener.onProgress(reached, expectedSize);
        } catch (RuntimeException e) {
            close();
            throw new ImageSdkClientException("Download of image " + imageId + " aborted by the progress listener: "
                    + e, e);
        }
    }

    /** Re-requests from the byte reached; throws once the resumes are used up. */
    private void resume(IOException cut) {
        current.abort();
        current = null;
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                closed = true;
                throw new ImageSdkClientException("Download of image " + imageId + " was interrupted at byte "
                        + reached, cut);
            }
            if (resumes >= engine.config().maxResumes()) {
                closed = true;
                String where = "Download of image " + imageId + " failed at byte " + reached + " after "
                        + resumes + " resumes";
                cut = dev.imagesdk.internal.http.ExchangeFailure.unwrap(cut); // a failed resume names its request
                if (cut instanceof SocketTimeoutException) {
                    throw new IdleTimeoutException(where, engine.config().idleTimeout());
                }
                throw new TransportException(where + ": " + cut.getMessage(), cut);
            }
            resumes++;
            try {
                DataResponse r = DataResponse.open(engine, requests.create(), reached, errors);
                boolean alreadyComplete = r.kind == DataResponse.Kind.RANGE_NOT_SATISFIABLE
                        && (r.total == reached || expectedSize == reached);
                if (r.kind != DataResponse.Kind.DATA && !alreadyComplete) {
                    r.close();
                    closed = true;
                    throw new TransportException("Resuming image " + imageId + " at byte " + reached
                            + " got HTTP " + r.status);
                }
                current = r;
                readThisResponse = 0;
                return;
            } catch (IOException e) {
                cut = e;
            } catch (RuntimeException e) {
                closed = true;
                throw e;
            }
        }
    }

    private static MethodHandle isVirtualHandle() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException e) {
            return null; // JDK 17
        }
    }

    private static boolean onVirtualThread() {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(Thread.currentThread());
        } catch (Throwable e) {
            return false;
        }
    }

    /** How many times the stream resumed. */
    int resumes() {
        return resumes;
    }

    @Override
    public int available() throws IOException {
        return current == null || closed ? 0 : current.body.available();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (current != null) {
            current.abort(); // not drained: closing early stops the transfer
            current = null;
        }
    }
}
