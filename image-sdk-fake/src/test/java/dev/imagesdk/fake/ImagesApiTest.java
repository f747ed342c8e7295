package dev.imagesdk.fake;

import static dev.imagesdk.fake.Http.header;
import static dev.imagesdk.fake.Http.text;
import static dev.imagesdk.fake.Http.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagesdk.fake.junit.FakeGlanceExtension;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The image resource over HTTP: create, show, delete, validation and the error answers; the schemas. */
@ExtendWith(FakeGlanceExtension.class)
class ImagesApiTest {
    private FakeGlance fake;
    private Http demo;

    @BeforeEach
    void setUp(FakeGlance fake) {
        this.fake = fake;
        this.demo = new Http(fake).as("demo");
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    static String hex(String algo, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algo).digest(data));
    }

    @Test
    void createAnswers201WithGlanceHeadersAndBodyInGlanceOrder() {
        HttpResponse<byte[]> r = demo.json("POST", "/v2/images", "{\"name\": \"http-sample\", \"disk_format\": \"raw\", "
                + "\"container_format\": \"bare\", \"visibility\": \"private\", \"min_disk\": 1, \"min_ram\": 64, "
                + "\"tags\": [\"sample\"], \"os_distro\": \"debian\", \"lab_key\": \"one\"}");
        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode img = tree(r);
        String id = img.get("id").asText();
        assertThat(header(r, "Location")).isEqualTo(fake.url() + "/v2/images/" + id);
        assertThat(header(r, "OpenStack-image-import-methods")).isEqualTo("glance-direct,web-download,copy-image");
        assertThat(header(r, "OpenStack-image-store-ids"))
                .isEqualTo("file1,file2,os_glance_staging_store,os_glance_tasks_store");
        assertThat(header(r, "x-openstack-request-id")).startsWith("req-");
        List<String> keys = new ArrayList<>();
        img.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("os_distro", "lab_key", "name", "disk_format", "container_format",
                "visibility", "size", "virtual_size", "status", "checksum", "protected", "min_ram", "min_disk", "owner",
                "os_hidden", "os_hash_algo", "os_hash_value", "id", "created_at", "updated_at", "tags", "self", "file",
                "schema");
        assertThat(img.get("status").asText()).isEqualTo("queued");
        assertThat(img.get("owner").asText()).isEqualTo(fake.projectId("demo"));
        assertThat(img.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(img.get("self").asText()).isEqualTo("/v2/images/" + id);
    }

    @Test
    void emptyBodyCreatesSharedImageWithNulls() {
        JsonNode img = tree(demo.json("POST", "/v2/images", "{}"));
        assertThat(img.get("visibility").asText()).isEqualTo("shared");
        assertThat(img.get("name").isNull()).isTrue();
        assertThat(img.get("disk_format").isNull()).isTrue();
        assertThat(img.get("min_ram").asInt()).isZero();
    }

    @Test
    void duplicateIdIs409() {
        String id = demo.create("{}");
        HttpResponse<byte[]> r = demo.json("POST", "/v2/images", "{\"id\": \"" + id + "\", \"name\": \"dup\"}");
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(tree(r).get("message").asText()).isEqualTo("Image ID " + id + " already exists!<br /><br />\n\n\n");
    }

    @Test
    void invalidDiskFormatIs400() {
        HttpResponse<byte[]> r = demo.json("POST", "/v2/images", "{\"name\": \"bad\", \"disk_format\": \"floppy\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(tree(r).get("message").asText()).startsWith("Provided object does not match schema 'image': "
                + "'floppy' is not one of [None, 'ami', 'ari', 'aki', 'vhd', 'vhdx', 'vmdk', 'raw', 'qcow2', 'vdi', "
                + "'iso', 'ploop']");
    }

    @Test
    void malformedJsonIs400() {
        HttpResponse<byte[]> r = demo.json("POST", "/v2/images", "{\"name\": ");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(text(r)).isEqualTo("{\"message\": \"Malformed JSON in request body.<br /><br />\\n\\n\\n\", "
                + "\"code\": \"400 Bad Request\", \"title\": \"Bad Request\"}");
        assertThat(header(r, "Content-Length")).isEqualTo("115");
    }

    @Test
    void textPlainBodyIs400NotUnsupportedMediaType() {
        HttpResponse<byte[]> r = demo.send("POST", "/v2/images", "hello".getBytes(), "Content-Type", "text/plain");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(text(r)).isEqualTo("400 Bad Request\n\nMalformed JSON in request body.\n\n   ");
    }

    @Test
    void nonStringCustomPropertyIs400AndReadOnlyAttributeIs403() {
        assertThat(demo.json("POST", "/v2/images", "{\"x\": 5}").statusCode()).isEqualTo(400);
        HttpResponse<byte[]> r = demo.json("POST", "/v2/images", "{\"size\": 5}");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(tree(r).get("message").asText()).startsWith("Attribute 'size' is read-only.");
        assertThat(demo.json("POST", "/v2/images", "{\"os_glance_x\": \"y\"}").statusCode()).isEqualTo(403);
    }

    @Test
    void tooManyPropertiesIs413() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < 130; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format("\"p%03d\": \"v\"", i));
        }
        HttpResponse<byte[]> r = demo.json("POST", "/v2/images", sb.append('}').toString());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(tree(r).get("message").asText()).isEqualTo("The limit has been exceeded on the number of allowed "
                + "image properties. Attempted: 130, Maximum: 128<br /><br />\n\n\n");
    }

    @Test
    void oversizeJsonBodyIs413AndBadUuidIs400() {
        String big = "{\"name\": \"" + "x".repeat(1_100_000) + "\"}";
        assertThat(demo.json("POST", "/v2/images", big).statusCode()).isEqualTo(413);
        HttpResponse<byte[]> r = demo.json("POST", "/v2/images", "{\"id\": \"not-a-uuid\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(tree(r).get("message").asText()).startsWith("Provided object does not match schema 'image': "
                + "'not-a-uuid' does not match");
        assertThat(demo.json("POST", "/v2/images", "[1, 2]").statusCode()).isEqualTo(400);
        assertThat(demo.json("POST", "/v2/images", "{\"name\": 1} trailing").statusCode()).isEqualTo(400);
    }

    @Test
    void createOwnedByAnotherProjectIs403() {
        HttpResponse<byte[]> r = demo.json("POST", "/v2/images", "{\"owner\": \"" + fake.projectId("alt_demo") + "\"}");
        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405WithAllow() {
        HttpResponse<byte[]> r = demo.get("/v2/foo", "Accept", "application/json");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(text(r)).isEqualTo("{\"message\": \"The resource could not be found.<br /><br />\\n\\n\\n\", "
                + "\"code\": \"404 Not Found\", \"title\": \"Not Found\"}");
        HttpResponse<byte[]> m = demo.json("PUT", "/v2/images", "{}");
        assertThat(m.statusCode()).isEqualTo(405);
        assertThat(header(m, "Allow")).isEqualTo("GET, POST");
        assertThat(text(m)).isEqualTo("{\"message\": \"The method PUT is not allowed for this resource. <br /><br />\\n\", "
                + "\"code\": \"405 Method Not Allowed\", \"title\": \"Method Not Allowed\"}");
    }

    @Test
    void deleteIs204ThenNotFound() {
        String id = demo.create("{}");
        HttpResponse<byte[]> d = demo.send("DELETE", "/v2/images/" + id, null, "Accept", "application/json");
        assertThat(d.statusCode()).isEqualTo(204);
        HttpResponse<byte[]> again = demo.send("DELETE", "/v2/images/" + id, null, "Accept", "application/json");
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(tree(again).get("message").asText()).isEqualTo("Failed to find image " + id
                + " to delete<br /><br />\n\n\n");
        assertThat(demo.get("/v2/images/" + id).statusCode()).isEqualTo(404);
        assertThat(fake.image(id)).isEmpty();
    }

    @Test
    void schemasAreServedVerbatim() {
        HttpResponse<byte[]> r = demo.get("/v2/schemas/image", "Accept", "application/json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(header(r, "Content-Length")).isEqualTo("6083");
        assertThat(tree(r).get("name").asText()).isEqualTo("image");
        for (String s : List.of("images", "member", "members", "task", "tasks", "metadefs/namespace")) {
            assertThat(demo.get("/v2/schemas/" + s).statusCode()).as(s).isEqualTo(200);
        }
        assertThat(demo.get("/v2/schemas/nope").statusCode()).isEqualTo(404);
    }
}
