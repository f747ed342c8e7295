package dev.imagesdk.internal.transfer;

import dev.imagesdk.testsupport.memory.GeneratedBytes;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Throwaway measurement (not a test): MD5 + SHA-512 over the same in-memory bytes, on one thread (both
 * digests per 64 KiB chunk) and with {@link PipelinedCopy} (MD5 on the caller, SHA-512 on the worker, null
 * sink). Rounds alternate; the first is warm-up. Usage: {@code java -cp ... HashThroughputMain [MiB] [rounds]}.
 */
public final class HashThroughputMain {

    public static void main(String[] args) throws Exception {
        long mib = args.length > 0 ? Long.parseLong(args[0]) : 512;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        long size = mib << 20;
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        });
        PipelinedCopy pipe = new PipelinedCopy(pool, 64 * 1024, 8);
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int round = 0; round < rounds; round++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            String single = singleThread(size);
            long t1 = System.nanoTime();
            long c1 = os.getProcessCpuTime();
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            MessageDigest sha = MessageDigest.getInstance("SHA-512");
            pipe.copy(new GeneratedBytes(size), -1, List.of(md5), List.of(sha), OutputStream.nullOutputStream(),
                    null, null);
            String piped = HashAlgorithms.hex(md5);
            long t2 = System.nanoTime();
            long c2 = os.getProcessCpuTime();
            if (!single.equals(piped)) {
                throw new AssertionError("digests differ");
            }
            double gib = mib / 1024.0;
            System.out.printf("round %d%s: 1 thread %.0f MiB/s (%.2f CPU-s/GiB), 2 threads pipelined %.0f MiB/s"
                            + " (%.2f CPU-s/GiB)%n", round, round == 0 ? " (warm-up)" : "",
                    mib / ((t1 - t0) / 1e9), (c1 - c0) / 1e9 / gib, mib / ((t2 - t1) / 1e9), (c2 - c1) / 1e9 / gib);
        }
    }

    private static String singleThread(long size) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        MessageDigest sha = MessageDigest.getInstance("SHA-512");
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = new GeneratedBytes(size)) {
            int n;
            while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                md5.update(buf, 0, n);
                sha.update(buf, 0, n);
            }
        }
        sha.digest();
        return HashAlgorithms.hex(md5);
    }
}
