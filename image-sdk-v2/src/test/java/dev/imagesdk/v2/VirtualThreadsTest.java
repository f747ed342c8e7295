package dev.imagesdk.v2;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.DownloadResult;
import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.TransferListener;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageQuery;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.ImageStatus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 17, item 7: the SDK on virtual threads. 1,000 virtual threads share one {@link ImageService} against the
 * fake Glance, each getting, listing one page, uploading 1 MiB and downloading it verified, with the transfers'
 * helper tasks on a caller-supplied virtual-thread executor ({@link ClientConfig#transferExecutor()}); runs on JDK
 * 21+ and is skipped on 17 (no virtual threads). {@code scripts/virtual-threads-check.sh} runs it on Temurin 25
 * with a JFR recording of pinned virtual threads. On every JDK, a scan of the SDK's sources checks that no
 * monitor ({@code synchronized}) is left except the audited ones that hold no blocking I/O: on JDK 21-23 a
 * monitor held across socket I/O pins the carrier thread.
 */
class VirtualThreadsTest {

    private static final int THREADS = 1000;
    private static final int SIZE = 1 << 20;

    /** {@code Executors.newVirtualThreadPerTaskExecutor()}, which JDK 17 does not have. */
    static ExecutorService virtualThreads() throws ReflectiveOperationException {
        return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    }

    /** The byte at {@code position} of thread {@code i}'s image: generated, so no thread holds its image in heap. */
    static byte byteOf(int i, long position) {
        return (byte) (position * 31 + i);
    }

    /** Thread {@code i}'s image, generated as it is read. */
    static InputStream imageOf(int i) {
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

    /** Checks each byte written against thread {@code i}'s image; {@link #mismatches} and {@link #count} tell. */
    static final class Checking extends OutputStream {
        final int i;
        long count;
        long mismatches;

        Checking(int i) {
            this.i = i;
        }

        @Override
        public void write(int b) {
            if ((byte) b != byteOf(i, count++)) {
                mismatches++;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            for (int k = 0; k < len; k++) {
                write(b[off + k]);
            }
        }
    }

    @Test
    void aThousandVirtualThreadsShareOneServiceForGetListUploadAndVerifiedDownloadWithoutFailure() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+; this JDK is "
                + Runtime.version());
        ExecutorService transfers = virtualThreads(); // the caller's: shut down by the caller, after the service
        ExecutorService callers = virtualThreads();
        try (FakeGlance fake = FakeGlance.builder().start()) {
            ClientConfig config = ClientConfig.builder().authUrl(fake.keystoneUrl())
                    .auth(AuthMethod.V3Password.of("demo", fake.passwordOf("demo"), "Default", fake.projectOf("demo")))
                    .transferExecutor(transfers).build();
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
            long start = System.nanoTime();
            try (ImageService images = ImageService.builder().config(config).apiVersion(ApiVersion.V2).build()) {
                Image seed = images.createAndUpload(spec("seed"), ImageData.fromSupplier(() -> imageOf(-1), SIZE),
                        TransferListener.NONE);
                // One workload on this thread first: the classes it needs (AssertJ's, the SDK's) are initialised
                // here, not in 1,000 virtual threads at once (a class initialiser pins its virtual thread, which
                // the JFR check of scripts/virtual-threads-check.sh would report; it is not the SDK's I/O).
                oneWorkload(images, seed.id(), THREADS);
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < THREADS; i++) {
                    int n = i;
                    done.add(callers.submit(() -> {
                        try {
                            oneWorkload(images, seed.id(), n);
                        } catch (Throwable t) {
                            failures.add(t);
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get(10, TimeUnit.MINUTES);
                }
                images.delete(seed.id());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("VTHREADS threads=%d seconds=%.2f ops_per_s=%.1f failures=%d java=%s%n", THREADS, seconds,
                    THREADS * 4 / seconds, failures.size(), Runtime.version());

            assertThat(failures).as("failures (first: %s)", failures.peek()).isEmpty();
            assertThat(fake.images()).as("every image deleted again").isEmpty();
            List<String> sdkPlatformThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t) && t.getName().startsWith("image-sdk-transfer-"))
                    .map(Thread::getName).collect(Collectors.toList());
            assertThat(sdkPlatformThreads).as("transfer tasks ran on the supplied executor, not on SDK threads")
                    .isEmpty();
        } finally {
            callers.shutdownNow();
            transfers.shutdown();
        }
    }

    private static ImageSpec spec(String name) {
        return ImageSpec.builder().name(name).diskFormat(DiskFormat.RAW).containerFormat(ContainerFormat.BARE).build();
    }

    /** One thread's work: 4 operations (get, list page, upload, download), checked. */
    private static void oneWorkload(ImageService images, String seedId, int i) {
        Image seed = images.get(seedId);
        assertThat(seed.status()).isEqualTo(ImageStatus.ACTIVE);
        List<Image> page = images.list(ImageQuery.builder().pageSize(1).limit(1).build()).stream()
                .collect(Collectors.toList());
        assertThat(page).hasSize(1);
        Image image = images.createAndUpload(spec("vt-" + i), ImageData.fromSupplier(() -> imageOf(i), SIZE),
                TransferListener.NONE);
        try {
            Checking out = new Checking(i);
            DownloadResult r = images.download(image.id()).toOutputStream(out);
            assertThat(r.algorithm()).isNotEqualTo("none");
            assertThat(out.count).as("bytes of image %s", i).isEqualTo(SIZE);
            assertThat(out.mismatches).as("wrong bytes in image %s", i).isZero();
        } finally {
            images.delete(image.id());
        }
    }

    /** A monitor that is audited to hold no blocking I/O, with the reason. */
    private static final Set<String> AUDITED = Set.of(
            // flags of a multi-region publication and Fanout.abort(), which only signals a lock
            "image-sdk-core/src/main/java/dev/imagesdk/internal/regions/Publication.java");

    private static final Pattern MONITOR = Pattern.compile("\\bsynchronized\\s*\\(|\\bsynchronized\\s+[\\w<]");

    @Test
    void noMonitorIsLeftInTheSdkExceptAuditedOnesWithoutBlockingIo() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent(); // the module's parent: the project
        List<String> found = new ArrayList<>();
        for (String module : List.of("image-sdk-core", "image-sdk-v1", "image-sdk-v2")) {
            Path sources = root.resolve(module).resolve("src/main/java");
            assertThat(sources).isDirectory();
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                    List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                    for (int n = 0; n < lines.size(); n++) {
                        String code = lines.get(n).trim();
                        if (code.startsWith("*") || code.startsWith("/*") || code.startsWith("//")) {
                            continue;
                        }
                        String relative = root.relativize(f).toString().replace('\\', '/');
                        if (MONITOR.matcher(code).find() && !AUDITED.contains(relative)) {
                            found.add(relative + ":" + (n + 1) + ": " + code);
                        }
                    }
                }
            }
        }
        assertThat(found).as("use a ReentrantLock (a monitor around blocking I/O pins virtual threads on JDK 21-23)")
                .isEmpty();
    }
}
