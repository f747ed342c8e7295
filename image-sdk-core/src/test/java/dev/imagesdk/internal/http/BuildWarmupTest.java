package dev.imagesdk.internal.http;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageService;
import dev.imagesdk.internal.retry.RetryPolicy;
import dev.imagesdk.internal.retry.Sleeper;
import dev.imagesdk.spi.ImageServiceProvider;
import dev.imagesdk.spi.ProviderContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class BuildWarmupTest {

    private static final RetryPolicy POLICY = new RetryPolicy(3, Duration.ofMillis(1), 2.0, 0.5,
            Duration.ofMillis(2), Duration.ofSeconds(1));

    /** A provider that records its prepare(), optionally failing in it. */
    private static final class Preparing implements ImageServiceProvider {
        final CountDownLatch prepared = new CountDownLatch(1);
        final boolean fail;

        Preparing(boolean fail) {
            this.fail = fail;
        }

        @Override
        public ApiVersion apiVersion() {
            return ApiVersion.V2;
        }

        @Override
        public ImageService create(ProviderContext context) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void prepare() {
            prepared.countDown();
            if (fail) {
                throw new IllegalStateException("prepare failed");
            }
        }
    }

    @Test
    void handsOverAWorkingMapperAndExecutorAndPreparesEveryProvider() throws Exception {
        Preparing failing = new Preparing(true);
        Preparing ok = new Preparing(false);
        BuildWarmup w = BuildWarmup.start(POLICY, Sleeper.SYSTEM, List.of(failing, ok));

        assertThat(w.objectMapper().readTree("{\"a\":[1]}").path("a").get(0).asInt()).isEqualTo(1);
        assertThat(w.unauthenticated()).isNotNull();
        // a provider failing in prepare() does not stop the others (nor the build: it only loses its head start)
        assertThat(failing.prepared.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ok.prepared.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theDefaultPrepareDoesNothing() {
        ImageServiceProvider plain = new ImageServiceProvider() {
            @Override
            public ApiVersion apiVersion() {
                return ApiVersion.V1;
            }

            @Override
            public ImageService create(ProviderContext context) {
                throw new UnsupportedOperationException();
            }
        };
        plain.prepare();
        assertThat(BuildWarmup.start(POLICY, Sleeper.SYSTEM, List.of(plain)).objectMapper()).isNotNull();
    }
}
