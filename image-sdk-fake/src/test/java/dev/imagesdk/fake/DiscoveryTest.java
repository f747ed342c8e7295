package dev.imagesdk.fake;

import static dev.imagesdk.fake.Http.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagesdk.fake.junit.FakeGlanceExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The discovery documents ({@code /v2/info/import}, {@code /stores}, {@code /usage}). */
@ExtendWith(FakeGlanceExtension.class)
class DiscoveryTest {
    private Http demo;
    private Http admin;

    @BeforeEach
    void setUp(FakeGlance fake) {
        this.demo = new Http(fake).as("demo");
        this.admin = new Http(fake).as("admin");
    }

    @Test
    void discoveryDocuments() {
        JsonNode im = tree(demo.get("/v2/info/import"));
        assertThat(im.get("import-methods").get("value").toString())
                .isEqualTo("[\"glance-direct\",\"web-download\",\"copy-image\"]");
        JsonNode stores = tree(demo.get("/v2/info/stores")).get("stores");
        assertThat(stores.get(0).get("id").asText()).isEqualTo("file1");
        assertThat(stores.get(0).get("default").asText()).isEqualTo("true");
        assertThat(stores.get(1).has("default")).isFalse();
        assertThat(demo.get("/v2/info/stores/detail").statusCode()).isEqualTo(403);
        assertThat(tree(admin.get("/v2/info/stores/detail")).get("stores").get(0).get("type").asText()).isEqualTo("file");
        assertThat(tree(demo.get("/v2/info/usage")).get("usage")).isEmpty();
    }

    @Test
    void usageIsReportedOnlyWithKeystoneLimits() {
        try (FakeGlance limited = FakeGlance.builder().keystoneLimits(true).start()) {
            Http user = new Http(limited).as("demo");
            String id = user.create(Http.BARE);
            user.upload(id, new byte[3 * 1024 * 1024]);
            JsonNode usage = tree(user.get("/v2/info/usage")).get("usage");
            assertThat(usage.get("image_size_total").get("usage").asLong()).isEqualTo(3);
            assertThat(usage.get("image_count_total").get("usage").asLong()).isEqualTo(1);
        }
    }
}
