package dev.imagesdk.fake;

import static dev.imagesdk.fake.Http.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagesdk.fake.junit.FakeGlanceExtension;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Java control API and its {@code /_fake/*} HTTP twin. */
@ExtendWith(FakeGlanceExtension.class)
class ControlApiTest {
    private FakeGlance fake;
    private Http control;
    private Http demo;

    @BeforeEach
    void setUp(FakeGlance fake) {
        this.fake = fake;
        control = new Http(fake);
        demo = control.as("demo");
    }

    @Test
    void seededImagesAreActiveAndOwnedByTheProject() throws Exception {
        byte[] data = {1, 2, 3, 4};
        String id = fake.seedImage("demo", Map.of("name", "seed", "visibility", "public", "disk_format", "raw"),
                new ByteArrayInputStream(data));
        JsonNode img = tree(new Http(fake).as("alt_demo").get("/v2/images/" + id));
        assertThat(img.get("status").asText()).isEqualTo("active");
        assertThat(img.get("owner").asText()).isEqualTo(fake.projectId("demo"));
        assertThat(img.get("checksum").asText()).isEqualTo(ImagesApiTest.hex("MD5", data));
        // The Java view shows the same attributes the API does.
        Map<String, Object> view = fake.image(id).orElseThrow();
        for (String k : new String[] {"disk_format", "container_format", "min_disk", "min_ram", "size", "virtual_size",
                "checksum", "os_hash_value", "status", "visibility"}) {
            assertThat(String.valueOf(view.get(k))).as(k).isEqualTo(img.get(k).asText());
        }
        assertThat(view.get("disk_format")).isEqualTo("raw");
    }

    @Test
    void seedOverHttp() {
        var r = control.json("POST", "/_fake/images", "{\"project\": \"alt_demo\", \"image\": {\"name\": \"h\"}, "
                + "\"data_base64\": \"" + Base64.getEncoder().encodeToString(new byte[] {7}) + "\"}");
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(tree(r).get("status").asText()).isEqualTo("active");
        assertThat(fake.images()).hasSize(1);
    }

    @Test
    void resetOverHttpClearsImagesAndFaults() {
        demo.create(Http.BARE);
        fake.inject(Operation.LIST_IMAGES, Fault.serviceUnavailable(5, java.time.Duration.ofSeconds(1)));
        assertThat(control.send("POST", "/_fake/reset", null).statusCode()).isEqualTo(204);
        assertThat(fake.images()).isEmpty();
        assertThat(demo.get("/v2/images").statusCode()).isEqualTo(200);
    }

    @Test
    void stateAndJournalOverHttp() {
        String id = demo.create("{\"disk_format\": \"raw\", \"container_format\": \"bare\", \"name\": \"s\"}");
        JsonNode state = tree(control.get("/_fake/state"));
        assertThat(state.get("images").get(0).get("id").asText()).isEqualTo(id);
        JsonNode journal = tree(control.get("/_fake/requests"));
        assertThat(journal.get("requests").get(0).get("operation").asText()).isEqualTo("CREATE_IMAGE");
        assertThat(journal.get("requests").get(0).get("status").asInt()).isEqualTo(201);
        assertThat(journal.get("requests").get(0).get("headers").get("x-auth-token").get(0).asText()).isEqualTo("***");
    }

    @Test
    void faultsOverHttp() {
        assertThat(control.json("POST", "/_fake/faults", "{\"operation\": \"LIST_IMAGES\", "
                + "\"kind\": \"SERVICE_UNAVAILABLE\", \"times\": 1, \"retry_after\": 3}").statusCode()).isEqualTo(204);
        var r = demo.get("/v2/images");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(Http.header(r, "Retry-After")).isEqualTo("3");
        assertThat(demo.get("/v2/images").statusCode()).isEqualTo(200);
        assertThat(control.json("POST", "/_fake/faults", "{\"kind\": \"NOPE\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void clockOverHttpDrivesTimestamps() {
        assertThat(control.json("PUT", "/_fake/clock", "{\"now\": \"2030-01-02T03:04:05Z\"}").statusCode())
                .isEqualTo(200);
        // tokens live on the fake clock too: one issued before the jump would have expired
        Http demo2030 = control.as("demo");
        assertThat(tree(demo2030.json("POST", "/v2/images", "{}")).get("created_at").asText())
                .isEqualTo("2030-01-02T03:04:05Z");
        control.json("PUT", "/_fake/clock", "{\"advance_seconds\": 60}");
        assertThat(fake.now()).isEqualTo(Instant.parse("2030-01-02T03:05:05Z"));
    }

    @Test
    void transitionsOverHttp() {
        control.json("PUT", "/_fake/transitions", "{\"upload\": \"manual\"}");
        String id = demo.create(Http.BARE);
        demo.upload(id, new byte[] {1});
        assertThat(tree(demo.get("/v2/images/" + id)).get("status").asText()).isEqualTo("saving");
        assertThat(control.send("POST", "/_fake/images/" + id + "/complete", null).statusCode()).isEqualTo(204);
        assertThat(tree(demo.get("/v2/images/" + id)).get("status").asText()).isEqualTo("active");
        control.json("PUT", "/_fake/images/" + id + "/status", "{\"status\": \"killed\"}");
        assertThat(tree(demo.get("/v2/images/" + id)).get("status").asText()).isEqualTo("killed");
    }
}
