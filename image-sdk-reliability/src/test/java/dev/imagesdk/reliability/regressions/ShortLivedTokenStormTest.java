package dev.imagesdk.reliability.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.TransferListener;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.fake.junit.FakeGlanceExtension;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.ImageSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 16, item 4: with tokens that live less than the refresh skew (120 s) or the transfer validity (10 min),
 * every call or transfer authenticated again (32 threads, 20 s tokens: 2,366 tokens in 30 s). The validity
 * demand is now capped at half the token's lifetime: about two tokens per lifetime, whatever the call count.
 */
@ExtendWith(FakeGlanceExtension.class)
class ShortLivedTokenStormTest {

    private static final Duration LIFETIME = Duration.ofSeconds(2);
    private static final int THREADS = 8;
    private static final int CALLS_PER_THREAD = 60;

    @Test
    void shortLivedTokensAreRenewedPerHalfLifetimeNotPerCall(FakeGlance fake) throws Exception {
        fake.tokenLifetime(LIFETIME);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (ImageService images = Clients.of(fake, ApiVersion.V2)) {
            String id = images.createAndUpload(ImageSpec.builder().name("t").diskFormat(DiskFormat.RAW)
                    .containerFormat(ContainerFormat.BARE).build(), ImageData.fromBytes(new byte[1024]),
                    TransferListener.NONE).id();
            int before = fake.issuedTokens().size();
            long start = System.nanoTime();
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < CALLS_PER_THREAD; i++) {
                        if (thread == 0 && i % 10 == 0) {
                            // a transfer demands 10 min of validity before it starts
                            images.download(id).toOutputStream(java.io.OutputStream.nullOutputStream());
                        } else {
                            images.get(id);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(2, TimeUnit.MINUTES);
            }
            double elapsedSeconds = (System.nanoTime() - start) / 1e9;
            int issued = fake.issuedTokens().size() - before;
            // One renewal per half lifetime (1 s) of elapsed time, plus the one current at the start and a margin
            // of two for renewals racing the boundary.
            System.out.printf("TOKEN-STORM calls=%d seconds=%.1f tokens=%d%n", THREADS * CALLS_PER_THREAD,
                    elapsedSeconds, issued);
            long bound = (long) Math.ceil(elapsedSeconds / (LIFETIME.toMillis() / 2000.0)) + 3;
            assertThat(issued).as("tokens issued for %d calls in %.1f s", THREADS * CALLS_PER_THREAD, elapsedSeconds)
                    .isLessThanOrEqualTo((int) bound)
                    .isLessThan(THREADS * CALLS_PER_THREAD / 4);
        } finally {
            pool.shutdownNow();
            fake.tokenLifetime(Duration.ofHours(24));
        }
    }
}
