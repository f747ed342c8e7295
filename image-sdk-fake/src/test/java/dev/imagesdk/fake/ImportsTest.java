package dev.imagesdk.fake;

import static dev.imagesdk.fake.Http.header;
import static dev.imagesdk.fake.Http.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.imagesdk.fake.junit.FakeGlanceExtension;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Interoperable image import over HTTP: glance-direct, web-download (from a loopback server), copy-image. */
@ExtendWith(FakeGlanceExtension.class)
class ImportsTest {
    private FakeGlance fake;
    private Http demo;
    private Http admin;
    private HttpServer web;
    private final byte[] webData = ImagesApiTest.random(1_048_576);

    @BeforeEach
    void setUp(FakeGlance fake) throws Exception {
        this.fake = fake;
        demo = new Http(fake).as("demo");
        admin = new Http(fake).as("admin");
        web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        web.createContext("/test-1m.raw", ex -> {
            ex.sendResponseHeaders(200, webData.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(webData);
            }
        });
        web.start();
    }

    @AfterEach
    void tearDown() {
        web.stop(0);
    }

    private String status(String id) {
        return tree(demo.get("/v2/images/" + id)).get("status").asText();
    }

    private String webUri() {
        return "http://127.0.0.1:" + web.getAddress().getPort() + "/test-1m.raw";
    }

    @Test
    void glanceDirectStagesThenImports() throws Exception {
        String id = demo.create("{\"name\": \"import-direct\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        byte[] data = ImagesApiTest.random(65_536);
        HttpResponse<byte[]> st = demo.send("PUT", "/v2/images/" + id + "/stage", data,
                "Content-Type", "application/octet-stream");
        assertThat(st.statusCode()).isEqualTo(204);
        JsonNode staged = tree(demo.get("/v2/images/" + id));
        assertThat(staged.get("status").asText()).isEqualTo("uploading");
        assertThat(staged.get("size").asLong()).isEqualTo(65_536);
        assertThat(staged.get("checksum").isNull()).isTrue();
        fake.importTransitions(FakeGlance.Transition.afterPolls(1));
        HttpResponse<byte[]> imp = demo.json("POST", "/v2/images/" + id + "/import",
                "{\"method\": {\"name\": \"glance-direct\"}, \"stores\": [\"file1\"]}");
        assertThat(imp.statusCode()).isEqualTo(202);
        assertThat(imp.body()).isEmpty();
        JsonNode active = tree(demo.get("/v2/images/" + id));
        assertThat(active.get("status").asText()).isEqualTo("active");
        assertThat(active.get("checksum").asText()).isEqualTo(ImagesApiTest.hex("MD5", data));
        assertThat(active.get("os_glance_importing_to_stores").asText()).isEmpty();
        assertThat(active.get("os_glance_failed_import").asText()).isEmpty();
        assertThat(active.fieldNames().next()).isEqualTo("os_glance_importing_to_stores");
        assertThat(active.get("stores").asText()).isEqualTo("file1");
        assertThat(demo.get("/v2/images/" + id + "/file").body()).isEqualTo(data);
    }

    @Test
    void importStaysImportingUntilCompletedManually() {
        fake.importTransitions(FakeGlance.Transition.manual());
        String id = demo.create(Http.BARE);
        demo.send("PUT", "/v2/images/" + id + "/stage", new byte[] {1, 2}, "Content-Type", "application/octet-stream");
        demo.json("POST", "/v2/images/" + id + "/import", "{\"method\": {\"name\": \"glance-direct\"}}");
        JsonNode img = tree(demo.get("/v2/images/" + id));
        assertThat(img.get("status").asText()).isEqualTo("importing");
        assertThat(img.get("os_glance_importing_to_stores").asText()).isEqualTo("file1");
        HttpResponse<byte[]> again = demo.json("POST", "/v2/images/" + id + "/import",
                "{\"method\": {\"name\": \"glance-direct\"}}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(tree(again).get("message").asText()).isEqualTo("Image has active task<br /><br />\n\n\n");
        fake.completeTransition(id);
        assertThat(status(id)).isEqualTo("active");
    }

    @Test
    void webDownloadFetchesFromALoopbackUrl() throws Exception {
        String id = demo.create("{\"disk_format\": \"raw\", \"container_format\": \"bare\", \"name\": \"import-web\"}");
        HttpResponse<byte[]> r = demo.json("POST", "/v2/images/" + id + "/import",
                "{\"method\": {\"name\": \"web-download\", \"uri\": \"" + webUri() + "\"}}");
        assertThat(r.statusCode()).isEqualTo(202);
        JsonNode img = tree(demo.get("/v2/images/" + id));
        assertThat(img.get("status").asText()).isEqualTo("active");
        assertThat(img.get("size").asLong()).isEqualTo(webData.length);
        assertThat(img.get("checksum").asText()).isEqualTo(ImagesApiTest.hex("MD5", webData));
        JsonNode tasks = tree(admin.get("/v2/images/" + id + "/tasks")).get("tasks");
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).get("type").asText()).isEqualTo("api_image_import");
        assertThat(tasks.get(0).get("status").asText()).isEqualTo("success");
        assertThat(tasks.get(0).get("message").asText()).isEqualTo("Copied 1 MiB");
        assertThat(tasks.get(0).get("input").get("import_req").get("method").get("uri").asText()).isEqualTo(webUri());
        assertThat(tasks.get(0).get("request_id").asText()).isEqualTo(Http.header(r, "x-openstack-request-id"));
    }

    @Test
    void webDownloadOfAFailingUrlReturnsTheImageToQueued() {
        String id = demo.create(Http.BARE);
        String bad = "http://127.0.0.1:" + web.getAddress().getPort() + "/missing";
        assertThat(demo.json("POST", "/v2/images/" + id + "/import",
                "{\"method\": {\"name\": \"web-download\", \"uri\": \"" + bad + "\"}}").statusCode()).isEqualTo(202);
        JsonNode img = tree(demo.get("/v2/images/" + id));
        assertThat(img.get("status").asText()).isEqualTo("queued");
        assertThat(img.get("os_glance_failed_import").asText()).isEqualTo("file1");
    }

    @Test
    void importErrorsAnswerAsGlance() {
        String id = demo.create(Http.BARE);
        HttpResponse<byte[]> filtered = demo.json("POST", "/v2/images/" + id + "/import",
                "{\"method\": {\"name\": \"web-download\", \"uri\": \"http://127.0.0.2:9/x\"}}");
        assertThat(filtered.statusCode()).isEqualTo(400);
        assertThat(tree(filtered).get("message").asText())
                .isEqualTo("URI for web-download does not pass filtering: http://127.0.0.2:9/x<br /><br />\n\n\n");
        HttpResponse<byte[]> unknown = demo.json("POST", "/v2/images/" + id + "/import",
                "{\"method\": {\"name\": \"floppy-drive\"}}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(tree(unknown).get("message").asText())
                .isEqualTo("Unknown import method name 'floppy-drive'.<br /><br />\n\n\n");
        assertThat(demo.json("POST", "/v2/images/" + id + "/import",
                "{\"method\": {\"name\": \"glance-direct\"}}").statusCode()).isEqualTo(409);
    }

    @Test
    void copyImageIsAdminOnlyAndAddsTheStore() {
        String id = demo.create(Http.BARE);
        demo.upload(id, new byte[] {9, 9});
        HttpResponse<byte[]> denied = demo.json("POST", "/v2/images/" + id + "/import",
                "{\"method\": {\"name\": \"copy-image\"}, \"stores\": [\"file2\"]}");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(tree(denied).get("message").asText())
                .isEqualTo("You are not authorized to complete copy_image action.<br /><br />\n\n\n");
        assertThat(admin.json("POST", "/v2/images/" + id + "/import",
                "{\"method\": {\"name\": \"copy-image\"}, \"stores\": [\"file2\"]}").statusCode()).isEqualTo(202);
        assertThat(tree(demo.get("/v2/images/" + id)).get("stores").asText()).isEqualTo("file1,file2");
        assertThat(admin.send("DELETE", "/v2/stores/file2/" + id, null).statusCode()).isEqualTo(204);
        assertThat(tree(demo.get("/v2/images/" + id)).get("stores").asText()).isEqualTo("file1");
        assertThat(admin.send("DELETE", "/v2/stores/file1/" + id, null).statusCode()).isEqualTo(403);
    }
}
