package dev.imagesdk;

import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.internal.http.ClientContext;
import dev.imagesdk.internal.retry.Sleeper;
import dev.imagesdk.testsupport.CapturingProvider;

import java.util.List;

/**
 * The {@link ClientContext} {@link ImageService#builder()} resolves for a configuration, exactly as
 * production builds it, for tests of the version modules that wire their service by hand (e.g. with fast
 * status polls). The API version is pinned, so no discovery request is made. (A copy of core's test helper
 * of the same name: it needs core types, so it cannot live in image-sdk-testkit, and core makes no test jar.)
 */
public final class TestClientContexts {

    private TestClientContexts() {
    }

    /** The context for {@code config}, retry waits taken by {@code sleeper}. */
    public static ClientContext of(ClientConfig config, ApiVersion version, Sleeper sleeper) {
        CapturingProvider capture = new CapturingProvider(version);
        new ImageServiceBuilder().config(config).apiVersion(version).sleeper(sleeper)
                .providers(List.of(capture)).build().close();
        return capture.context();
    }

    /** The context for {@code config} with real retry waits. */
    public static ClientContext of(ClientConfig config, ApiVersion version) {
        return of(config, version, Sleeper.SYSTEM);
    }
}
