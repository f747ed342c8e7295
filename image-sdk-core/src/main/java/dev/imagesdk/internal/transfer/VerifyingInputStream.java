package dev.imagesdk.internal.transfer;

import dev.imagesdk.TransferListener;
import dev.imagesdk.exception.ChecksumMismatchException;
import dev.imagesdk.exception.IdleTimeoutException;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.TransportException;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
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
 */
final class VerifyingInputStream extends InputStream {

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
                int n = current.body.read(b, off, len);
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
