package dev.imagesdk.fake;

import static dev.imagesdk.fake.Http.tree;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesdk.fake.junit.FakeGlanceExtension;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class QuotaTest {
    @RegisterExtension
    static final FakeGlanceExtension GLANCE = FakeGlanceExtension.configured(b -> b.imageSizeCap(1000)
            .userStorageQuota(1500).memoryThreshold(100));

    @Test
    void uploadAboveImageSizeCapIs413AndTheImageStaysQueued(FakeGlance fake) {
        Http demo = new Http(fake).as("demo");
        String id = demo.create(Http.BARE);
        HttpResponse<byte[]> r = demo.send("PUT", "/v2/images/" + id + "/file", new byte[1001],
                "Content-Type", "application/octet-stream", "Accept", "application/json");
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(tree(r).get("code").asText()).isEqualTo("413 Request Entity Too Large");
        assertThat(fake.image(id).orElseThrow().get("status")).isEqualTo("queued");
        assertThat(fake.blobsOnDisk()).isZero();
        assertThat(demo.upload(id, new byte[1000]).statusCode()).isEqualTo(204);
    }

    @Test
    void perProjectStorageQuotaIs413(FakeGlance fake) {
        Http demo = new Http(fake).as("demo");
        assertThat(demo.upload(demo.create(Http.BARE), new byte[900]).statusCode()).isEqualTo(204);
        assertThat(demo.upload(demo.create(Http.BARE), new byte[700]).statusCode()).isEqualTo(413);
        // another project has its own quota
        Http alt = new Http(fake).as("alt_demo");
        assertThat(alt.upload(alt.create(Http.BARE), new byte[900]).statusCode()).isEqualTo(204);
    }
}
