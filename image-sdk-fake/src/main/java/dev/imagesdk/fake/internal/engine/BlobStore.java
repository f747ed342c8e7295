package dev.imagesdk.fake.internal.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Stores image bytes: in memory below {@code threshold}, spilled to a temp file above it, so
 * memory stays flat for multi-GB images. MD5 and SHA-512 are computed while writing (on two
 * threads), except for data identical to an in-memory blob already stored, which shares that
 * blob. Everything is removed on {@link #close()}.
 */
public final class BlobStore implements AutoCloseable {
    private final long threshold;
    private final Path dir;
    private final Set<Path> files = ConcurrentHashMap.newKeySet();
    private final SameContent same = new SameContent();

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
     * Reads {@code in} to its end into a blob. On any failure nothing is left behind.
     *
     * <p>Data identical to an in-memory blob already stored (same bytes, same length) is not hashed or
     * copied again: the stored blob, whose digests are those of these very bytes, is returned. The
     * comparison runs as the data arrives (a memory compare, far cheaper than MD5 and SHA-512), so a
     * client that uploads the same content again, as a benchmark does, is never slowed by the fake.
     * Data that diverges from every candidate falls back to hashing, starting with the matched prefix.
     *
     * @throws IOException if reading fails (e.g. the client dropped the connection)
     */
    public Blob write(InputStream in, SizeGuard guard) throws IOException {
        byte[] buf = new byte[DigestWorker.BUFFER];
        int n = in.readNBytes(buf, 0, buf.length);
        if (n > 0) {
            guard.check(n);
        }
        List<Blob> alive = n == buf.length ? same.candidates(buf) : List.of();
        long pos = 0;
        while (n > 0 && !alive.isEmpty()) {
            List<Blob> still = new ArrayList<>(alive.size());
            for (Blob b : alive) {
                if (b.matches(pos, buf, n)) {
                    still.add(b);
                }
            }
            if (still.isEmpty()) {
                break; // diverged within this chunk, which is still unconsumed in buf
            }
            alive = still;
            pos += n;
            n = in.readNBytes(buf, 0, buf.length);
            if (n > 0) {
                guard.check(pos + n);
            }
        }
        if (n <= 0) {
            for (Blob b : alive) {
                if (b.size() == pos) {
                    return b; // the same bytes: the same digests
                }
            }
        }
        byte[] prefix = pos == 0 ? null : alive.get(0).memory();
        Blob blob = writeHashed(prefix, (int) pos, buf, Math.max(n, 0), in, guard);
        if (!blob.onDisk() && blob.size() >= DigestWorker.BUFFER) {
            same.add(blob);
        }
        return blob;
    }

    /**
     * Hashes and stores {@code prefix[0, prefixLen)}, then {@code pending[0, pendingLen)}, then the rest of
     * {@code in}. In memory the data is gathered in 1 MiB segments and copied once into the blob's array.
     */
    private Blob writeHashed(byte[] prefix, int prefixLen, byte[] pending, int pendingLen, InputStream in,
                             SizeGuard guard) throws IOException {
        MessageDigest md5 = digest("MD5");
        Segments mem = new Segments();
        Path file = null;
        OutputStream out = null;
        long total = 0;
        boolean ok = false;
        try (DigestWorker sha = new DigestWorker("SHA-512")) {
            int prefixDone = 0;
            boolean pendingDone = pendingLen == 0;
            while (true) {
                byte[] buf = sha.buffer();
                int n;
                if (prefixDone < prefixLen) {
                    n = Math.min(buf.length, prefixLen - prefixDone);
                    System.arraycopy(prefix, prefixDone, buf, 0, n);
                    prefixDone += n;
                } else if (!pendingDone) {
                    n = pendingLen;
                    System.arraycopy(pending, 0, buf, 0, n);
                    pendingDone = true;
                } else {
                    n = in.readNBytes(buf, 0, buf.length);
                    if (n <= 0) {
                        break;
                    }
                    guard.check(total + n);
                }
                total += n;
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
                    mem.write(buf, n);
                }
                sha.submit(buf, n);
            }
            if (out != null) {
                out.close();
                out = null;
            }
            String sha512 = sha.finish();
            Blob blob = new Blob(file == null ? mem.toArray() : null, file, total,
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

    /** In-memory data in fixed segments: no regrowth copies; one copy into the final array. */
    private static final class Segments {
        private static final int SEGMENT = 1 << 20;
        private final List<byte[]> full = new ArrayList<>();
        private byte[] current = new byte[SEGMENT];
        private int used;
        private long size;

        long size() {
            return size;
        }

        void write(byte[] b, int len) {
            int off = 0;
            while (off < len) {
                if (used == current.length) {
                    full.add(current);
                    current = new byte[SEGMENT];
                    used = 0;
                }
                int k = Math.min(len - off, current.length - used);
                System.arraycopy(b, off, current, used, k);
                used += k;
                off += k;
            }
            size += len;
        }

        void writeTo(OutputStream out) throws IOException {
            for (byte[] s : full) {
                out.write(s);
            }
            out.write(current, 0, used);
        }

        byte[] toArray() {
            byte[] all = new byte[Math.toIntExact(size)];
            int at = 0;
            for (byte[] s : full) {
                System.arraycopy(s, 0, all, at, s.length);
                at += s.length;
            }
            System.arraycopy(current, 0, all, at, used);
            return all;
        }
    }

    /**
     * In-memory blobs by a CRC32C of their first {@link DigestWorker#BUFFER} bytes, weakly held: a blob no
     * image refers to any more is collected as before.
     */
    private static final class SameContent {
        private final Map<Long, List<WeakReference<Blob>>> byHead = new ConcurrentHashMap<>();

        private static long head(byte[] b) {
            CRC32C crc = new CRC32C();
            crc.update(b, 0, DigestWorker.BUFFER);
            return crc.getValue();
        }

        void add(Blob blob) {
            byte[] first = new byte[DigestWorker.BUFFER];
            System.arraycopy(blob.memory(), 0, first, 0, first.length);
            byHead.computeIfAbsent(head(first), k -> new CopyOnWriteArrayList<>()).add(new WeakReference<>(blob));
        }

        List<Blob> candidates(byte[] first) {
            List<WeakReference<Blob>> refs = byHead.get(head(first));
            if (refs == null) {
                return List.of();
            }
            refs.removeIf(r -> r.get() == null);
            List<Blob> out = new ArrayList<>();
            for (WeakReference<Blob> r : refs) {
                Blob b = r.get();
                if (b != null) {
                    out.add(b);
                }
            }
            return out;
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
