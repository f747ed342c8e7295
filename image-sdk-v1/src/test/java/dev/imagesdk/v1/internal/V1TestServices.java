package dev.imagesdk.v1.internal;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.TestClientContexts;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.testsupport.RecordingSleeper;

import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * v1 services on the production path (the context {@code ImageService.builder()} resolves: Feign under the
 * call executor, the shared data transport) with a static token and an explicit endpoint, with status polls
 * of 1-2 ms and retry waits recorded instead of slept, so tests stay fast.
 */
final class V1TestServices {

    private V1TestServices() {
    }

    /** A service on {@code endpoint} (as a deployment would catalogue it, e.g. {@code http://h:p/v1.0}). */
    static V1ImageService on(String endpoint, String token) {
        return on(endpoint, token, UnaryOperator.identity());
    }

    /** Same, with further settings. */
    static V1ImageService on(String endpoint, String token, UnaryOperator<ClientConfig.Builder> settings) {
        ClientConfig config = settings.apply(ClientConfig.builder()
                .auth(token == null ? new AuthMethod.NoAuth() : new AuthMethod.StaticToken(token))
                .imageEndpoint(endpoint)
                .apiVersion(ApiVersion.V1)).build();
        return V1ImageService.create(TestClientContexts.of(config, ApiVersion.V1, new RecordingSleeper()),
                Duration.ofMillis(1), Duration.ofMillis(2));
    }
}
