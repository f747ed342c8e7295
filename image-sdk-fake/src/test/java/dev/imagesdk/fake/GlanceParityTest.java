package dev.imagesdk.fake;

import static dev.imagesdk.fake.Http.header;
import static dev.imagesdk.fake.Http.text;
import static dev.imagesdk.fake.Http.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagesdk.fake.junit.FakeGlanceExtension;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Answers that real Glance 25 gives and that Tempest's image tests rely on (issue 15): each expectation is the
 * exchange measured against real Glance with the same request.
 */
@ExtendWith(FakeGlanceExtension.class)
class GlanceParityTest {
    private static final String JSON = "application/json";
    private static final String NOT_FOUND_JSON = "{\"message\": \"The resource could not be found.<br /><br />\\n\\n\\n\", "
            + "\"code\": \"404 Not Found\", \"title\": \"Not Found\"}";

    private Http demo;
    private Http admin;

    @BeforeEach
    void setUp(FakeGlance fake) {
        demo = new Http(fake).as("demo");
        admin = new Http(fake).as("admin");
    }

    private static List<String> ids(HttpResponse<byte[]> list) {
        List<String> ids = new ArrayList<>();
        tree(list).get("images").forEach(i -> ids.add(i.get("id").asText()));
        return ids;
    }

    // ------------------------------------------------------------------ routes

    @Test
    void anEmptyImageIdOrATrailingSlashMatchesNoRouteAndIs404WhateverTheMethod() {
        String id = demo.create(Http.BARE);
        for (String method : List.of("GET", "DELETE", "PATCH", "PUT", "POST")) {
            HttpResponse<byte[]> r = demo.send(method, "/v2/images/", null, "Accept", JSON);
            assertThat(r.statusCode()).as(method).isEqualTo(404);
            assertThat(header(r, "Content-Type")).isEqualTo(JSON);
            assertThat(text(r)).as(method).isEqualTo(NOT_FOUND_JSON);
            assertThat(header(r, "Allow")).isNull();
        }
        assertThat(demo.send("HEAD", "/v2/images/", null).statusCode()).isEqualTo(404);
        assertThat(demo.get("/v2/images/?limit=1", "Accept", JSON).statusCode()).isEqualTo(404);
        assertThat(text(demo.get("/v2/images/" + id + "/", "Accept", JSON))).isEqualTo(NOT_FOUND_JSON);
        assertThat(demo.send("DELETE", "/v2/images/" + id + "/", null).statusCode()).isEqualTo(404);
        assertThat(header(demo.get("/v2/images/", "Accept", "*/*"), "Content-Type")).isEqualTo("text/html; charset=UTF-8");
        // the same paths without the slash still work, and the image survived the DELETE above
        assertThat(demo.get("/v2/images").statusCode()).isEqualTo(200);
        assertThat(demo.get("/v2/images/" + id).statusCode()).isEqualTo(200);
    }

    @Test
    void metadefCollectionSchemasAreServedUnderTheirGlanceNames() {
        String[][] expected = {{"objects", "objects"}, {"properties", "properties"},
            {"resource_types", "resource_type_associations"}, {"tags", "tags"}};
        for (String[] e : expected) {
            HttpResponse<byte[]> r = demo.get("/v2/schemas/metadefs/" + e[0]);
            assertThat(r.statusCode()).as(e[0]).isEqualTo(200);
            assertThat(header(r, "Content-Type")).isEqualTo(JSON);
            JsonNode schema = tree(r);
            assertThat(schema.get("name").asText()).isEqualTo(e[1]);
            assertThat(schema.get("properties").has(e[1])).as(e[0] + " lists its items").isTrue();
        }
        assertThat(demo.get("/v2/schemas/metadefs/nothing").statusCode()).isEqualTo(404);
    }

    // ------------------------------------------------------------------ list filters

    @Test
    void sizeFiltersByExactSizeAndAnUnparsableSizeMatchesNothing() {
        String a = demo.create(Http.BARE);
        String b = demo.create(Http.BARE);
        demo.create(Http.BARE); // no data: no size
        assertThat(demo.upload(a, new byte[1517]).statusCode()).isEqualTo(204);
        assertThat(demo.upload(b, new byte[1518]).statusCode()).isEqualTo(204);
        assertThat(ids(demo.get("/v2/images?size=1517"))).containsExactly(a);
        assertThat(ids(demo.get("/v2/images?size=1518"))).containsExactly(b);
        for (String bad : List.of("abc", "-1", "1517.0", "")) {
            HttpResponse<byte[]> r = demo.get("/v2/images?size=" + bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(200);
            assertThat(ids(r)).as(bad).isEmpty();
        }
        // a custom property named like no column is still a property filter
        assertThat(ids(demo.get("/v2/images?sized=1517"))).isEmpty();
    }

    // ------------------------------------------------------------------ copy-image

    @Test
    void copyImageToAllStoresCopiesOnlyWhereTheImageIsMissingAndIsANoOpOnceEverywhere() {
        String id = admin.create(Http.BARE);
        assertThat(admin.upload(id, new byte[] {1, 2, 3}).statusCode()).isEqualTo(204);
        String all = "{\"method\": {\"name\": \"copy-image\"}, \"all_stores\": true, \"all_stores_must_succeed\": false}";
        HttpResponse<byte[]> first = admin.json("POST", "/v2/images/" + id + "/import", all);
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.body()).isEmpty();
        JsonNode img = tree(admin.get("/v2/images/" + id));
        assertThat(img.get("stores").asText()).isEqualTo("file1,file2");
        assertThat(img.get("os_glance_importing_to_stores").asText()).isEmpty();
        assertThat(img.get("os_glance_failed_import").asText()).isEmpty();
        int tasks = tree(admin.get("/v2/images/" + id + "/tasks")).get("tasks").size();

        HttpResponse<byte[]> again = admin.json("POST", "/v2/images/" + id + "/import", all);
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(tree(admin.get("/v2/images/" + id)).get("stores").asText()).isEqualTo("file1,file2");
        assertThat(tree(admin.get("/v2/images/" + id + "/tasks")).get("tasks")).as("no task for a no-op").hasSize(tasks);

        HttpResponse<byte[]> explicit = admin.json("POST", "/v2/images/" + id + "/import",
                "{\"method\": {\"name\": \"copy-image\"}, \"stores\": [\"file2\"]}");
        assertThat(explicit.statusCode()).isEqualTo(400);
        assertThat(tree(explicit).get("message").asText())
                .isEqualTo("Image is already present at store 'file2'<br /><br />\n\n\n");
    }

    // ------------------------------------------------------------------ data needs formats

    @Test
    void savingDataNeedsBothFormatsWithGlancesMessagesButStagingDoesNot() {
        String none = demo.create("{\"name\": \"nf\"}");
        HttpResponse<byte[]> json = demo.send("PUT", "/v2/images/" + none + "/file", new byte[10],
                "Content-Type", "application/octet-stream", "Accept", JSON);
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(text(json)).isEqualTo("{\"message\": \"Properties disk_format, container_format must be set prior "
                + "to saving data.<br /><br />\\n\\n\\n\", \"code\": \"400 Bad Request\", \"title\": \"Bad Request\"}");
        HttpResponse<byte[]> plain = demo.upload(none, new byte[10]);
        assertThat(header(plain, "Content-Type")).isEqualTo("text/plain; charset=UTF-8");
        assertThat(text(plain)).isEqualTo("400 Bad Request\n\nProperties disk_format, container_format must be set "
                + "prior to saving data.\n\n   ");
        JsonNode still = tree(demo.get("/v2/images/" + none));
        assertThat(still.get("status").asText()).isEqualTo("queued");
        assertThat(still.get("size").isNull()).isTrue();

        String diskOnly = demo.create("{\"name\": \"nf\", \"disk_format\": \"raw\"}");
        HttpResponse<byte[]> one = demo.send("PUT", "/v2/images/" + diskOnly + "/file", new byte[10],
                "Content-Type", "application/octet-stream", "Accept", JSON);
        assertThat(one.statusCode()).isEqualTo(400);
        assertThat(tree(one).get("message").asText())
                .isEqualTo("Property container_format must be set prior to saving data.<br /><br />\n\n\n");

        HttpResponse<byte[]> staged = demo.send("PUT", "/v2/images/" + none + "/stage", new byte[10],
                "Content-Type", "application/octet-stream");
        assertThat(staged.statusCode()).isEqualTo(204);
        assertThat(tree(demo.get("/v2/images/" + none)).get("status").asText()).isEqualTo("uploading");
        HttpResponse<byte[]> imported = demo.json("POST", "/v2/images/" + none + "/import",
                "{\"method\": {\"name\": \"glance-direct\"}}");
        assertThat(imported.statusCode()).isEqualTo(409);
        assertThat(tree(imported).get("message").asText())
                .isEqualTo("'container_format' needs to be set before import<br /><br />\n\n\n");
    }

    // ------------------------------------------------------------------ metadef objects

    @Test
    void metadefObjectsCarryTheirSelfLinkAndSchemaAndTheListItsOwnSchema() {
        admin.json("POST", "/v2/metadefs/namespaces", "{\"namespace\": \"lab-ns\", \"visibility\": \"public\"}");
        String objects = "/v2/metadefs/namespaces/lab-ns/objects";
        HttpResponse<byte[]> created = admin.json("POST", objects, "{\"name\": \"o1\", \"properties\": {}}");
        assertThat(created.statusCode()).isEqualTo(201);
        for (JsonNode o : List.of(tree(created), tree(demo.get(objects + "/o1")), tree(demo.get(objects)).get("objects").get(0),
                tree(demo.get("/v2/metadefs/namespaces/lab-ns")).get("objects").get(0))) {
            assertThat(o.get("name").asText()).isEqualTo("o1");
            assertThat(o.get("self").asText()).isEqualTo("/v2/metadefs/namespaces/lab-ns/objects/o1");
            assertThat(o.get("schema").asText()).isEqualTo("/v2/schemas/metadefs/object");
        }
        assertThat(tree(demo.get(objects)).get("schema").asText()).isEqualTo("v2/schemas/metadefs/objects");
        // renamed by PUT: the link follows the new name
        JsonNode renamed = tree(admin.json("PUT", objects + "/o1", "{\"name\": \"o2\"}"));
        assertThat(renamed.get("self").asText()).isEqualTo("/v2/metadefs/namespaces/lab-ns/objects/o2");
        // properties and tags stay without links, as in Glance
        admin.send("POST", "/v2/metadefs/namespaces/lab-ns/tags/t1", null);
        assertThat(tree(demo.get("/v2/metadefs/namespaces/lab-ns/tags")).get("tags").get(0).has("self")).isFalse();
    }
}
