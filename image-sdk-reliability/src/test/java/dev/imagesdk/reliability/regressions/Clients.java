package dev.imagesdk.reliability.regressions;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageService;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.fake.FakeGlance;
import java.time.Duration;

/** Clients for the regression tests: the matrix's short timeouts and fast backoff, as user demo. */
final class Clients {
    private Clients() {
    }

    static ImageService of(FakeGlance fake, ApiVersion version) {
        return ImageService.builder().config(ClientConfig.builder().authUrl(fake.keystoneUrl())
                .auth(AuthMethod.V3Password.of("demo", fake.passwordOf("demo"), "Default", fake.projectOf("demo")))
                .apiVersion(version)
                .requestTimeout(Duration.ofSeconds(1)).idleTimeout(Duration.ofMillis(800))
                .initialBackoff(Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(40))
                .maxTotalRetryWait(Duration.ofMillis(1500)).build()).build();
    }
}
