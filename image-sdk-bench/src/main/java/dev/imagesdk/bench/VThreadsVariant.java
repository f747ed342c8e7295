package dev.imagesdk.bench;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.TransferListener;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageQuery;
import dev.imagesdk.model.ImageSpec;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Case 11 (issue 17 item 7): 1,000 virtual threads share one {@link ImageService}, each getting an image, listing
 * one page, uploading 1 MiB and downloading it verified (4 operations), with the transfers' helper tasks on a
 * virtual-thread executor ({@code ClientConfig.transferExecutor}). Reports {@code ops_per_s} over the whole
 * workload; on a JDK without virtual threads (before 21) the run reports {@code skipped}.
 */
final class VThreadsVariant {
    static final int THREADS = 1000;
    static final int SIZE = 1 << 20;

    private VThreadsVariant() {
    }

    static Map<String, Object> run(Child c) throws Exception {
        int feature = Runtime.version().feature();
        if (feature < 21) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("skipped", "jdk" + feature);
            return m;
        }
        ExecutorService transfers = virtualThreads();
        ExecutorService callers = virtualThreads();
        ClientConfig cfg = ClientConfig.builder()
                .auth(AuthMethod.V3Password.of(c.user(), c.user(), "Default", c.user()))
                .authUrl(c.url + "/v3")
                .transferExecutor(transfers)
                .build();
        try (ImageService s = ImageService.builder().config(cfg).apiVersion(ApiVersion.V2).build()) {
            Image seed = s.createAndUpload(spec("bench-vt-seed"), ImageData.fromSupplier(() -> image(-1), SIZE),
                    TransferListener.NONE);
            oneWorkload(s, seed.id(), 0); // warm-up of every path
            Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
            Probe probe = c.probe();
            probe.start();
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                int n = i;
                done.add(callers.submit(() -> {
                    try {
                        oneWorkload(s, seed.id(), n);
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.MINUTES);
            }
            Map<String, Object> m = probe.stop();
            s.delete(seed.id());
            double wall = ((Number) m.get("wall_s")).doubleValue();
            m.put("ops", THREADS * 4);
            m.put("ops_per_s", THREADS * 4 / wall);
            m.put("failures", failures.size());
            if (!failures.isEmpty()) {
                m.put("error", ("failures_" + failures.size() + "_first_" + failures.peek()).replaceAll("\\s+", "_"));
            }
            return m;
        } finally {
            callers.shutdownNow();
            transfers.shutdown(); // the caller's executor: shut down by the caller, after the service
        }
    }

    private static void oneWorkload(ImageService s, String seedId, int i) {
        s.get(seedId);
        List<Image> page = s.list(ImageQuery.builder().pageSize(1).limit(1).build()).stream()
                .collect(Collectors.toList());
        if (page.size() != 1) {
            throw new IllegalStateException("a page of " + page.size() + " images, expected 1");
        }
        Image image = s.createAndUpload(spec("bench-vt-" + i), ImageData.fromSupplier(() -> image(i), SIZE),
                TransferListener.NONE);
        try {
            long[] seen = new long[2]; // bytes, mismatches
            s.download(image.id()).toOutputStream(new OutputStream() {
                @Override
                public void write(int b) {
                    if ((byte) b != byteOf(i, seen[0]++)) {
                        seen[1]++;
                    }
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    for (int k = 0; k < len; k++) {
                        write(b[off + k]);
                    }
                }
            });
            if (seen[0] != SIZE || seen[1] != 0) {
                throw new IllegalStateException("image " + image.id() + " came back different");
            }
        } finally {
            s.delete(image.id());
        }
    }

    /** {@code Executors.newVirtualThreadPerTaskExecutor()} (JDK 21+; the bench compiles for 17). */
    private static ExecutorService virtualThreads() throws ReflectiveOperationException {
        return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    }

    private static byte byteOf(int i, long position) {
        return (byte) (position * 31 + i);
    }

    /** Thread {@code i}'s 1 MiB, generated as it is read: the workload holds no image in heap. */
    private static InputStream image(int i) {
        return new InputStream() {
            long position;

            @Override
            public int read() {
                return position < SIZE ? byteOf(i, position++) & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= SIZE) {
                    return -1;
                }
                int n = (int) Math.min(len, SIZE - position);
                for (int k = 0; k < n; k++) {
                    b[off + k] = byteOf(i, position++);
                }
                return n;
            }
        };
    }

    private static ImageSpec spec(String name) {
        return ImageSpec.builder().name(name).diskFormat(DiskFormat.RAW).containerFormat(ContainerFormat.BARE).build();
    }
}
