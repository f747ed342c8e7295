package dev.imagesdk.testsupport.memory;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/** Samples the used heap every 20 ms on a daemon thread and keeps the peak (for the memory checks' RESULT lines). */
public final class HeapSampler {
    private final AtomicLong peak = new AtomicLong();

    private HeapSampler() {
    }

    /** Starts sampling; the thread ends with the JVM. */
    public static HeapSampler start() {
        HeapSampler s = new HeapSampler();
        Thread sampler = new Thread(() -> {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            while (true) {
                s.peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20); // a sampling period, not synchronisation
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        return s;
    }

    /** The highest used heap seen so far, in MiB. */
    public long peakMiB() {
        return peak.get() >> 20;
    }
}
