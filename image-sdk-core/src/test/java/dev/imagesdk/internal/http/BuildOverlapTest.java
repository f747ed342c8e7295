package dev.imagesdk.internal.http;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageService;
import dev.imagesdk.exception.NotFoundException;
import dev.imagesdk.spi.ImageServiceProvider;
import dev.imagesdk.spi.ProviderContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BuildOverlapTest {

    /** A provider that records its prepare(), optionally failing in it. */
    private static final class Preparing implements ImageServiceProvider {
        final CountDownLatch prepared = new CountDownLatch(1);
        final boolean fail;
        volatile String thread;

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
            thread = Thread.currentThread().getName();
            prepared.countDown();
            if (fail) {
                throw new IllegalStateException("prepare failed");
            }
        }
    }

    @Test
    void preparesEveryProviderOnADaemonThreadEvenAfterOneFails() throws Exception {
        Preparing failing = new Preparing(true);
        Preparing ok = new Preparing(false);

        BuildOverlap.prepare(List.of(failing, ok));

        assertThat(failing.prepared.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ok.prepared.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ok.thread).isEqualTo("image-sdk-prepare").isNotEqualTo(Thread.currentThread().getName());
    }

    @Test
    void startedWorkHandsBackItsResultOrItsOwnException() {
        Supplier<String> value = BuildOverlap.start("t-value", () -> Thread.currentThread().getName());
        Supplier<String> failure = BuildOverlap.start("t-failure", () -> {
            throw new NotFoundException("no version document", null);
        });

        assertThat(value.get()).isEqualTo("t-value");
        assertThatThrownBy(failure::get).isInstanceOf(NotFoundException.class).hasMessageContaining("no version document");
    }
}
