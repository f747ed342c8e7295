package dev.imagesdk.micrometer;

import dev.imagesdk.ImageService;
import dev.imagesdk.exception.NotFoundException;
import dev.imagesdk.fake.Fault;
import dev.imagesdk.fake.Operation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.imagesdk.micrometer.MicrometerImageServiceListener.CALLS;
import static dev.imagesdk.micrometer.MicrometerImageServiceListener.CALL_ATTEMPTS;
import static dev.imagesdk.micrometer.MicrometerImageServiceListener.REAUTHENTICATIONS;
import static dev.imagesdk.micrometer.MicrometerImageServiceListener.RESPONSES;
import static dev.imagesdk.micrometer.MicrometerImageServiceListener.RETRIES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * End to end: a v2 {@link ImageService} built with {@code .listener(new MicrometerImageServiceListener(registry))}
 * against the fake Glance with an injected 503 and an injected 401 (issue #17's "done when"). Operation names
 * are the SDK's own; the test finds them from the meters (e.g. the operation of the one retry) instead of
 * spelling them.
 */
class MicrometerListenerFakeGlanceTest extends FakeGlanceMetricsFixture {

    static final String MISSING = "0b5d6c7e-8f90-4c7a-9e2f-9a3f2c4e8d1b";

    @Test
    void scriptedRunWithAnInjected503AndA401IsCountedAndTimed() {
        String id = fake.seedImage("demo", Map.of("name", "metrics", "disk_format", "raw",
                "container_format", "bare"), new ByteArrayInputStream(DATA));

        images.get(id);
        fake.inject(Operation.SHOW_IMAGE, Fault.serviceUnavailable(1));
        images.get(id);
        fake.inject(Operation.SHOW_IMAGE, Fault.unauthorizedOnce());
        images.get(id);
        assertThatThrownBy(() -> images.get(MISSING)).isInstanceOf(NotFoundException.class);

        Counter retry = registry.get(RETRIES).tags("reason", "HTTP 503").counter();
        assertThat(retry.count()).isEqualTo(1.0);
        assertThat(registry.get(RETRIES).counters()).hasSize(1);
        String get = retry.getId().getTag("operation");

        assertThat(count(RESPONSES, "operation", get, "status", "503")).isEqualTo(1.0);
        assertThat(count(RESPONSES, "operation", get, "status", "401")).isEqualTo(1.0);
        assertThat(count(RESPONSES, "operation", get, "status", "200")).isEqualTo(3.0);
        assertThat(count(RESPONSES, "operation", get, "status", "404")).isEqualTo(1.0);
        assertThat(count(REAUTHENTICATIONS, "operation", get)).isEqualTo(1.0);
        assertThat(registry.get(REAUTHENTICATIONS).counters()).hasSize(1);

        Timer succeeded = registry.get(CALLS).tags("operation", get, "method", "GET", "outcome", "success",
                "exception", "none").timer();
        assertThat(succeeded.count()).isEqualTo(3);
        assertThat(succeeded.totalTime(TimeUnit.NANOSECONDS)).isPositive();
        Timer failed = registry.get(CALLS).tags("operation", get, "outcome", "failure",
                "exception", "NotFoundException").timer();
        assertThat(failed.count()).isEqualTo(1);
        DistributionSummary attempts = registry.get(CALL_ATTEMPTS).tags("operation", get, "outcome", "success")
                .summary();
        assertThat(attempts.count()).isEqualTo(3);
        assertThat(attempts.totalAmount()).as("1 + (503, retry) 2 + (401, replay) 2").isEqualTo(5.0);
    }

    double count(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }
}
