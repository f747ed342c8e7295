package dev.imagesdk.spi;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.TestClientContexts;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.internal.http.ClientContext;
import dev.imagesdk.internal.spi.ProviderContexts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderContextTest {

    private static final String TOKEN = "gAAAAA-secret-token";

    private final ClientConfig config = ClientConfig.builder().auth(new AuthMethod.StaticToken(TOKEN))
            .imageEndpoint("http://127.0.0.1:9292/image").build();

    @Test
    void exposesWhatTheBuilderResolvedThroughPublicTypesOnly() {
        ClientContext internal = TestClientContexts.of(config, ApiVersion.V2);

        ProviderContext context = ProviderContexts.wrap(internal);

        assertThat(context.config()).isSameAs(config);
        assertThat(context.apiVersion()).isEqualTo(ApiVersion.V2);
        assertThat(context.imageEndpoint()).isEqualTo(internal.imageEndpoint());
        assertThat(context.userAgent()).startsWith("image-sdk/");
        assertThat(context.versionId()).isEqualTo(internal.versionId());
    }

    @Test
    void unwrapsToTheSameInternalContextForTheVersionModules() {
        ClientContext internal = TestClientContexts.of(config, ApiVersion.V1);

        assertThat(ProviderContexts.unwrap(ProviderContexts.wrap(internal))).isSameAs(internal);
    }

    @Test
    void toStringNamesEndpointAndVersionButNeverTheToken() {
        ProviderContext context = ProviderContexts.wrap(TestClientContexts.of(config, ApiVersion.V2));

        assertThat(context.toString()).contains("127.0.0.1:9292", "V2").doesNotContain(TOKEN);
    }
}
