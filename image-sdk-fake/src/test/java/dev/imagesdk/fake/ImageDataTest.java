package dev.imagesdk.fake;

import static dev.imagesdk.fake.Http.header;
import static dev.imagesdk.fake.Http.text;
import static dev.imagesdk.fake.Http.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagesdk.fake.junit.FakeGlanceExtension;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Image data over HTTP: upload, staging, download, ranges and the status they move the image through. */
@ExtendWith(FakeGlanceExtension.class)
class ImageDataTest {
    private FakeGlance fake;
    private Http demo;

    @BeforeEach
    void setUp(FakeGlance fake) {
        this.fake = fake;
        this.demo = new Http(fake).as("demo");
    }

    private String status(String id) {
        return tree(demo.get("/v2/images/" + id)).get("status").asText();
    }

    @Test
    void uploadComputesChecksumMultihashAndVirtualSize() throws Exception {
        String id = demo.create("{\"name\": \"u\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        byte[] data = ImagesApiTest.random(3_145_745);
        HttpResponse<byte[]> up = demo.upload(id, data);
        assertThat(up.statusCode()).isEqualTo(204);
        assertThat(header(up, "Content-Type")).isEqualTo("text/html; charset=UTF-8");
        assertThat(header(up, "Content-Length")).isEqualTo("0");
        JsonNode img = tree(demo.get("/v2/images/" + id, "Accept", "application/json"));
        assertThat(img.get("status").asText()).isEqualTo("active");
        assertThat(img.get("size").asLong()).isEqualTo(data.length);
        assertThat(img.get("virtual_size").asLong()).isEqualTo(data.length);
        assertThat(img.get("checksum").asText()).isEqualTo(ImagesApiTest.hex("MD5", data));
        assertThat(img.get("os_hash_algo").asText()).isEqualTo("sha512");
        assertThat(img.get("os_hash_value").asText()).isEqualTo(ImagesApiTest.hex("SHA-512", data));
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
        String id = demo.create("{\"disk_format\": \"raw\", \"container_format\": \"bare\", \"name\": \"d\"}");
        byte[] data = ImagesApiTest.random(200_000);
        demo.upload(id, data);
        HttpResponse<byte[]> full = demo.get("/v2/images/" + id + "/file");
        assertThat(full.statusCode()).isEqualTo(200);
        assertThat(full.body()).isEqualTo(data);
        assertThat(header(full, "Content-Type")).isEqualTo("application/octet-stream");
        assertThat(header(full, "Content-MD5")).isEqualTo(ImagesApiTest.hex("MD5", data));
        HttpResponse<byte[]> part = demo.get("/v2/images/" + id + "/file", "Range", "bytes=0-99");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(header(part, "Content-Range")).isEqualTo("bytes 0-99/200000");
        assertThat(header(part, "Content-MD5")).isEqualTo(ImagesApiTest.hex("MD5", data));
        assertThat(part.body()).hasSize(100).isEqualTo(java.util.Arrays.copyOfRange(data, 0, 100));
        HttpResponse<byte[]> tail = demo.get("/v2/images/" + id + "/file", "Range", "bytes=199990-");
        assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(data, 199_990, 200_000));
        HttpResponse<byte[]> bad = demo.get("/v2/images/" + id + "/file", "Range", "bytes=300000-");
        assertThat(bad.statusCode()).isEqualTo(416);
    }

    @Test
    void headOnFileIs405WithAllow() {
        String id = demo.create(Http.BARE);
        HttpResponse<byte[]> r = demo.send("HEAD", "/v2/images/" + id + "/file", null);
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(header(r, "Allow")).isEqualTo("GET, PUT");
        assertThat(header(r, "Content-Type")).isEqualTo("text/html; charset=UTF-8");
    }

    @Test
    void chunkedAndExpectContinueUploadsWork() throws Exception {
        String id = demo.create(Http.BARE);
        byte[] data = ImagesApiTest.random(2 * 1024 * 1024);
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
        assertThat(fake.image(id).orElseThrow().get("checksum")).isEqualTo(ImagesApiTest.hex("MD5", data));

        String id2 = demo.create(Http.BARE);
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
        String id = demo.create(Http.BARE);
        assertThat(demo.send("PUT", "/v2/images/" + id + "/file", new byte[] {1}, "Content-Type",
                "application/octet-stream", "X-Image-Meta-Store", "nope").statusCode()).isEqualTo(400);
        assertThat(demo.send("PUT", "/v2/images/" + id + "/file", new byte[] {1}, "Content-Type",
                "application/octet-stream", "X-Image-Meta-Store", "file2").statusCode()).isEqualTo(204);
        assertThat(tree(demo.get("/v2/images/" + id)).get("stores").asText()).isEqualTo("file2");
    }

    @Test
    void uploadWithoutOctetStreamIs415() {
        String id = demo.create(Http.BARE);
        HttpResponse<byte[]> r = demo.send("PUT", "/v2/images/" + id + "/file", new byte[] {1},
                "Content-Type", "application/json", "Accept", "application/json");
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(tree(r).get("message").asText())
                .isEqualTo("The request media type application/json is not supported by this server.\n<br /><br />\n");
        assertThat(fake.image(id).orElseThrow().get("status")).isEqualTo("queued");
    }

    @Test
    void imageDeletedDuringUploadIs410AndTheDataIsDropped() throws Exception {
        String id = demo.create(Http.BARE);
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
        String id = demo.create("{\"disk_format\": \"raw\", \"container_format\": \"bare\", \"name\": \"empty\"}");
        HttpResponse<byte[]> r = demo.get("/v2/images/" + id + "/file");
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
    }

    @Test
    void secondUploadIs409InPlainTextWithoutAccept() {
        String id = demo.create(Http.BARE);
        demo.upload(id, ImagesApiTest.random(10));
        HttpResponse<byte[]> r = demo.upload(id, "abc".getBytes());
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(header(r, "Content-Type")).isEqualTo("text/plain; charset=UTF-8");
        assertThat(text(r)).isEqualTo("409 Conflict\n\nImage status transition from active to saving is not allowed\n\n   ");
    }

    @Test
    void rejectedChunkedUploadIsDrainedSoTheClientSeesThe409NotAReset() throws Exception {
        // glanceclient (python-requests) sends the whole chunked body before reading the answer.
        String id = demo.create(Http.BARE);
        demo.upload(id, ImagesApiTest.random(10));
        byte[] chunk = ImagesApiTest.random(64 * 1024);
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
    void stageOnANonQueuedImageIs409() {
        String id = demo.create(Http.BARE);
        demo.upload(id, new byte[] {1});
        assertThat(demo.send("PUT", "/v2/images/" + id + "/stage", new byte[] {1},
                "Content-Type", "application/octet-stream").statusCode()).isEqualTo(409);
        assertThat(Arrays.asList("active")).contains(status(id));
    }
}
