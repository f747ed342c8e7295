package dev.imagesdk.fake;

import static dev.imagesdk.fake.Http.tree;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesdk.fake.junit.FakeGlanceExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The image cache API (admin only). */
@ExtendWith(FakeGlanceExtension.class)
class CacheTest {
    private Http demo;
    private Http admin;

    @BeforeEach
    void setUp(FakeGlance fake) {
        this.demo = new Http(fake).as("demo");
        this.admin = new Http(fake).as("admin");
    }

    @Test
    void cacheEndpointsAreAdminOnly() {
        String id = demo.create(Http.BARE);
        demo.upload(id, new byte[] {1});
        assertThat(demo.send("PUT", "/v2/cache/" + id, null).statusCode()).isEqualTo(403);
        assertThat(admin.send("PUT", "/v2/cache/" + id, null).statusCode()).isEqualTo(202);
        assertThat(tree(admin.get("/v2/cache")).get("cached_images").get(0).get("image_id").asText()).isEqualTo(id);
        assertThat(admin.send("DELETE", "/v2/cache", null).statusCode()).isEqualTo(204);
        assertThat(tree(admin.get("/v2/cache")).get("cached_images")).isEmpty();
    }
}
