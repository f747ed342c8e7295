package dev.imagesdk.fake.internal.engine;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Computes one digest on its own thread so that a write hashes MD5 and SHA-512 in parallel
 * (each is strictly serial and about as slow as the other). Buffers cycle through a small pool:
 * the writer takes one, fills it, hands it over; the worker returns it after hashing.
 */
final class DigestWorker implements AutoCloseable {
    static final int BUFFER = 64 * 1024;

    private record Chunk(byte[] buf, int len) {
    }

    private static final Chunk END = new Chunk(new byte[0], -1);

    private final BlockingQueue<Chunk> work = new ArrayBlockingQueue<>(4);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(8);
    private final MessageDigest digest;
    private final Thread thread;
    private volatile boolean closed;

    DigestWorker(String algorithm) {
        try {
            this.digest = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.thread = new Thread(this::run, "fake-glance-" + algorithm.toLowerCase());
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (true) {
                Chunk c = work.take();
                if (c == END) {
                    return;
                }
                digest.update(c.buf(), 0, c.len());
                free.offer(c.buf());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A buffer to fill (recycled when possible). */
    byte[] buffer() {
        byte[] b = free.poll();
        return b != null ? b : new byte[BUFFER];
    }

    /** Hands a filled buffer to the worker; the caller must not touch it afterwards. */
    void submit(byte[] buf, int len) throws InterruptedException {
        work.put(new Chunk(buf, len));
    }

    /** Waits for all submitted data and returns the hex digest. */
    String finish() throws InterruptedException {
        work.put(END);
        thread.join();
        closed = true;
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Stops the worker if {@link #finish()} was not reached (failure paths). */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            thread.interrupt();
        }
    }
}
