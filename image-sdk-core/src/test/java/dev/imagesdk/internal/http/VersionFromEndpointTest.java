package dev.imagesdk.internal.http;

import dev.imagesdk.ApiVersion;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class VersionFromEndpointTest {

    private static final Set<ApiVersion> BOTH = EnumSet.allOf(ApiVersion.class);

    @Test
    void aTrailingV2OrV1SegmentNamesTheVersion() {
        assertThat(VersionDiscovery.fromEndpoint(URI.create("https://glance.example:9292/v2"), BOTH)).contains(ApiVersion.V2);
        assertThat(VersionDiscovery.fromEndpoint(URI.create("https://cloud.example/image/v2/"), BOTH)).contains(ApiVersion.V2);
        assertThat(VersionDiscovery.fromEndpoint(URI.create("https://cloud.example/image/V2.1"), BOTH)).contains(ApiVersion.V2);
        assertThat(VersionDiscovery.fromEndpoint(URI.create("https://region-b.geo-1.image.hpcloudsvc.com:443/v1.0"), BOTH))
                .contains(ApiVersion.V1);
    }

    @Test
    void anEndpointWithoutAVersionSegmentNamesNone() {
        // real Glance catalogs register the root: http://127.0.0.1:9292
        assertThat(VersionDiscovery.fromEndpoint(URI.create("http://127.0.0.1:9292"), BOTH)).isEmpty();
        assertThat(VersionDiscovery.fromEndpoint(URI.create("https://cloud.example/image/"), BOTH)).isEmpty();
        assertThat(VersionDiscovery.fromEndpoint(URI.create("https://cloud.example/v2/images"), BOTH)).isEmpty();
        assertThat(VersionDiscovery.fromEndpoint(URI.create("https://cloud.example/v3"), BOTH)).isEmpty();
        assertThat(VersionDiscovery.fromEndpoint(URI.create("https://v2.example/image"), BOTH)).isEmpty();
    }

    @Test
    void aNamedVersionWithoutItsModuleIsLeftToDiscovery() {
        assertThat(VersionDiscovery.fromEndpoint(URI.create("https://cloud.example/image/v1"), Set.of(ApiVersion.V2)))
                .isEmpty();
    }
}
