package dev.imagesdk.v1.internal;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the v1 root is: the catalogued endpoint's own v1 segment, else {@code /v1}. */
class V1RootTest {

    private static String root(String cataloged) {
        URI c = URI.create(cataloged);
        return ContextV1Http.v1Root(dev.imagesdk.internal.http.VersionDiscovery.root(c), c);
    }

    @Test
    void anEndpointWithoutAVersionGetsV1() {
        assertThat(root("https://glance:9292")).isEqualTo("https://glance:9292/v1");
        assertThat(root("https://cloud/image/")).isEqualTo("https://cloud/image/v1");
    }

    @Test
    void anEndpointCataloguedWithAV1SegmentKeepsIt() {
        assertThat(root("https://region-a.geo-1.images.hpcloudsvc.com/v1.0")).isEqualTo(
                "https://region-a.geo-1.images.hpcloudsvc.com/v1.0");
        assertThat(root("http://h:9292/v1/")).isEqualTo("http://h:9292/v1");
    }

    @Test
    void anEndpointCataloguedForV2StillSpeaksV1AtV1() {
        assertThat(root("http://h:9292/v2")).isEqualTo("http://h:9292/v1");
    }
}
