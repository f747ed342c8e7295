package dev.imagesdk.bench;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The first {@code limit} bytes of a stream (warm-up transfers read a prefix of the payload file). */
final class Bounded extends FilterInputStream {
    private long left;

    Bounded(InputStream in, long limit) {
        super(in);
        this.left = limit;
    }

    static InputStream prefix(Path file, long limit) throws IOException {
        return new Bounded(Files.newInputStream(file), limit);
    }

    @Override
    public int read() throws IOException {
        if (left <= 0) {
            return -1;
        }
        int b = super.read();
        if (b >= 0) {
            left--;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (left <= 0) {
            return -1;
        }
        int n = super.read(b, off, (int) Math.min(len, left));
        if (n > 0) {
            left -= n;
        }
        return n;
    }
}
