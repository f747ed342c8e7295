package dev.imagesdk.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures one timed operation inside a child JVM: wall time, this process's CPU (all threads, GC and
 * JIT included), the peak heap used during it (pool peaks, reset at the start), the server's CPU and the
 * CPU that other processes used meanwhile (machine busy time minus client and server).
 */
final class Probe {
    private final long serverPid;
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();
    private long t0;
    private double cpu0;
    private double server0;
    private double busy0;

    Probe(long serverPid) {
        this.serverPid = serverPid;
    }

    static double processCpuSeconds() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    void start() {
        System.gc();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        server0 = ProcStat.processCpu(serverPid);
        busy0 = ProcStat.machineBusy();
        cpu0 = processCpuSeconds();
        t0 = System.nanoTime();
    }

    /** Stops and returns {@code wall_s cpu_s heap_mib server_cpu_s other_cores}. */
    Map<String, Object> stop() {
        long t1 = System.nanoTime();
        double cpu1 = processCpuSeconds();
        double busy1 = ProcStat.machineBusy();
        double server1 = ProcStat.processCpu(serverPid);
        long heap = 0;
        for (MemoryPoolMXBean p : heapPools) {
            heap += p.getPeakUsage().getUsed();
        }
        double wall = (t1 - t0) / 1e9;
        double cpu = cpu1 - cpu0;
        double server = server1 - server0;
        double other = ((busy1 - busy0) - cpu - server) / wall;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("wall_s", wall);
        m.put("cpu_s", cpu);
        m.put("heap_mib", heap / 1048576.0);
        m.put("server_cpu_s", server);
        m.put("other_cores", Math.max(0, other));
        return m;
    }
}
