package dev.imagesdk.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The two-thread reference copy of reference/limits.md ("pipe2"): the calling thread reads and updates the
 * first digest, a second thread updates the second digest and writes; 8 buffers of 64 KiB circulate
 * between them. Either digest may be null.
 */
final class Pipe2 {
    private static final int BUFFERS = 8;
    private static final int SIZE = 64 * 1024;
    private static final byte[] END = new byte[0];

    /** Hex digests of what was copied (null where no digest was asked for) and the byte count. */
    record Result(long bytes, String first, String second) {
    }

    private Pipe2() {
    }

    /**
     * The same work on the calling thread alone: read, {@code first}, {@code second}, write, chunk by chunk. The
     * one-core arrangement the two-thread copy is measured against.
     */
    static Result serial(InputStream in, MessageDigest first, MessageDigest second, OutputStream out)
            throws IOException {
        byte[] b = new byte[SIZE];
        long total = 0;
        int n;
        while ((n = in.readNBytes(b, 0, b.length)) > 0) {
            first.update(b, 0, n);
            second.update(b, 0, n);
            out.write(b, 0, n);
            total += n;
        }
        return new Result(total, HexFormat.of().formatHex(first.digest()), HexFormat.of().formatHex(second.digest()));
    }

    static Result copy(InputStream in, MessageDigest first, MessageDigest second, OutputStream out)
            throws IOException, InterruptedException {
        long total = run(in, SIZE, (b, n) -> {
            if (first != null) {
                first.update(b, 0, n);
            }
        }, (b, n) -> {
            if (second != null) {
                second.update(b, 0, n);
            }
            out.write(b, 0, n);
        }, "pipe2-writer");
        return new Result(total, first == null ? null : HexFormat.of().formatHex(first.digest()),
                second == null ? null : HexFormat.of().formatHex(second.digest()));
    }

    /** What a stage does with each buffer read. */
    @FunctionalInterface
    interface Stage {
        void accept(byte[] buffer, int length) throws IOException;
    }

    /**
     * The two-thread arrangement itself: the calling thread reads {@code in} into one of {@link #BUFFERS} buffers
     * of {@code size} bytes and runs {@code onReader} on it, then a second thread runs {@code onSecond} on it.
     * A failure of either stage stops the copy and is thrown here.
     *
     * @return the bytes read
     */
    static long run(InputStream in, int size, Stage onReader, Stage onSecond, String secondName)
            throws IOException, InterruptedException {
        BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
        BlockingQueue<byte[]> full = new ArrayBlockingQueue<>(BUFFERS + 1);
        BlockingQueue<Integer> lengths = new ArrayBlockingQueue<>(BUFFERS + 1);
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new byte[size]);
        }
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread second = new Thread(() -> {
            try {
                while (true) {
                    byte[] b = full.take();
                    int n = lengths.take();
                    if (b == END) {
                        return;
                    }
                    onSecond.accept(b, n);
                    free.put(b);
                }
            } catch (Throwable t) {
                failed.set(t);
                free.clear();
                free.offer(new byte[size]); // unblock the reader; it checks failed
            }
        }, secondName);
        second.setDaemon(true);
        second.start();
        long total = 0;
        try {
            while (failed.get() == null) {
                byte[] b = free.take();
                int n = in.readNBytes(b, 0, size);
                if (n <= 0) {
                    break;
                }
                onReader.accept(b, n);
                total += n;
                lengths.put(n);
                full.put(b);
            }
        } finally {
            lengths.put(0);
            full.put(END);
            second.join();
        }
        if (failed.get() != null) {
            throw new IOException(secondName + " failed: " + failed.get(), failed.get());
        }
        return total;
    }
}
