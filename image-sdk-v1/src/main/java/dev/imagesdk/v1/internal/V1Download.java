package dev.imagesdk.v1.internal;

import dev.imagesdk.DownloadResult;
import dev.imagesdk.ImageDownload;
import dev.imagesdk.TransferListener;
import dev.imagesdk.exception.ChecksumMismatchException;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.exception.TransportException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A verified v1 download: one {@code GET /v1/images/{id}}, whose headers carry the metadata
 * ({@code x-image-meta-checksum}, the MD5 of the whole image) and whose body is the data. The bytes are
 * hashed as they stream; a count that differs from {@code Content-Length} is a transport failure, a digest
 * that differs from the checksum a {@link ChecksumMismatchException}. {@link #toPath} writes a temporary
 * file next to the target and moves it into place only after verification. (v1 has no {@code Range}
 * support to resume from; a failed transfer is reported, not resumed.)
 */
final class V1Download implements ImageDownload {

    private static final int BUFFER = 64 * 1024;

    private final String imageId;
    private final Supplier<V1Http.DataResponse> opener;
    private final AtomicBoolean used = new AtomicBoolean();
    private volatile TransferListener listener = TransferListener.NONE;

    V1Download(String imageId, Supplier<V1Http.DataResponse> opener) {
        this.imageId = imageId;
        this.opener = opener;
    }

    @Override
    public ImageDownload listener(TransferListener listener) {
        this.listener = listener == null ? TransferListener.NONE : listener;
        return this;
    }

    @Override
    public DownloadResult toPath(Path target) {
        if (target == null) {
            throw new InvalidInputException("target", null, "is required");
        }
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new InvalidInputException("target", target, "its directory does not exist");
        }
        if (Files.isDirectory(absolute)) {
            throw new InvalidInputException("target", target, "is a directory");
        }
        start();
        Path temp;
        try {
            temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".part");
        } catch (IOException e) {
            throw new ImageSdkClientException("Could not create a temporary file in " + dir + ": " + e.getMessage(), e);
        }
        try {
            DownloadResult result;
            try (OutputStream out = Files.newOutputStream(temp)) {
                result = copy(out, temp);
            } catch (IOException e) {
                throw new ImageSdkClientException("Could not write " + temp + ": " + e.getMessage(), e);
            }
            move(temp, absolute);
            return result;
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // best effort: the temporary file is hidden and named .part
            }
        }
    }

    @Override
    public DownloadResult toOutputStream(OutputStream out) {
        if (out == null) {
            throw new InvalidInputException("out", null, "is required");
        }
        start();
        return copy(out, null);
    }

    @Override
    public InputStream openStream() {
        start();
        V1Http.DataResponse r = opener.get();
        return new VerifyingStream(r, expectedChecksum(r.headers()), contentLength(r.headers()));
    }

    private void start() {
        if (!used.compareAndSet(false, true)) {
            throw new ImageSdkClientException("This download was already started; call download() again");
        }
    }

    private DownloadResult copy(OutputStream out, Path writingTo) {
        V1Http.DataResponse r = opener.get();
        String expected = expectedChecksum(r.headers());
        long length = contentLength(r.headers());
        MessageDigest md5 = UrlConnectionV1Http.digest("MD5");
        long done = 0;
        try (InputStream in = r.body()) {
            byte[] buf = new byte[BUFFER];
            int n;
            while (true) {
                try {
                    n = in.read(buf);
                } catch (IOException e) {
                    throw new TransportException("Downloading image " + imageId + " failed after " + done + " bytes: "
                            + e.getMessage(), e);
                }
                if (n < 0) {
                    break;
                }
                md5.update(buf, 0, n);
                try {
                    out.write(buf, 0, n);
                } catch (IOException e) {
                    throw new ImageSdkClientException("Writing image " + imageId + (writingTo == null ? "" : " to "
                            + writingTo) + " failed: " + e.getMessage(), e);
                }
                done += n;
                progress(done, length);
            }
        } catch (IOException e) {
            throw new TransportException("Closing the download of image " + imageId + " failed: " + e.getMessage(), e);
        }
        return finish(done, length, HexFormat.of().formatHex(md5.digest()), expected);
    }

    private DownloadResult finish(long bytes, long length, String actual, String expected) {
        if (length >= 0 && bytes != length) {
            throw new TransportException("Downloading image " + imageId + " ended after " + bytes + " of " + length
                    + " bytes");
        }
        progress(bytes, length);
        if (expected == null) {
            return new DownloadResult(imageId, bytes, "none", "", 0);
        }
        if (!expected.equalsIgnoreCase(actual)) {
            throw new ChecksumMismatchException(imageId, "md5", expected, actual);
        }
        return new DownloadResult(imageId, bytes, "md5", actual, 0);
    }

    private void progress(long done, long total) {
        try {
            listener.onProgress(done, total);
        } catch (RuntimeException e) {
            throw new ImageSdkClientException("The transfer listener failed: " + e, e);
        }
    }

    private static void move(Path temp, Path target) {
        try {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new ImageSdkClientException("Could not move the verified image to " + target + ": " + e.getMessage(), e);
        }
    }

    private static String expectedChecksum(Map<String, List<String>> headers) {
        List<String> v = headers.get("x-image-meta-checksum");
        String c = v == null || v.isEmpty() ? null : v.get(0).trim();
        return c == null || c.isEmpty() || c.equals("None") ? null : c;
    }

    private static long contentLength(Map<String, List<String>> headers) {
        List<String> v = headers.get("Content-Length");
        if (v == null || v.isEmpty()) {
            return -1;
        }
        try {
            return Long.parseLong(v.get(0).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Verifies as it is read: the read that reaches the end throws if the bytes do not match. */
    private final class VerifyingStream extends InputStream {
        private final V1Http.DataResponse response;
        private final String expected;
        private final long length;
        private final MessageDigest md5 = UrlConnectionV1Http.digest("MD5");
        private long done;
        private boolean verified;

        VerifyingStream(V1Http.DataResponse response, String expected, long length) {
            this.response = response;
            this.expected = expected;
            this.length = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = response.body().read(b, off, len);
            if (n < 0) {
                if (!verified) {
                    finish(done, length, HexFormat.of().formatHex(md5.digest()), expected);
                    verified = true;
                }
                return -1;
            }
            md5.update(b, off, n);
            done += n;
            progress(done, length);
            return n;
        }

        @Override
        public void close() throws IOException {
            response.body().close();
        }
    }

}
