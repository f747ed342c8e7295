package dev.imagesdk.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Clients that stall, lie about their body length or send absurd JSON must not stop the fake from
 * serving everyone else, and must themselves get an answer or a closed connection, never a hang.
 */
class HostileClientsTest {

    private static RawHttp.Response probe(FakeGlance fake, String token) throws Exception {
        try (RawHttp c = new RawHttp(fake.port())) {
            return c.exchange("GET", "/v2/images", "X-Auth-Token: " + token + "\r\n", null);
        }
    }

    @Test
    void hundredStalledConnectionsDoNotExhaustTheFake() throws Exception {
        // Regression: a fixed pool of 64 threads, each held by a stalled request, starved the 65th client.
        try (FakeGlance fake = FakeGlance.builder().start()) {
            String token = fake.issueToken("demo");
            String id = fake.seedImage("demo", java.util.Map.of("name", "x", "disk_format", "raw",
                    "container_format", "bare"), null);
            List<RawHttp> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < 100; i++) {
                    RawHttp c = new RawHttp(fake.port());
                    stalled.add(c);
                    if (i % 2 == 0) {
                        c.write("GET /v2/images HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Au");
                    } else {
                        c.write("PUT /v2/images/" + id + "/file HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: " + token
                                + "\r\nContent-Type: application/octet-stream\r\nContent-Length: 10737418240\r\n\r\nab");
                    }
                }
                RawHttp.Response r = probe(fake, token);
                assertThat(r.status()).isEqualTo(200);
            } finally {
                for (RawHttp c : stalled) {
                    c.close();
                }
            }
        }
    }

    @Test
    void clientStalledInItsHeadersIsClosedAfterTheReadTimeout() throws Exception {
        try (FakeGlance fake = FakeGlance.builder().readTimeout(Duration.ofMillis(300)).start();
                RawHttp c = new RawHttp(fake.port())) {
            c.write("GET /v2/images HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            assertThat(c.closedByServer(10_000)).as("closed by the fake").isTrue();
        }
    }

    @Test
    void slowlorisDrippingHeaderBytesIsClosedAfterTheReadTimeout() throws Exception {
        // Each byte arrives well within the timeout, but the headers as a whole do not.
        try (FakeGlance fake = FakeGlance.builder().readTimeout(Duration.ofMillis(500)).start();
                RawHttp c = new RawHttp(fake.port())) {
            c.write("GET /v2/images HTTP/1.1\r\n");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            boolean closed = false;
            while (!closed && System.nanoTime() < deadline) {
                try {
                    c.write("X");
                } catch (java.io.IOException e) {
                    closed = true;
                    break;
                }
                closed = c.closedByServer(100);
            }
            assertThat(closed).as("closed by the fake").isTrue();
        }
    }

    @Test
    void hugeDeclaredUploadWithATinyBodyIsClosedByTheTimeoutWithoutBlockingOthers() throws Exception {
        try (FakeGlance fake = FakeGlance.builder().readTimeout(Duration.ofMillis(500)).start();
                RawHttp c = new RawHttp(fake.port())) {
            String token = fake.issueToken("demo");
            String id = fake.seedImage("demo", java.util.Map.of("name", "x", "disk_format", "raw",
                    "container_format", "bare"), null);
            c.write("PUT /v2/images/" + id + "/file HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: " + token
                    + "\r\nContent-Type: application/octet-stream\r\nContent-Length: 10737418240\r\n\r\nabc");
            assertThat(probe(fake, token).status()).isEqualTo(200);
            assertThat(c.closedByServer(10_000)).as("closed by the fake").isTrue();
            assertThat(probe(fake, token).status()).isEqualTo(200);
        }
    }

    @Test
    void idleKeptAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        try (FakeGlance fake = FakeGlance.builder().idleTimeout(Duration.ofMillis(300)).start();
                RawHttp c = new RawHttp(fake.port())) {
            assertThat(c.exchange("GET", "/versions", "", null).status()).isEqualTo(200);
            assertThat(c.closedByServer(10_000)).as("closed by the fake").isTrue();
        }
    }

    @Test
    void jsonNestedBeyondTheDepthLimitIs400() throws Exception {
        // Regression: a StackOverflowError in the schema check killed the worker; no answer ever came.
        try (FakeGlance fake = FakeGlance.builder().start()) {
            String token = fake.issueToken("demo");
            for (int depth : new int[] {1001, 100_000}) {
                String nested = "[".repeat(depth) + "]".repeat(depth);
                try (RawHttp c = new RawHttp(fake.port())) {
                    RawHttp.Response r = c.exchange("POST", "/v2/images", "X-Auth-Token: " + token
                            + "\r\nContent-Type: application/json\r\n",
                            ("{\"name\": \"deep\", \"x\": " + nested + "}").getBytes(StandardCharsets.UTF_8));
                    assertThat(r.status()).as("depth %d", depth).isEqualTo(400);
                    assertThat(r.text()).contains("Malformed JSON in request body.");
                }
            }
        }
    }

    @Test
    void jsonNestedNearTheDepthLimitGetsTheSchemaError() throws Exception {
        try (FakeGlance fake = FakeGlance.builder().start(); RawHttp c = new RawHttp(fake.port())) {
            String token = fake.issueToken("demo");
            String nested = "[".repeat(998) + "]".repeat(998);
            RawHttp.Response r = c.exchange("POST", "/v2/images", "X-Auth-Token: " + token
                    + "\r\nContent-Type: application/json\r\n",
                    ("{\"name\": \"deep\", \"x\": " + nested + "}").getBytes(StandardCharsets.UTF_8));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.text()).contains("is not of type 'string'");
        }
    }
}
