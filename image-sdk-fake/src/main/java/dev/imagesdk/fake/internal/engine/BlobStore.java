package dev.imagesdk.fake.internal.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Stores image bytes: in memory below {@code threshold}, spilled to a temp file above it, so
 * memory stays flat for multi-GB images. MD5 and SHA-512 are computed while writing. Everything
 * is removed on {@link #close()}.
 */
public final class BlobStore implements AutoCloseable {
    private final long threshold;
    private final Path dir;
    private final Set<Path> files = ConcurrentHashMap.newKeySet();

    public BlobStore(long threshold) {
        this.threshold = threshold;
        try {
            this.dir = Files.createTempDirectory("fake-glance-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Result of reading a stream into the store. */
    public interface SizeGuard {
        /** Called with the running total; throws to abort (e.g. 413 for a quota). */
        void check(long written);
    }

    /**
     * Reads {@code in} to its end into a new blob. On any failure nothing is left behind.
     *
     * @throws IOException if reading fails (e.g. the client dropped the connection)
     */
    public Blob write(InputStream in, SizeGuard guard) throws IOException {
        MessageDigest md5 = digest("MD5");
        ByteArrayOutputStream mem = new ByteArrayOutputStream();
        Path file = null;
        OutputStream out = null;
        long total = 0;
        boolean ok = false;
        try (DigestWorker sha = new DigestWorker("SHA-512")) {
            int n;
            while (true) {
                byte[] buf = sha.buffer();
                n = in.readNBytes(buf, 0, buf.length);
                if (n <= 0) {
                    break;
                }
                total += n;
                guard.check(total);
                md5.update(buf, 0, n);
                if (out == null && mem.size() + n > threshold) {
                    file = Files.createTempFile(dir, "blob-", ".img");
                    files.add(file);
                    out = Files.newOutputStream(file);
                    mem.writeTo(out);
                    mem = null;
                }
                if (out != null) {
                    out.write(buf, 0, n);
                } else {
                    mem.write(buf, 0, n);
                }
                sha.submit(buf, n);
            }
            if (out != null) {
                out.close();
                out = null;
            }
            String sha512 = sha.finish();
            Blob blob = new Blob(file == null ? mem.toByteArray() : null, file, total,
                    HexFormat.of().formatHex(md5.digest()), sha512);
            ok = true;
            return blob;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while hashing", e);
        } finally {
            if (out != null) {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
            if (!ok && file != null) {
                Files.deleteIfExists(file);
                files.remove(file);
            }
        }
    }

    /** Frees a blob's storage. */
    public void delete(Blob blob) {
        if (blob != null) {
            blob.delete();
        }
    }

    /** Number of temp files currently held (for tests of spilling and cleanup). */
    public long filesOnDisk() {
        files.removeIf(f -> !Files.exists(f));
        return files.size();
    }

    public Path directory() { return dir; }

    @Override
    public void close() {
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static MessageDigest digest(String algo) {
        try {
            return MessageDigest.getInstance(algo);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
