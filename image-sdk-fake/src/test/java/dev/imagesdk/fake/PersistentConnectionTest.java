package dev.imagesdk.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTP/1.1 persistence as Glance (eventlet) keeps it, seen from a client that never resends (a raw
 * socket): one connection carries any number of requests, whatever their answers; the fake reads
 * every request body before answering and closes a connection only after saying
 * {@code Connection: close}.
 */
class PersistentConnectionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static FakeGlance fake;
    private static String token;

    @BeforeAll
    static void start() {
        fake = FakeGlance.builder().start();
        token = fake.issueToken("demo");
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    private static String auth() {
        return "X-Auth-Token: " + token + "\r\n";
    }

    @Test
    void oneConnectionCarriesCreateChunkedUploadGetListDeleteAndErrors() throws Exception {
        try (RawHttp c = new RawHttp(fake.port())) {
            RawHttp.Response created = c.exchange("POST", "/v2/images", auth() + "Content-Type: application/json\r\n",
                    "{\"name\": \"persist\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}"
                            .getBytes(StandardCharsets.UTF_8));
            assertThat(created.status()).isEqualTo(201);
            String id = JSON.readTree(created.body()).get("id").asText();

            byte[] half = new byte[512];
            Arrays.fill(half, (byte) 'a');
            c.write("PUT /v2/images/" + id + "/file HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth()
                    + "Content-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n");
            c.write("200\r\n").write(half).write("\r\n200\r\n").write(half).write("\r\n0\r\n\r\n");
            RawHttp.Response uploaded = c.read(false);
            assertThat(uploaded.status()).isEqualTo(204);

            RawHttp.Response shown = c.exchange("GET", "/v2/images/" + id, auth(), null);
            assertThat(shown.status()).isEqualTo(200);
            JsonNode image = JSON.readTree(shown.body());
            assertThat(image.get("size").asLong()).isEqualTo(1024);
            assertThat(image.get("status").asText()).isEqualTo("active");

            RawHttp.Response listed = c.exchange("GET", "/v2/images", auth(), null);
            assertThat(listed.status()).isEqualTo(200);
            assertThat(listed.text()).contains(id);

            RawHttp.Response headed = c.exchange("HEAD", "/v2/images/" + id + "/file", auth(), null);
            assertThat(headed.status()).as("HEAD on image data is 405 on real Glance 25 too").isEqualTo(405);

            RawHttp.Response missing = c.exchange("GET", "/v2/images/" + java.util.UUID.randomUUID(), auth(),
                    "{\"ignored\": true}".getBytes(StandardCharsets.UTF_8));
            assertThat(missing.status()).isEqualTo(404);

            RawHttp.Response malformed = c.exchange("POST", "/v2/images", auth() + "Content-Type: application/json\r\n",
                    "{not json".getBytes(StandardCharsets.UTF_8));
            assertThat(malformed.status()).isEqualTo(400);

            RawHttp.Response unauthenticated = c.exchange("PUT", "/v2/images/" + id + "/file",
                    "Content-Type: application/octet-stream\r\n", new byte[200 * 1024]);
            assertThat(unauthenticated.status()).isEqualTo(401);

            RawHttp.Response conflict = c.exchange("PUT", "/v2/images/" + id + "/file",
                    auth() + "Content-Type: application/octet-stream\r\n", new byte[300 * 1024]);
            assertThat(conflict.status()).isEqualTo(409);

            RawHttp.Response deleted = c.exchange("DELETE", "/v2/images/" + id, auth(), null);
            assertThat(deleted.status()).isEqualTo(204);

            RawHttp.Response gone = c.exchange("GET", "/v2/images/" + id, auth(), null);
            assertThat(gone.status()).isEqualTo(404);

            for (RawHttp.Response r : new RawHttp.Response[] {created, uploaded, shown, listed, headed, missing, malformed,
                    unauthenticated, conflict, deleted, gone}) {
                assertThat(r.header("Connection")).as("Connection header of a %d", r.status()).isNull();
            }
            assertThat(c.closedByServer(300)).as("connection still open").isFalse();
        }
    }

    @Test
    void requestWithConnectionCloseIsAnsweredConnectionCloseBeforeTheFakeCloses() throws Exception {
        // The Tempest failure: its ClosingHttp sends "Connection: close"; the JDK server closed the
        // connection without saying so, urllib3 pooled it and the next request met a reset.
        try (RawHttp c = new RawHttp(fake.port())) {
            RawHttp.Response r = c.exchange("GET", "/v2/images", auth() + "Connection: close\r\n", null);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(c.closedByServer(5000)).isTrue();
        }
    }

    @Test
    void http10RequestIsAnsweredConnectionClose() throws Exception {
        try (RawHttp c = new RawHttp(fake.port())) {
            c.write("GET /versions HTTP/1.0\r\n\r\n");
            RawHttp.Response r = c.read(false);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Connection")).isEqualToIgnoringCase("close");
        }
    }

    @Test
    void bodyOfAnEarlyAnswerIsDrainedSoTheNextRequestOnTheConnectionIsAnswered() throws Exception {
        // More than the 64 KiB the JDK server would have discarded before closing.
        try (RawHttp c = new RawHttp(fake.port())) {
            for (int i = 0; i < 3; i++) {
                RawHttp.Response early = c.exchange("PUT", "/v2/images/" + java.util.UUID.randomUUID() + "/file",
                        auth() + "Content-Type: application/octet-stream\r\n", new byte[1024 * 1024]);
                assertThat(early.status()).isEqualTo(404);
                assertThat(early.header("Connection")).isNull();
            }
            assertThat(c.exchange("GET", "/v2/images", auth(), null).status()).isEqualTo(200);
        }
    }

    @Test
    void uploadAnsweredByAFaultIsDrainedAndTheConnectionKept() throws Exception {
        String id = fake.seedImage("demo", java.util.Map.of("name", "f", "disk_format", "raw",
                "container_format", "bare"), null);
        fake.inject(Operation.UPLOAD, Fault.serviceUnavailable(1));
        try (RawHttp c = new RawHttp(fake.port())) {
            RawHttp.Response refused = c.exchange("PUT", "/v2/images/" + id + "/file",
                    auth() + "Content-Type: application/octet-stream\r\n", new byte[512 * 1024]);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Connection")).isNull();
            RawHttp.Response uploaded = c.exchange("PUT", "/v2/images/" + id + "/file",
                    auth() + "Content-Type: application/octet-stream\r\n", new byte[512 * 1024]);
            assertThat(uploaded.status()).isEqualTo(204);
        } finally {
            fake.clearFaults();
        }
    }

    @Test
    void oversizedDeclaredJsonBodyIs413AnsweredBeforeReadingWithConnectionClose() throws Exception {
        try (RawHttp c = new RawHttp(fake.port())) {
            c.write("POST /v2/images HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth()
                    + "Content-Type: application/json\r\nContent-Length: 10737418240\r\n\r\n{\"name\": ");
            RawHttp.Response r = c.read(false);
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(c.closedByServer(5000)).isTrue();
        }
    }

    @Test
    void chunkedJsonBodyIsParsed() throws Exception {
        try (RawHttp c = new RawHttp(fake.port())) {
            String json = "{\"name\": \"chunked-json\"}";
            c.write("POST /v2/images HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth()
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\n" + json.substring(0, 5) + "\r\n" + Integer.toHexString(json.length() - 5) + "\r\n"
                    + json.substring(5) + "\r\n0\r\n\r\n");
            RawHttp.Response r = c.read(false);
            assertThat(r.status()).isEqualTo(201);
            assertThat(JSON.readTree(r.body()).get("name").asText()).isEqualTo("chunked-json");
            assertThat(c.exchange("GET", "/v2/images", auth(), null).status()).isEqualTo(200);
        }
    }

    @Test
    void malformedChunkSizeIs400WithConnectionClose() throws Exception {
        try (RawHttp c = new RawHttp(fake.port())) {
            c.write("POST /v2/images HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth()
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
            RawHttp.Response r = c.read(false);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.header("Connection")).isEqualToIgnoringCase("close");
        }
    }

    @Test
    void expectContinueGets100OnlyWhenTheBodyIsRead() throws Exception {
        try (RawHttp c = new RawHttp(fake.port())) {
            String json = "{\"name\": \"continued\"}";
            c.write("POST /v2/images HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth() + "Content-Type: application/json\r\n"
                    + "Expect: 100-continue\r\nContent-Length: " + json.length() + "\r\n\r\n");
            c.socket.setSoTimeout(5000);
            byte[] interim = c.socket.getInputStream().readNBytes("HTTP/1.1 100 Continue\r\n\r\n".length());
            assertThat(new String(interim, StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
            c.write(json);
            RawHttp.Response r = c.read(false);
            assertThat(r.status()).isEqualTo(201);
        }
    }
}
