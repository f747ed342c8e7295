package dev.imagesdk.testsupport.memory;

import java.io.InputStream;
import java.util.Random;

/**
 * Deterministic pseudo-random bytes of any length without storing them: a block of a prime size
 * (1 MiB + 7 from {@code new Random(20261122L)}, so buffer boundaries never line up with it) repeated. The
 * memory tests of core, v1 and v2 all use it, so one set of independently computed digests applies.
 */
public final class GeneratedBytes extends InputStream {

    private static final byte[] BLOCK = new byte[1024 * 1024 + 7];

    static {
        new Random(20261122L).nextBytes(BLOCK);
    }

    private final long size;
    private long pos;

    public GeneratedBytes(long size) {
        this.size = size;
    }

    @Override
    public int read() {
        if (pos >= size) {
            return -1;
        }
        return BLOCK[(int) (pos++ % BLOCK.length)] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (pos >= size) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        int at = (int) (pos % BLOCK.length);
        int n = (int) Math.min(Math.min(len, size - pos), BLOCK.length - at);
        System.arraycopy(BLOCK, at, b, off, n);
        pos += n;
        return n;
    }
}
