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
    void uploadComputesChecksumMultihashAndVirtualSize() throws Exception {
        String id = demo.create("{\"name\": \"u\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        byte[] data = random(3_145_745);
        HttpResponse<byte[]> up = demo.upload(id, data);
        assertThat(up.statusCode()).isEqualTo(204);
        assertThat(header(up, "Content-Type")).isEqualTo("text/html; charset=UTF-8");
        assertThat(header(up, "Content-Length")).isEqualTo("0");
        JsonNode img = tree(demo.get("/v2/images/" + id, "Accept", "application/json"));
        assertThat(img.get("status").asText()).isEqualTo("active");
        assertThat(img.get("size").asLong()).isEqualTo(data.length);
        assertThat(img.get("virtual_size").asLong()).isEqualTo(data.length);
        assertThat(img.get("checksum").asText()).isEqualTo(hex("MD5", data));
        assertThat(img.get("os_hash_algo").asText()).isEqualTo("sha512");
        assertThat(img.get("os_hash_value").asText()).isEqualTo(hex("SHA-512", data));
        assertThat(img.get("stores").asText()).isEqualTo("file1");
    }

    @Test
    void qcow2VirtualSizeComesFromTheHeader() {
        String id = demo.create("{\"disk_format\": \"qcow2\", \"container_format\": \"bare\"}");
        byte[] data = new byte[1024];
        data[0] = 'Q';
        data[1] = 'F';
        data[2] = 'I';
        data[3] = (byte) 0xfb;
        long virtual = 10L * 1024 * 1024 * 1024;
        for (int i = 0; i < 8; i++) {
            data[24 + i] = (byte) (virtual >>> (56 - 8 * i));
        }
        demo.upload(id, data);
        assertThat(tree(demo.get("/v2/images/" + id)).get("virtual_size").asLong()).isEqualTo(virtual);
    }

    @Test
    void downloadSendsHexContentMd5AndRangesGive206() throws Exception {
        String id = demo.create("{\"name\": \"d\"}");
        byte[] data = random(200_000);
        demo.upload(id, data);
        HttpResponse<byte[]> full = demo.get("/v2/images/" + id + "/file");
        assertThat(full.statusCode()).isEqualTo(200);
        assertThat(full.body()).isEqualTo(data);
        assertThat(header(full, "Content-Type")).isEqualTo("application/octet-stream");
        assertThat(header(full, "Content-MD5")).isEqualTo(hex("MD5", data));
        HttpResponse<byte[]> part = demo.get("/v2/images/" + id + "/file", "Range", "bytes=0-99");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(header(part, "Content-Range")).isEqualTo("bytes 0-99/200000");
        assertThat(header(part, "Content-MD5")).isEqualTo(hex("MD5", data));
        assertThat(part.body()).hasSize(100).isEqualTo(java.util.Arrays.copyOfRange(data, 0, 100));
        HttpResponse<byte[]> tail = demo.get("/v2/images/" + id + "/file", "Range", "bytes=199990-");
        assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(data, 199_990, 200_000));
        HttpResponse<byte[]> bad = demo.get("/v2/images/" + id + "/file", "Range", "bytes=300000-");
        assertThat(bad.statusCode()).isEqualTo(416);
    }

    @Test
    void headOnFileIs405WithAllow() {
        String id = demo.create("{}");
        HttpResponse<byte[]> r = demo.send("HEAD", "/v2/images/" + id + "/file", null);
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(header(r, "Allow")).isEqualTo("GET, PUT");
        assertThat(header(r, "Content-Type")).isEqualTo("text/html; charset=UTF-8");
    }

    @Test
    void chunkedAndExpectContinueUploadsWork() throws Exception {
        String id = demo.create("{}");
        byte[] data = random(2 * 1024 * 1024);
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) java.net.URI.create(
                fake.url() + "/v2/images/" + id + "/file").toURL().openConnection();
        c.setRequestMethod("PUT");
        c.setDoOutput(true);
        c.setChunkedStreamingMode(1024 * 1024);
        c.setRequestProperty("Content-Type", "application/octet-stream");
        c.setRequestProperty("X-Auth-Token", fake.issueToken("demo"));
        try (java.io.OutputStream out = c.getOutputStream()) {
            out.write(data);
        }
        assertThat(c.getResponseCode()).isEqualTo(204);
        assertThat(fake.image(id).orElseThrow().get("checksum")).isEqualTo(hex("MD5", data));

        String id2 = demo.create("{}");
        java.net.http.HttpResponse<Void> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(fake.url() + "/v2/images/" + id2 + "/file"))
                        .expectContinue(true).header("Content-Type", "application/octet-stream")
                        .header("X-Auth-Token", fake.issueToken("demo"))
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(data)).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(fake.image(id2).orElseThrow().get("size")).isEqualTo((long) data.length);
    }

    @Test
    void uploadGoesToTheStoreNamedByXImageMetaStore() {
        String id = demo.create("{}");
        assertThat(demo.send("PUT", "/v2/images/" + id + "/file", new byte[] {1}, "Content-Type",
                "application/octet-stream", "X-Image-Meta-Store", "nope").statusCode()).isEqualTo(400);
        assertThat(demo.send("PUT", "/v2/images/" + id + "/file", new byte[] {1}, "Content-Type",
                "application/octet-stream", "X-Image-Meta-Store", "file2").statusCode()).isEqualTo(204);
        assertThat(tree(demo.get("/v2/images/" + id)).get("stores").asText()).isEqualTo("file2");
    }

    @Test
    void uploadWithoutOctetStreamIs415() {
        String id = demo.create("{}");
        HttpResponse<byte[]> r = demo.send("PUT", "/v2/images/" + id + "/file", new byte[] {1},
                "Content-Type", "application/json", "Accept", "application/json");
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(tree(r).get("message").asText())
                .isEqualTo("The request media type application/json is not supported by this server.\n<br /><br />\n");
        assertThat(fake.image(id).orElseThrow().get("status")).isEqualTo("queued");
    }

    @Test
    void imageDeletedDuringUploadIs410AndTheDataIsDropped() throws Exception {
        String id = demo.create("{}");
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) java.net.URI.create(
                fake.url() + "/v2/images/" + id + "/file").toURL().openConnection();
        c.setRequestMethod("PUT");
        c.setDoOutput(true);
        c.setFixedLengthStreamingMode(48_000_000);
        c.setRequestProperty("Content-Type", "application/octet-stream");
        c.setRequestProperty("X-Auth-Token", fake.issueToken("demo"));
        try (java.io.OutputStream out = c.getOutputStream()) {
            // more than loopback socket buffers hold: the server is inside the upload when this returns
            out.write(new byte[24_000_000]);
            out.flush();
            assertThat(demo.send("DELETE", "/v2/images/" + id, null).statusCode()).isEqualTo(204);
            out.write(new byte[24_000_000]);
        }
        assertThat(c.getResponseCode()).isEqualTo(410);
        assertThat(fake.blobsOnDisk()).isZero();
    }

    @Test
    void downloadOfImageWithoutDataIs204() {
        String id = demo.create("{\"name\": \"empty\"}");
        HttpResponse<byte[]> r = demo.get("/v2/images/" + id + "/file");
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
    }

    @Test
    void secondUploadIs409InPlainTextWithoutAccept() {
        String id = demo.create("{}");
        demo.upload(id, random(10));
        HttpResponse<byte[]> r = demo.upload(id, "abc".getBytes());
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(header(r, "Content-Type")).isEqualTo("text/plain; charset=UTF-8");
        assertThat(text(r)).isEqualTo("409 Conflict\n\nImage status transition from active to saving is not allowed\n\n   ");
    }

    @Test
    void rejectedChunkedUploadIsDrainedSoTheClientSeesThe409NotAReset() throws Exception {
        // glanceclient (python-requests) sends the whole chunked body before reading the answer.
        String id = demo.create("{}");
        demo.upload(id, random(10));
        byte[] chunk = random(64 * 1024);
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", fake.url().getPort())) {
            s.setSoTimeout(30_000);
            java.io.OutputStream out = s.getOutputStream();
            out.write(("PUT /v2/images/" + id + "/file HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: "
                    + fake.issueToken("demo") + "\r\nContent-Type: application/octet-stream\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            for (int i = 0; i < 256; i++) {   // 16 MiB: more than socket buffers and the JDK server's 64 KiB drain
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            assertThat(status).startsWith("HTTP/1.1 409");
        }
        assertThat(fake.image(id).orElseThrow().get("size")).isEqualTo(10L);
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
    void tagsAreIdempotentAndMissingTagDeleteIs404() {
        String id = demo.create("{}");
        assertThat(demo.send("PUT", "/v2/images/" + id + "/tags/t1", null).statusCode()).isEqualTo(204);
        assertThat(demo.send("PUT", "/v2/images/" + id + "/tags/t1", null).statusCode()).isEqualTo(204);
        assertThat(tree(demo.get("/v2/images/" + id)).get("tags").toString()).isEqualTo("[\"t1\"]");
        assertThat(demo.send("DELETE", "/v2/images/" + id + "/tags/t1", null).statusCode()).isEqualTo(204);
        HttpResponse<byte[]> r = demo.send("DELETE", "/v2/images/" + id + "/tags/t1", null);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(text(r)).isEqualTo("404 Not Found\n\nThe resource could not be found.\n\n   ");
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
