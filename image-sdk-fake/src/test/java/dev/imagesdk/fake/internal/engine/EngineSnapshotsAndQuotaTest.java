package dev.imagesdk.fake.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine's parts used directly: what {@link Tasks} hands out, and the storage quota under concurrency. */
class EngineSnapshotsAndQuotaTest {
    private static final int KIB = 1024;
    private static final Caller DEMO = new Caller("u-demo", "p-demo", List.of("member"), false);
    private static final Map<String, Object> RAW_BARE = Map.of("disk_format", "raw", "container_format", "bare");

    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    private Engine engine;

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
        if (engine != null) {
            engine.close();
        }
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void tasksHandedOutAreSnapshotsThatTheImportsProgressDoesNotChange() throws IOException {
        engine = new Engine(EngineConfig.defaults(), new FakeClock());
        engine.importTransitions(TransitionMode.MANUAL);
        String id = engine.images().create(DEMO, RAW_BARE).id();
        engine.data().stage(DEMO, id, new ByteArrayInputStream(random(1000, 1)));
        engine.imports().importImage(DEMO, id,
                new Imports.ImportRequest("glance-direct", null, null, false, Map.of()), "req-1");

        Task listed = engine.tasks().imageTasks(DEMO, id).get(0);
        Task shown = engine.tasks().task(DEMO, listed.id());
        Task inList = engine.tasks().tasks(DEMO).get(0);
        assertThat(List.of(listed.status(), shown.status(), inList.status())).containsOnly("processing");

        assertThat(engine.transitions().completeTransition(id)).isTrue();

        assertThat(engine.tasks().task(DEMO, listed.id()).status()).isEqualTo("success");
        assertThat(engine.tasks().task(DEMO, listed.id()).result()).containsEntry("image_id", id);
        for (Task before : List.of(listed, shown, inList)) {
            assertThat(before.status()).isEqualTo("processing");
            assertThat(before.result()).isNull();
            assertThat(before.expiresAt()).isNull();
        }
    }

    /**
     * Gives {@code first} bytes, then, when asked for more, says so through {@code reached} and waits for
     * {@code go} before giving the rest.
     */
    private static InputStream pausingAt(byte[] data, int first, CountDownLatch reached, CountDownLatch go) {
        return new InputStream() {
            private int pos;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (pos == first && reached.getCount() > 0) {
                    reached.countDown();
                    try {
                        if (!go.await(30, TimeUnit.SECONDS)) {
                            throw new IOException("never released");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException(e);
                    }
                }
                if (pos >= data.length) {
                    return -1;
                }
                int n = Math.min(len, (pos < first ? first : data.length) - pos);
                System.arraycopy(data, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    @Test
    void twoConcurrentUploadsCannotTogetherExceedTheStorageQuota() throws Exception {
        engine = new Engine(EngineConfig.defaults().withUserStorageQuota(256 * KIB), new FakeClock());
        String a = engine.images().create(DEMO, RAW_BARE).id();
        String b = engine.images().create(DEMO, RAW_BARE).id();
        CountDownLatch aHasSent128 = new CountDownLatch(1);
        CountDownLatch releaseA = new CountDownLatch(1);
        // upload a: 192 KiB, paused after its first 128 KiB have passed the quota check
        Future<?> uploadA = pool.submit(() -> {
            engine.data().upload(DEMO, a, pausingAt(random(192 * KIB, 2), 128 * KIB, aHasSent128, releaseA), null);
            return null;
        });
        assertThat(aHasSent128.await(30, TimeUnit.SECONDS)).isTrue();

        // upload b: 192 KiB while a holds 128 KiB of the 256 KiB quota: refused
        assertThatThrownBy(() -> engine.data().upload(DEMO, b, new ByteArrayInputStream(random(192 * KIB, 3)), null))
                .isInstanceOfSatisfying(GlanceException.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.body()).startsWith("Denying attempt to upload image because it exceeds the quota: "
                            + "The size of the data " + 192 * KIB + " will exceed the limit. " + 128 * KIB
                            + " bytes remaining.");
                });
        assertThat(engine.images().peek(b).orElseThrow().status()).isEqualTo("queued");

        releaseA.countDown();
        uploadA.get(30, TimeUnit.SECONDS);
        assertThat(engine.images().peek(a).orElseThrow().status()).isEqualTo("active");
        assertThat(engine.images().peek(a).orElseThrow().size()).isEqualTo(192L * KIB);

        // a's reservation became stored data: 64 KiB left, and b fits in it once retried
        engine.data().upload(DEMO, b, new ByteArrayInputStream(random(64 * KIB, 4)), null);
        assertThat(engine.images().peek(b).orElseThrow().status()).isEqualTo("active");
    }
}
