package dev.imagesdk.fake.internal.engine;

import dev.imagesdk.inspect.DiskImageInspector;
import dev.imagesdk.inspect.DiskImageReport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Immutable image bytes with their hashes, kept in memory (small) or in a temp file (large).
 * Reading never loads a file-backed blob into memory. The disk-image verdict on the bytes' head
 * ({@link #inspect()}) is computed once, on first use.
 */
public final class Blob {
    private final byte[] bytes;
    private final Path file;
    private final long size;
    private final String md5;
    private final String sha512;
    /** The inspector's verdict, once computed (the bytes never change, so neither does it). */
    private volatile DiskImageReport report;

    Blob(byte[] bytes, Path file, long size, String md5, String sha512) {
        this.bytes = bytes;
        this.file = file;
        this.size = size;
        this.md5 = md5;
        this.sha512 = sha512;
    }

    public long size() { return size; }

    /** Hex MD5 of the whole content (Glance's {@code checksum}). */
    public String md5() { return md5; }

    /** Hex SHA-512 of the whole content (Glance's {@code os_hash_value}). */
    public String sha512() { return sha512; }

    public boolean onDisk() { return file != null; }

    /**
     * The format and virtual size the bytes' headers state, read by core's {@link DiskImageInspector} from the
     * head of the blob (a few KiB for the formats Glance inspects; regions are reached by skipping, never by
     * reading through). Computed on the first call and kept; a failure to read the blob's own file gives
     * {@code null}.
     */
    public DiskImageReport inspect() {
        DiskImageReport r = report;
        if (r == null) {
            try (InputStream in = open(0, size)) {
                r = DiskImageInspector.inspect(in);
            } catch (IOException e) {
                return null;
            }
            report = r;
        }
        return r;
    }

    /** The in-memory bytes (never modified), or null for a file-backed blob. */
    byte[] memory() { return bytes; }

    /** Whether this in-memory blob holds {@code b[0, len)} at {@code pos}; false for file-backed blobs. */
    boolean matches(long pos, byte[] b, int len) {
        return bytes != null && pos + len <= bytes.length
                && Arrays.equals(bytes, (int) pos, (int) pos + len, b, 0, len);
    }

    /** A stream over {@code [offset, offset+length)}; the caller closes it. */
    public InputStream open(long offset, long length) throws IOException {
        if (bytes != null) {
            return new ByteArrayInputStream(bytes, (int) offset, (int) length);
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        ch.position(offset);
        return new BoundedInputStream(ch, length);
    }

    void delete() {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the store's directory is removed on close anyway
            }
        }
    }

    /** A file channel's bytes from its position, limited to a number of bytes; skipping moves the position. */
    private static final class BoundedInputStream extends InputStream {
        private final FileChannel ch;
        private final InputStream in;
        private long remaining;

        BoundedInputStream(FileChannel ch, long remaining) {
            this.ch = ch;
            this.in = Channels.newInputStream(ch);
            this.remaining = remaining;
        }

        @Override public long skip(long n) throws IOException {
            long k = Math.min(Math.max(n, 0), remaining);
            if (k > 0) {
                // the channel's stream buffers nothing, so moving the position is skipping
                ch.position(ch.position() + k);
                remaining -= k;
            }
            return k;
        }

        @Override public int read() throws IOException {
            if (remaining <= 0) return -1;
            int b = in.read();
            if (b >= 0) remaining--;
            return b;
        }

        @Override public int read(byte[] buf, int off, int len) throws IOException {
            if (remaining <= 0) return -1;
            int n = in.read(buf, off, (int) Math.min(len, remaining));
            if (n > 0) remaining -= n;
            return n;
        }

        @Override public void close() throws IOException { in.close(); }
    }
}
