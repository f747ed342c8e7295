package dev.imagesdk.internal.inspect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The bounded, forward-only view of an image that the format readers share. The first {@link #CACHE} bytes
 * are read at once and kept; past them, reads must come in increasing offset order (a region the reader has
 * already passed is unavailable), exactly as when the bytes arrive on a stream, so a file and a stream of
 * the same bytes get the same verdict. Nothing at or past {@link #LIMIT} is ever read or skipped to.
 */
public final class Head {
    /** Bytes read up front and kept: every format's fixed header fits. */
    public static final int CACHE = 4096;
    /** The furthest offset the inspector may reach: 64 MiB plus one 64 KiB table. */
    public static final long LIMIT = (64L << 20) + (64L << 10);
    /** Returned by {@link #read} for a region behind the position or beyond {@link #LIMIT}. */
    public static final int UNREACHABLE = -1;

    private final FileChannel channel;
    private final InputStream stream;
    private final long size;
    private final byte[] cache = new byte[CACHE];
    private int cached;
    private long pos;
    private byte[] scratch;

    private Head(FileChannel channel, InputStream stream, long size) {
        this.channel = channel;
        this.stream = stream;
        this.size = size;
    }

    /** A head over a file channel (positional reads; the channel's position is not used). */
    public static Head of(FileChannel channel) throws IOException {
        Head h = new Head(channel, null, channel.size());
        h.fill();
        return h;
    }

    /** A head over a stream positioned at the image's first byte. */
    public static Head of(InputStream stream) throws IOException {
        Head h = new Head(null, stream, -1);
        h.fill();
        return h;
    }

    private void fill() throws IOException {
        cached = raw(cache, 0, CACHE);
        pos = cached;
    }

    /** The image's size when it is a file, else -1. */
    long size() {
        return size;
    }

    /** How many bytes of the head are cached: less than {@link #CACHE} only when the image is that short. */
    int cached() {
        return cached;
    }

    /** How far the inspector went into the image (read or skipped). */
    long examined() {
        return size >= 0 ? Math.min(pos, size) : pos;
    }

    /**
     * Reads {@code len} bytes at {@code offset} into {@code dst[0..]}.
     *
     * @return the count read (fewer than {@code len} only at the image's end), or {@link #UNREACHABLE}
     */
    int read(long offset, byte[] dst, int len) throws IOException {
        if (offset < 0 || len < 0 || len > dst.length || offset > LIMIT - len) {
            return UNREACHABLE;
        }
        int n = 0;
        if (offset < cached) {
            n = (int) Math.min(len, cached - offset);
            System.arraycopy(cache, (int) offset, dst, 0, n);
            if (n == len || cached < CACHE) {
                return n;
            }
            offset += n;
        }
        if (offset < pos) {
            return UNREACHABLE;
        }
        if (!skipTo(offset)) {
            return n;
        }
        return n + raw(dst, n, len - n);
    }

    private boolean skipTo(long offset) throws IOException {
        if (channel != null) {
            pos = offset;
            return offset < size;
        }
        while (pos < offset) {
            long s = skip(offset - pos);
            if (s > 0) {
                pos += s;
            } else if (stream.read() < 0) {
                return false;
            } else {
                pos++;
            }
        }
        return true;
    }

    /**
     * {@link InputStream#skip}, or reading into a scratch buffer once skip has failed: some streams (a
     * {@code FileInputStream} on a pipe) cannot skip; a real read error surfaces on the next read.
     */
    private long skip(long n) throws IOException {
        if (scratch == null) {
            try {
                return stream.skip(n);
            } catch (IOException e) {
                scratch = new byte[2048];
            }
        }
        int r = stream.read(scratch, 0, (int) Math.min(n, scratch.length));
        return Math.max(r, 0);
    }

    /** Reads at {@link #pos} until {@code len} bytes or the end, advancing the position. */
    private int raw(byte[] dst, int off, int len) throws IOException {
        int n = 0;
        while (n < len) {
            int r = channel != null ? channel.read(ByteBuffer.wrap(dst, off + n, len - n), pos)
                    : stream.read(dst, off + n, len - n);
            if (r <= 0) { // 0 breaks a contract (len > 0); never spin on it
                break;
            }
            n += r;
            pos += r;
        }
        return n;
    }

    /** Whether the cached head holds {@code len} bytes at {@code offset}. */
    boolean has(int offset, int len) {
        return offset + len <= cached;
    }

    /** Whether the cached head starts with {@code magic} at {@code offset}. */
    boolean startsWith(int offset, byte[] magic) {
        return has(offset, magic.length) && Bytes.equal(cache, offset, magic);
    }

    int u16le(int off) {
        return Bytes.u16le(cache, off);
    }

    long u32le(int off) {
        return Bytes.u32le(cache, off);
    }

    long u64le(int off) {
        return Bytes.u64le(cache, off);
    }

    long u32be(int off) {
        return Bytes.u32be(cache, off);
    }

    long u64be(int off) {
        return Bytes.u64be(cache, off);
    }

    byte[] cacheArray() {
        return cache;
    }
}
