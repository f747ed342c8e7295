package dev.imagesdk.internal.transfer;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The thread of one task on an engine worker, known only while the task runs, so that a caller who stops waiting
 * interrupts that task and never a later one the same pooled thread runs. Shared by {@link InterruptibleRun} and
 * {@link DownloadPipeline}. A {@link ReentrantLock}, not a monitor: no virtual-thread carrier is pinned.
 */
final class RunningThread {

    private final ReentrantLock lock = new ReentrantLock();
    private Thread thread;

    /** Runs {@code task} on the calling thread, which is {@linkplain #interrupt() interruptible} meanwhile. */
    void run(Runnable task) {
        lock.lock();
        try {
            thread = Thread.currentThread();
        } finally {
            lock.unlock();
        }
        try {
            task.run();
        } finally {
            lock.lock();
            try {
                thread = null;
            } finally {
                lock.unlock();
            }
        }
    }

    /** Interrupts the task if it is running now; does nothing before it started or after it ended. */
    void interrupt() {
        lock.lock();
        try {
            if (thread != null) {
                thread.interrupt();
            }
        } finally {
            lock.unlock();
        }
    }
}
