package dev.imagesdk.v2.memory;

import java.io.InputStream;
import java.util.Random;

/**
 * Deterministic bytes of any length without storing them: the same generator as core's transfer tests (a
 * 1 MiB + 7 block from {@code new Random(20261122L)}, repeated), so the same independently computed digests apply.
 */
final class GeneratedBytes extends InputStream {

    private static final byte[] BLOCK = new byte[1024 * 1024 + 7];

    static {
        new Random(20261122L).nextBytes(BLOCK);
    }

    private final long size;
    private long pos;

    GeneratedBytes(long size) {
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
