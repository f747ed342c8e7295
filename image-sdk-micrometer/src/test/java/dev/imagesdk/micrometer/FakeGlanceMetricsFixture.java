package dev.imagesdk.micrometer;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageService;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.fake.FakeGlance;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.util.Random;

/**
 * The end-to-end tests' setting: one fake Glance per class, and per test a v2 {@link ImageService} built with
 * {@code .listener(new MicrometerImageServiceListener(registry))} on a fresh {@link SimpleMeterRegistry}
 * (quick retries); faults injected by a test are cleared after it.
 */
abstract class FakeGlanceMetricsFixture {

    static final byte[] DATA = new byte[1024 * 1024 + 7];
    static FakeGlance fake;

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ImageService images;

    @BeforeAll
    static void startFake() {
        new Random(17).nextBytes(DATA);
        fake = FakeGlance.builder().start();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @BeforeEach
    void connect() {
        ClientConfig config = ClientConfig.builder().authUrl(fake.keystoneUrl())
                .auth(AuthMethod.V3Password.of("demo", fake.passwordOf("demo"), "Default", fake.projectOf("demo")))
                .initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(5)).build();
        images = ImageService.builder().config(config).apiVersion(ApiVersion.V2)
                .listener(new MicrometerImageServiceListener(registry))
                .build();
    }

    @AfterEach
    void close() {
        fake.clearFaults();
        images.close();
    }
}
