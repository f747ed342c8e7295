package dev.imagesdk.bench;

import dev.imagesdk.inspect.DiskImageInspector;
import dev.imagesdk.inspect.DiskImageReport;
import dev.imagesdk.model.DiskFormat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Case 7: local disk-image inspection ({@link DiskImageInspector#inspect(Path)}) of a 10 GiB sparse qcow2
 * (a qcow2 header this class writes, the rest a hole) and a 1 GiB sparse raw file. Reports the first call
 * in a fresh JVM (cold), then the median, min and max of timed calls, and the heap each call allocates
 * (this thread's allocated bytes, median).
 */
final class InspectVariant {
    static final long QCOW2_SIZE = 10L << 30;
    static final long RAW_SIZE = 1L << 30;
    private static final int WARMUP = 2000;
    private static final int TIMED = 200;

    private InspectVariant() {
    }

    static Map<String, Object> run(Child c) throws IOException {
        Path dir = Path.of(c.p.get("scratch"));
        Path qcow2 = sparse(dir.resolve("inspect-10g.qcow2"), qcow2Header(QCOW2_SIZE), QCOW2_SIZE);
        Path raw = sparse(dir.resolve("inspect-1g.raw"), new byte[0], RAW_SIZE);
        Map<String, Object> m = new LinkedHashMap<>();
        long t = System.nanoTime();
        DiskImageReport first = DiskImageInspector.inspect(qcow2);
        m.put("cold_ms", (System.nanoTime() - t) / 1e6);
        expect(first, DiskFormat.QCOW2, QCOW2_SIZE);
        expect(DiskImageInspector.inspect(raw), DiskFormat.RAW, RAW_SIZE);
        for (int i = 0; i < WARMUP; i++) {
            DiskImageInspector.inspect(qcow2);
            DiskImageInspector.inspect(raw);
        }
        measure(qcow2, "qcow2", m);
        measure(raw, "raw", m);
        m.put("qcow2_examined_bytes", first.bytesExamined());
        return m;
    }

    private static void measure(Path file, String name, Map<String, Object> m) throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        double[] ms = new double[TIMED];
        double[] kib = new double[TIMED];
        for (int i = 0; i < TIMED; i++) {
            long a0 = threads.getThreadAllocatedBytes(id);
            long t0 = System.nanoTime();
            DiskImageInspector.inspect(file);
            long t1 = System.nanoTime();
            long a1 = threads.getThreadAllocatedBytes(id);
            ms[i] = (t1 - t0) / 1e6;
            kib[i] = (a1 - a0) / 1024.0;
        }
        Arrays.sort(ms);
        Arrays.sort(kib);
        m.put(name + "_median_ms", ms[TIMED / 2]);
        m.put(name + "_min_ms", ms[0]);
        m.put(name + "_max_ms", ms[TIMED - 1]);
        m.put(name + "_heap_kib", kib[TIMED / 2]);
    }

    private static void expect(DiskImageReport r, DiskFormat format, long size) {
        if (!r.format().equals(format) || r.virtualSize().orElse(-1) != size || !r.isSafe()) {
            throw new IllegalStateException("unexpected verdict " + r);
        }
    }

    /** A sparse file of {@code length} bytes starting with {@code head}; reused when already there. */
    private static Path sparse(Path f, byte[] head, long length) throws IOException {
        if (Files.exists(f) && Files.size(f) == length) {
            return f;
        }
        Files.createDirectories(f.getParent());
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(0);
            raf.write(head);
            raf.setLength(length);
        }
        return f;
    }

    /** A qcow2 version 3 header (qemu's docs/interop/qcow2.txt): 64 KiB clusters, no tables needed here. */
    static byte[] qcow2Header(long size) {
        ByteBuffer b = ByteBuffer.allocate(512);
        b.put(new byte[] {'Q', 'F', 'I', (byte) 0xfb}).putInt(3);
        b.putInt(20, 16).putLong(24, size).putInt(96, 4).putInt(100, 104);
        return b.array();
    }
}
