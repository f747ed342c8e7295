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

@ExtendWith(FakeGlanceExtension.class)
class PatchTest {
    private Http demo;
    private String id;

    @BeforeEach
    void setUp(FakeGlance fake) {
        demo = new Http(fake).as("demo");
        id = demo.create("{\"name\": \"p\", \"os_distro\": \"debian\", \"lab_key\": \"one\"}");
    }

    @Test
    void addReplaceRemoveKeepsPropertyInsertionOrder() {
        HttpResponse<byte[]> r = demo.patch(id, "[{\"op\": \"replace\", \"path\": \"/name\", \"value\": \"p2\"}, "
                + "{\"op\": \"add\", \"path\": \"/lab_new\", \"value\": \"x\"}, "
                + "{\"op\": \"replace\", \"path\": \"/lab_key\", \"value\": \"two\"}, "
                + "{\"op\": \"remove\", \"path\": \"/os_distro\"}, "
                + "{\"op\": \"add\", \"path\": \"/min_ram\", \"value\": 128}]");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode img = tree(r);
        List<String> keys = new ArrayList<>();
        img.fieldNames().forEachRemaining(keys::add);
        assertThat(keys.subList(0, 3)).containsExactly("lab_key", "lab_new", "name");
        assertThat(img.get("name").asText()).isEqualTo("p2");
        assertThat(img.get("lab_key").asText()).isEqualTo("two");
        assertThat(img.get("min_ram").asInt()).isEqualTo(128);
        assertThat(img.has("os_distro")).isFalse();
    }

    @Test
    void jsonContentTypeIs415WithAcceptPatch() {
        HttpResponse<byte[]> r = demo.json("PATCH", "/v2/images/" + id, "[{\"op\": \"replace\", \"path\": \"/name\", \"value\": \"x\"}]");
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(header(r, "Accept-Patch"))
                .isEqualTo("application/openstack-images-v2.0-json-patch, application/openstack-images-v2.1-json-patch");
        assertThat(text(r)).isEqualTo("{\"message\": \"The request media type application/json is not supported by this "
                + "server.\\n<br /><br />\\n\", \"code\": \"415 Unsupported Media Type\", \"title\": \"Unsupported Media Type\"}");
    }

    @Test
    void removingMissingPropertyIs409() {
        HttpResponse<byte[]> r = demo.patch(id, "[{\"op\": \"remove\", \"path\": \"/nope\"}]");
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(tree(r).get("message").asText()).isEqualTo("There was a conflict when trying to complete your "
                + "request.<br /><br />\nProperty nope does not exist.\n\n");
    }

    @Test
    void readOnlyIs403AndReservedIs403() {
        HttpResponse<byte[]> r = demo.patch(id, "[{\"op\": \"replace\", \"path\": \"/checksum\", \"value\": \"x\"}]");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(text(r)).isEqualTo("{\"message\": \"Attribute 'checksum' is read-only.<br /><br />\\n\\n\\n\", "
                + "\"code\": \"403 Forbidden\", \"title\": \"Forbidden\"}");
        HttpResponse<byte[]> res = demo.patch(id, "[{\"op\": \"add\", \"path\": \"/os_glance_foo\", \"value\": \"x\"}]");
        assertThat(res.statusCode()).isEqualTo(403);
        assertThat(tree(res).get("message").asText()).isEqualTo("Attribute 'os_glance_foo' is reserved.<br /><br />\n\n\n");
    }

    @Test
    void badOpIs400() {
        HttpResponse<byte[]> r = demo.patch(id, "[{\"op\": \"frobnicate\", \"path\": \"/name\", \"value\": \"x\"}]");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(tree(r).get("message").asText()).isEqualTo("Invalid operation: `frobnicate`. It must be one of "
                + "the following: add, remove, replace.<br /><br />\n\n\n");
    }

    @Test
    void malformedPatchesAre400() {
        assertThat(demo.patch(id, "{\"op\": \"add\"}").statusCode()).isEqualTo(400);
        assertThat(demo.patch(id, "[{\"op\": \"add\", \"path\": \"/a/b\", \"value\": \"x\"}]").statusCode()).isEqualTo(400);
        assertThat(demo.patch(id, "[{\"op\": \"add\", \"path\": \"name\", \"value\": \"x\"}]").statusCode()).isEqualTo(400);
        assertThat(demo.patch(id, "[{\"op\": \"add\", \"path\": \"/name\"}]").statusCode()).isEqualTo(400);
        assertThat(demo.patch(id, "[{\"path\": \"/name\", \"value\": \"x\"}]").statusCode()).isEqualTo(400);
        assertThat(demo.patch(id, "[{\"op\": \"replace\", \"path\": \"/min_ram\", \"value\": \"big\"}]").statusCode())
                .isEqualTo(400);
        assertThat(demo.patch(id, "not json").statusCode()).isEqualTo(400);
        assertThat(demo.patch(id, "[{\"op\": \"replace\", \"path\": \"/missing\", \"value\": \"x\"}]").statusCode())
                .isEqualTo(409);
    }

    @Test
    void escapedPointerTokensAreUnescaped() {
        HttpResponse<byte[]> r = demo.patch(id, "[{\"op\": \"add\", \"path\": \"/a~1b~0c\", \"value\": \"x\"}]");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(tree(r).get("a/b~c").asText()).isEqualTo("x");
    }

    @Test
    void tagsCanBeReplacedAsAList() {
        HttpResponse<byte[]> r = demo.patch(id, "[{\"op\": \"replace\", \"path\": \"/tags\", \"value\": [\"a\", \"b\"]}]");
        assertThat(tree(r).get("tags").toString()).isEqualTo("[\"a\",\"b\"]");
    }

    @Test
    void patchOfUnknownImageIs404() {
        assertThat(demo.patch("d6aee501-3277-4b50-ae2c-cf7a0083b284",
                "[{\"op\": \"add\", \"path\": \"/a\", \"value\": \"x\"}]").statusCode()).isEqualTo(404);
    }
}
