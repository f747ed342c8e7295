package dev.imagesdk.fake;

import static dev.imagesdk.fake.Http.header;
import static dev.imagesdk.fake.Http.text;
import static dev.imagesdk.fake.Http.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagesdk.fake.junit.FakeGlanceExtension;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FakeGlanceExtension.class)
class V1ApiTest {
    private FakeGlance fake;
    private Http demo;
    private Http alt;

    @BeforeEach
    void setUp(FakeGlance fake) {
        this.fake = fake;
        demo = new Http(fake).as("demo");
        alt = new Http(fake).as("alt_demo");
    }

    private HttpResponse<byte[]> post(byte[] data, String... headers) {
        return demo.send("POST", "/v1/images", data, headers);
    }

    @Test
    void createWithDataIs201ActiveWithLocationAndEtag() throws Exception {
        byte[] data = ImagesApiTest.random(5000);
        HttpResponse<byte[]> r = post(data, "x-image-meta-name", "v1img", "x-image-meta-disk_format", "raw",
                "x-image-meta-container_format", "bare", "x-image-meta-property-os-distro", "debian",
                "Content-Type", "application/octet-stream");
        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode img = tree(r).get("image");
        String id = img.get("id").asText();
        String md5 = ImagesApiTest.hex("MD5", data);
        assertThat(img.get("status").asText()).isEqualTo("active");
        assertThat(img.get("size").asLong()).isEqualTo(5000);
        assertThat(img.get("checksum").asText()).isEqualTo(md5);
        assertThat(img.get("is_public").asBoolean()).isFalse();
        assertThat(img.get("properties").get("os_distro").asText()).isEqualTo("debian");
        assertThat(header(r, "Location")).isEqualTo(fake.url() + "/v1/images/" + id);
        assertThat(header(r, "ETag")).isEqualTo(md5);
        // the same image through v2
        assertThat(tree(demo.get("/v2/images/" + id)).get("os_distro").asText()).isEqualTo("debian");
        HttpResponse<byte[]> get = demo.get("/v1/images/" + id);
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(data);
        assertThat(header(get, "x-image-meta-name")).isEqualTo("v1img");
        assertThat(header(get, "x-image-meta-is_public")).isEqualTo("False");
        assertThat(header(get, "x-image-meta-property-os_distro")).isEqualTo("debian");
        assertThat(header(get, "ETag")).isEqualTo(md5);
    }

    @Test
    void reserveWithoutDataIsQueuedThenPutUploads() {
        HttpResponse<byte[]> r = post(null, "x-image-meta-name", "reserved");
        assertThat(r.statusCode()).isEqualTo(201);
        String id = tree(r).get("image").get("id").asText();
        assertThat(tree(r).get("image").get("status").asText()).isEqualTo("queued");
        assertThat(demo.get("/v1/images/" + id).statusCode()).isEqualTo(404);
        HttpResponse<byte[]> put = demo.send("PUT", "/v1/images/" + id, new byte[] {1, 2, 3},
                "Content-Type", "application/octet-stream", "x-image-meta-disk_format", "raw",
                "x-image-meta-container_format", "bare");
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(tree(put).get("image").get("status").asText()).isEqualTo("active");
        HttpResponse<byte[]> again = demo.send("PUT", "/v1/images/" + id, new byte[] {1},
                "Content-Type", "application/octet-stream");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(text(again)).contains("Cannot upload to an unqueued image");
    }

    @Test
    void headReturnsMetadataInHeadersOnly() {
        String id = tree(post(null, "x-image-meta-name", "h", "x-image-meta-min_ram", "64")).get("image").get("id").asText();
        HttpResponse<byte[]> r = demo.send("HEAD", "/v1/images/" + id, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(header(r, "x-image-meta-id")).isEqualTo(id);
        assertThat(header(r, "x-image-meta-min_ram")).isEqualTo("64");
        assertThat(header(r, "x-image-meta-status")).isEqualTo("queued");
        assertThat(header(r, "x-image-meta-deleted_at")).isNull();
    }

    @Test
    void unknownMetaHeaderIs400() {
        HttpResponse<byte[]> r = post(null, "x-image-meta-colour", "blue");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(text(r)).isEqualTo("400 Bad Request\n\nBad header: x-image-meta-colour\n\n   ");
        assertThat(post(null, "x-image-meta-size", "big").statusCode()).isEqualTo(400);
        assertThat(post(null, "x-image-meta-min_ram", "-1").statusCode()).isEqualTo(400);
        assertThat(post(null, "x-image-meta-disk_format", "floppy").statusCode()).isEqualTo(400);
        assertThat(post(new byte[] {1}, "Content-Type", "application/octet-stream").statusCode()).isEqualTo(400);
        assertThat(post(new byte[] {1}, "x-image-meta-disk_format", "raw", "x-image-meta-container_format", "bare",
                "Content-Type", "text/plain").statusCode()).isEqualTo(400);
    }

    @Test
    void putPurgesPropertiesByDefault() {
        String id = tree(post(null, "x-image-meta-property-a", "1", "x-image-meta-property-b", "2"))
                .get("image").get("id").asText();
        JsonNode kept = tree(demo.send("PUT", "/v1/images/" + id, null, "x-image-meta-property-c", "3",
                "x-glance-registry-purge-props", "false")).get("image").get("properties");
        assertThat(kept.size()).isEqualTo(3);
        JsonNode purged = tree(demo.send("PUT", "/v1/images/" + id, null, "x-image-meta-property-a", "9"))
                .get("image").get("properties");
        assertThat(purged.toString()).isEqualTo("{\"a\":\"9\"}");
    }

    @Test
    void checksumMismatchKillsTheImage() {
        HttpResponse<byte[]> r = post(new byte[] {1, 2, 3}, "x-image-meta-name", "k", "x-image-meta-disk_format", "raw",
                "x-image-meta-container_format", "bare", "x-image-meta-checksum", "00000000000000000000000000000000",
                "Content-Type", "application/octet-stream");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(text(r)).contains("did not match. Setting image status to 'killed'.");
        assertThat(fake.images().get(0).get("status")).isEqualTo("killed");
    }

    @Test
    void statusAndIdAreImmutable() {
        String id = tree(post(null)).get("image").get("id").asText();
        assertThat(demo.send("PUT", "/v1/images/" + id, null, "x-image-meta-status", "active").statusCode())
                .isEqualTo(403);
    }

    @Test
    void listsSummaryAndDetailWithFilters() {
        post(null, "x-image-meta-name", "one", "x-image-meta-min_ram", "128");
        post(null, "x-image-meta-name", "two", "x-image-meta-property-flavor", "x");
        JsonNode summary = tree(demo.get("/v1/images"));
        assertThat(summary.get("images")).hasSize(2);
        assertThat(summary.get("images").get(0).has("status")).isFalse();
        JsonNode detail = tree(demo.get("/v1/images/detail?min_ram=128"));
        assertThat(detail.get("images")).hasSize(1);
        assertThat(detail.get("images").get(0).get("name").asText()).isEqualTo("one");
        assertThat(tree(demo.get("/v1/images/detail?property-flavor=x")).get("images").get(0).get("name").asText())
                .isEqualTo("two");
        assertThat(tree(demo.get("/v1/images/detail?sort_key=name&sort_dir=asc&limit=1")).get("images").get(0)
                .get("name").asText()).isEqualTo("one");
        assertThat(demo.send("HEAD", "/v1/images/detail", null).statusCode()).isEqualTo(405);
        assertThat(demo.get("/v1/images/detail?min_ram=x").statusCode()).isEqualTo(400);
        assertThat(tree(alt.get("/v1/images/detail")).get("images")).isEmpty();
    }

    @Test
    void membersShareImagesWithOtherProjects() {
        String id = tree(post(null, "x-image-meta-name", "shared")).get("image").get("id").asText();
        String b = fake.projectId("alt_demo");
        assertThat(alt.get("/v1/images/detail").statusCode()).isEqualTo(200);
        assertThat(demo.send("PUT", "/v1/images/" + id + "/members/" + b, null).statusCode()).isEqualTo(204);
        JsonNode members = tree(demo.get("/v1/images/" + id + "/members")).get("members");
        assertThat(members.get(0).get("member_id").asText()).isEqualTo(b);
        assertThat(members.get(0).get("can_share").asBoolean()).isFalse();
        // v1 lists shared images regardless of member status
        assertThat(tree(alt.get("/v1/images/detail")).get("images").get(0).get("id").asText()).isEqualTo(id);
        assertThat(tree(alt.get("/v1/shared-images/" + b)).get("shared_images").get(0).get("image_id").asText())
                .isEqualTo(id);
        assertThat(demo.json("PUT", "/v1/images/" + id + "/members",
                "{\"memberships\": [{\"member_id\": \"p2\", \"can_share\": true}]}").statusCode()).isEqualTo(204);
        assertThat(tree(demo.get("/v1/images/" + id + "/members")).get("members").toString())
                .isEqualTo("[{\"member_id\":\"p2\",\"can_share\":true}]");
        assertThat(demo.send("DELETE", "/v1/images/" + id + "/members/p2", null).statusCode()).isEqualTo(204);
        assertThat(demo.send("DELETE", "/v1/images/" + id + "/members/p2", null).statusCode()).isEqualTo(404);
    }

    @Test
    void deleteIs200AndProtectedIs403() {
        String id = tree(post(null, "x-image-meta-protected", "True")).get("image").get("id").asText();
        HttpResponse<byte[]> r = demo.send("DELETE", "/v1/images/" + id, null);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(text(r)).contains("Image is protected");
        demo.send("PUT", "/v1/images/" + id, null, "x-image-meta-protected", "False");
        assertThat(demo.send("DELETE", "/v1/images/" + id, null).statusCode()).isEqualTo(200);
        assertThat(demo.send("HEAD", "/v1/images/" + id, null).statusCode()).isEqualTo(404);
    }

    @Test
    void publicizingThroughV1IsAdminOnly() {
        assertThat(post(null, "x-image-meta-is_public", "true").statusCode()).isEqualTo(403);
        HttpResponse<byte[]> r = new Http(fake).as("admin").send("POST", "/v1/images", null,
                "x-image-meta-is_public", "true");
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(tree(r).get("image").get("is_public").asBoolean()).isTrue();
    }
}
