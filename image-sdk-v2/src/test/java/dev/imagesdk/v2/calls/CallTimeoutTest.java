package dev.imagesdk.v2.calls;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageService;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.exception.CallTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The call timeout bounds a whole call against a service that accepts connections and never answers: the call
 * fails within the timeout plus 1 s with {@link CallTimeoutException} naming the operation, the attempts and the
 * time spent (issue #17), whether the black hole is Keystone or the image endpoint.
 */
class CallTimeoutTest {

    BlackHole hole;

    @BeforeEach
    void open() throws Exception {
        hole = new BlackHole();
    }

    @AfterEach
    void close() throws Exception {
        hole.close();
    }

    @Test
    void blackHoledKeystoneFailsWithinTheCallTimeoutNamingOperationAttemptsAndTime() {
        ClientConfig config = ClientConfig.builder().authUrl(hole.url() + "/v3")
                .auth(AuthMethod.V3Password.of("demo", "secret", "Default", "demo"))
                .requestTimeout(Duration.ofSeconds(2)) // the first attempt times out, the second is cut at 3 s
                .callTimeout(Duration.ofSeconds(3))
                .build();
        long start = System.nanoTime();

        Throwable thrown = catchThrowable(() -> ImageService.builder().config(config).apiVersion(ApiVersion.V2).build());

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(thrown).isInstanceOf(CallTimeoutException.class)
                .hasMessageMatching("keystone\\.issueToken: no answer within the call timeout of 3 s "
                        + "\\(2 attempts, 3\\.\\d s\\)");
        assertThat(took).isLessThan(Duration.ofSeconds(4));
        CallTimeoutException timeout = (CallTimeoutException) thrown;
        assertThat(timeout.attempts()).isEqualTo(2);
        assertThat(timeout.callTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(timeout.elapsed()).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(4));
        assertThat(thrown.getMessage()).doesNotContain("secret");
        assertThat(hole.accepted()).isEqualTo(2);
    }

    @Test
    void blackHoledImageEndpointFailsAGetWithinTheCallTimeout() {
        ClientConfig config = ClientConfig.builder().auth(new AuthMethod.StaticToken("static-token"))
                .imageEndpoint(hole.url())
                .callTimeout(Duration.ofSeconds(3)) // the request timeout (60 s) is cut to what remains
                .build();
        try (ImageService images = ImageService.builder().config(config).apiVersion(ApiVersion.V2).build()) {
            long start = System.nanoTime();

            Throwable thrown = catchThrowable(() -> images.get("d63ff38b-68c1-49d6-93fb-96740f4fbd4e"));

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(thrown).isInstanceOf(CallTimeoutException.class)
                    .hasMessageMatching("get image: no answer within the call timeout of 3 s \\(1 attempt, 3\\.\\d s\\)");
            assertThat(took).isLessThan(Duration.ofSeconds(4));
        }
    }
}
