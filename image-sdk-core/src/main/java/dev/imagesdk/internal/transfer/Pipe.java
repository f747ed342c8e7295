package dev.imagesdk.internal.transfer;

import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded byte pipe from one writer thread to one reader thread (the reader is this {@link InputStream}). Unlike
 * {@link java.io.PipedInputStream} the writer learns that the reader is done ({@link #readerDone()}): its writes
 * then return at once and drop the bytes, so a reader that stopped early never blocks the writer. Interrupts
 * end a wait with {@link InterruptedIOException} (the interrupt flag is kept).
 */
final class Pipe extends InputStream {
    private final byte[] buffer;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private int head;
    private int count;
    private boolean writeClosed;
    private boolean readerDone;

    Pipe(int capacity) {
        this.buffer = new byte[capacity];
    }

    /** Copies all of {@code b[off, off+len)} into the pipe, waiting for room; drops them once the reader is done. */
    void write(byte[] b, int off, int len) throws InterruptedIOException {
        lock.lock();
        try {
            while (len > 0) {
                while (count == buffer.length && !readerDone) {
                    await(notFull);
                }
                if (readerDone) {
                    return;
                }
                int tail = (head + count) % buffer.length;
                int k = Math.min(len, Math.min(buffer.length - count, buffer.length - tail));
                System.arraycopy(b, off, buffer, tail, k);
                count += k;
                off += k;
                len -= k;
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** No more bytes: the reader sees the end once the pipe is drained. */
    void closeWrite() {
        lock.lock();
        try {
            writeClosed = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The reader needs nothing more: pending and future writes are dropped, and reads see the end. */
    void readerDone() {
        lock.lock();
        try {
            readerDone = true;
            count = 0;
            notFull.signalAll();
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read() throws InterruptedIOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws InterruptedIOException {
        if (len == 0) {
            return 0;
        }
        lock.lock();
        try {
            while (count == 0 && !writeClosed && !readerDone) {
                await(notEmpty);
            }
            if (count == 0) {
                return -1;
            }
            int k = Math.min(len, Math.min(count, buffer.length - head));
            System.arraycopy(buffer, head, b, off, k);
            head = (head + k) % buffer.length;
            count -= k;
            notFull.signal();
            return k;
        } finally {
            lock.unlock();
        }
    }

    private static void await(Condition c) throws InterruptedIOException {
        try {
            c.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting on the inspection pipe");
        }
    }
}
