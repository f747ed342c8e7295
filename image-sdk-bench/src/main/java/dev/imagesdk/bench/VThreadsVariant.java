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

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
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
            Image seed = s.createAndUpload(spec("bench-vt-seed"), ImageData.fromBytes(data(-1)), TransferListener.NONE);
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
        byte[] bytes = data(i);
        Image image = s.createAndUpload(spec("bench-vt-" + i), ImageData.fromBytes(bytes), TransferListener.NONE);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(SIZE);
            s.download(image.id()).toOutputStream(out);
            if (!Arrays.equals(out.toByteArray(), bytes)) {
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

    private static byte[] data(int i) {
        byte[] b = new byte[SIZE];
        for (int k = 0; k < b.length; k++) {
            b[k] = (byte) (k * 31 + i);
        }
        return b;
    }

    private static ImageSpec spec(String name) {
        return ImageSpec.builder().name(name).diskFormat(DiskFormat.RAW).containerFormat(ContainerFormat.BARE).build();
    }
}
