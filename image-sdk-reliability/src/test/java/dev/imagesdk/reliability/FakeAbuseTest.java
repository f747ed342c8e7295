package dev.imagesdk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesdk.fake.FakeGlance;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Adversarial input for the fake Glance (issue 16): slow clients, huge declared lengths, deep JSON,
 * oversized patches, malformed HTTP and clients that stop reading. After each attack a probe
 * ({@code GET /v2/images} with a valid token, on a new connection) must be answered within 1 s, and
 * attackers that a timeout is meant to free must find their connection closed by the fake. Prints
 * {@code FAKE-ABUSE attacks=N probe_ok=N} for CI. Loopback only, bounded loops, short fake
 * timeouts (0.5 s stalled read/write, 2 s idle) so that the run ends by itself in seconds.
 */
class FakeAbuseTest {
    private static final Duration READ_TIMEOUT = Duration.ofMillis(500);
    private static final int PROBE_MILLIS = 1000;
    /** Generous bound for a connection the fake must close after READ_TIMEOUT. */
    private static final int CLOSE_WITHIN_MILLIS = 10_000;
    private static final int IMAGE_BYTES = 32 * 1024 * 1024;

    private static FakeGlance fake;
    private static String token;
    private static String image;
    private static int attacks;
    private static int probesOk;
    private static final List<String> failures = new ArrayList<>();
    private static final List<Long> LATENCIES = new ArrayList<>();

    @BeforeAll
    static void start() {
        fake = FakeGlance.builder().readTimeout(READ_TIMEOUT).idleTimeout(Duration.ofSeconds(2))
                .memoryThreshold(64L * 1024 * 1024).start();
        token = fake.issueToken("demo");
        image = fake.seedImage("demo", Map.of("name", "abuse", "disk_format", "raw", "container_format", "bare"),
                new ByteArrayInputStream(new byte[IMAGE_BYTES]));
        warmUp();
    }

    /**
     * A few ordinary requests of the kinds the attacks make, so that the 1 s probe measures a
     * blocked fake, not class loading and a cold JIT on a loaded machine.
     */
    private static void warmUp() {
        try {
            String id = fake.seedImage("demo", Map.of("name", "warm", "disk_format", "raw", "container_format", "bare"),
                    null);
            String[] requests = {
                "GET /v2/images HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: " + token + "\r\n\r\n",
                json("POST", "/v2/images", "application/json", "{\"name\": \"warm\"}"),
                "PUT /v2/images/" + id + "/file HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: " + token
                        + "\r\nContent-Type: application/octet-stream\r\nContent-Length: 1\r\n\r\nx",
            };
            for (int i = 0; i < 20; i++) {
                for (String r : requests) {
                    try (Raw c = new Raw(CLOSE_WITHIN_MILLIS)) {
                        c.send(r);
                        c.status();
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        System.out.println("FAKE-ABUSE attacks=" + attacks + " probe_ok=" + probesOk);
        List<Long> ms = new ArrayList<>(LATENCIES);
        java.util.Collections.sort(ms);
        if (!ms.isEmpty()) {
            System.out.println("FAKE-ABUSE probe latency ms: min=" + ms.get(0) + " median=" + ms.get(ms.size() / 2)
                    + " max=" + ms.get(ms.size() - 1));
        }
        if (!failures.isEmpty()) {
            System.out.println("FAKE-ABUSE failed probes: " + failures);
        }
        fake.close();
    }

    /** The probe after an attack: answered 200 within 1 s on a new connection. */
    private static void probeAfter(String attack) {
        attacks++;
        long t0 = System.nanoTime();
        try (Raw c = new Raw(PROBE_MILLIS)) {
            c.send("GET /v2/images HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: " + token + "\r\n\r\n");
            int status = c.status();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            LATENCIES.add(ms);
            if (status == 200 && ms <= PROBE_MILLIS) {
                probesOk++;
                return;
            }
            failures.add(attack + ": status " + status + " after " + ms + " ms");
        } catch (IOException e) {
            failures.add(attack + ": " + e);
        }
        assertThat(failures).as("probe after " + attack).isEmpty();
    }

    private static void assertAllClosedByTheFake(List<Raw> conns) throws IOException {
        for (Raw c : conns) {
            assertThat(c.closedByPeer(CLOSE_WITHIN_MILLIS)).as("attacker connection closed by the fake").isTrue();
        }
    }

    private static void closeAll(List<Raw> conns) {
        for (Raw c : conns) {
            c.close();
        }
    }

    @Test
    void slowClientsStalledMidHeaders() throws Exception {
        List<Raw> conns = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                Raw c = new Raw(CLOSE_WITHIN_MILLIS);
                conns.add(c);
                c.send(i % 3 == 0 ? "" : i % 3 == 1 ? "GET /v2/ima" : "GET /v2/images HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Au");
            }
            probeAfter("100 clients stalled mid-headers");
            assertAllClosedByTheFake(conns);
        } finally {
            closeAll(conns);
        }
    }

    @Test
    void slowClientsStalledMidBody() throws Exception {
        List<Raw> conns = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                Raw c = new Raw(CLOSE_WITHIN_MILLIS);
                conns.add(c);
                if (i % 2 == 0) {
                    c.send("POST /v2/images HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: " + token
                            + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"name\": ");
                } else {
                    c.send("PUT /v2/images/" + image + "/file HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: " + token
                            + "\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + "400\r\nabc");
                }
            }
            probeAfter("100 clients stalled mid-body");
            assertAllClosedByTheFake(conns);
        } finally {
            closeAll(conns);
        }
    }

    @Test
    void hugeDeclaredContentLengthWithTinyBodies() throws Exception {
        String other = fake.seedImage("demo", Map.of("name", "big", "disk_format", "raw", "container_format", "bare"),
                null);
        List<Raw> conns = new ArrayList<>();
        try {
            for (int i = 0; i < 80; i++) {
                Raw c = new Raw(CLOSE_WITHIN_MILLIS);
                conns.add(c);
                c.send("PUT /v2/images/" + other + "/file HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: " + token
                        + "\r\nContent-Type: application/octet-stream\r\nContent-Length: 10737418240\r\n\r\ntiny");
            }
            probeAfter("80 uploads declaring 10 GiB with tiny bodies");
            assertAllClosedByTheFake(conns);
        } finally {
            closeAll(conns);
        }
    }

    @Test
    void hugeDeclaredJsonBodiesAreRefusedWithoutReading() throws Exception {
        List<Raw> conns = new ArrayList<>();
        try {
            for (int i = 0; i < 80; i++) {
                Raw c = new Raw(CLOSE_WITHIN_MILLIS);
                conns.add(c);
                c.send("POST /v2/images HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: " + token
                        + "\r\nContent-Type: application/json\r\nContent-Length: 10737418240\r\n\r\n{\"na");
            }
            for (Raw c : conns) {
                assertThat(c.status()).isEqualTo(413);
            }
            probeAfter("80 JSON requests declaring 10 GiB");
            assertAllClosedByTheFake(conns);
        } finally {
            closeAll(conns);
        }
    }

    @Test
    void deeplyNestedJson() throws Exception {
        for (int depth : new int[] {1000, 1001, 5000, 200_000}) {
            String nested = "[".repeat(depth) + "]".repeat(depth);
            for (String body : new String[] {nested, "{\"name\": \"deep\", \"x\": " + nested + "}"}) {
                try (Raw c = new Raw(CLOSE_WITHIN_MILLIS)) {
                    c.send(json("POST", "/v2/images", "application/json", body));
                    assertThat(c.status()).as("depth %d", depth).isEqualTo(400);
                }
            }
            probeAfter("JSON nested " + depth + " deep");
        }
    }

    @Test
    void jsonPatchesWithHundredThousandOps() throws Exception {
        String patch = "application/openstack-images-v2.1-json-patch";
        StringBuilder big = new StringBuilder("[");
        for (int i = 0; i < 100_000; i++) {
            big.append(i == 0 ? "" : ",").append("{\"op\":\"add\",\"path\":\"/p").append(i).append("\",\"value\":\"v\"}");
        }
        try (Raw c = new Raw(CLOSE_WITHIN_MILLIS)) {
            c.send(json("PATCH", "/v2/images/" + image, patch, big.append("]").toString()));
            // refused by its Content-Length before the 5 MB body is read; the fake keeps reading
            // (discarding) while it closes, so the answer is not lost to a reset
            assertThat(c.status()).isEqualTo(413);
        }
        probeAfter("JSON patch of 100,000 ops (over the 1 MiB body cap)");
        StringBuilder dense = new StringBuilder("[");
        for (int i = 0; i < 100_000; i++) {
            dense.append(i == 0 ? "" : ",").append("{\"op\":0}");
        }
        try (Raw c = new Raw(CLOSE_WITHIN_MILLIS)) {
            c.send(json("PATCH", "/v2/images/" + image, patch, dense.append("]").toString()));
            assertThat(c.status()).isBetween(400, 499);
        }
        probeAfter("JSON patch of 100,000 minimal ops under the cap");
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 20_000; i++) {
            many.append(i == 0 ? "" : ",").append("{\"op\":\"add\",\"path\":\"/p\",\"value\":\"").append(i).append("\"}");
        }
        try (Raw c = new Raw(30_000)) {
            c.send(json("PATCH", "/v2/images/" + image, patch, many.append("]").toString()));
            assertThat(c.status()).isBetween(200, 499);
        }
        probeAfter("JSON patch of 20,000 valid ops");
    }

    @Test
    void malformedHttp() throws Exception {
        String[] requests = {
            "\u0000\u0001\u0002garbage\r\n\r\n",
            "GET\r\n\r\n",
            "GET /v2/images HTTP/9.9\r\n\r\n",
            "GET /v2/images HTTP/1.1\r\nHeaderWithoutColon\r\n\r\n",
            "GET /v2/images HTTP/1.1\r\nX-Auth-Token: a\rInjected: yes\r\n\r\n",
            "GET /v2/images\r\nInjected: yes HTTP/1.1\r\n\r\n",
            "GET /v2/images HTTP/1.1\r\nX-Long: " + "a".repeat(1024 * 1024) + "\r\n\r\n",
            "GET /" + "a".repeat(1024 * 1024) + " HTTP/1.1\r\n\r\n",
            "POST /v2/images HTTP/1.1\r\nX-Auth-Token: " + token + "\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\nZZZ\r\n{}\r\n0\r\n\r\n",
            "POST /v2/images HTTP/1.1\r\nX-Auth-Token: " + token + "\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n{}\r\n0\r\n\r\n",
            "POST /v2/images HTTP/1.1\r\nX-Auth-Token: " + token + "\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}XX\r\n0\r\n\r\n",
            "POST /v2/images HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
            "POST /v2/images HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
            "POST /v2/images HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n{}",
            "GET /v2/images HTTP/1.1\r\n" + "X-H: v\r\n".repeat(5000) + "\r\n",
        };
        for (String r : requests) {
            try (Raw c = new Raw(CLOSE_WITHIN_MILLIS)) {
                try {
                    c.send(r);
                } catch (IOException e) {
                    // the fake refused early and closed while we were still sending: acceptable
                }
                assertThat(c.closedAfterAnyAnswer(CLOSE_WITHIN_MILLIS)).as("closed after: %s",
                        r.length() > 60 ? r.substring(0, 60) : r).isTrue();
            }
            probeAfter("malformed request " + (r.length() > 40 ? r.substring(0, 40) : r).replaceAll("[\\r\\n\\x00-\\x1f]", "."));
        }
    }

    @Test
    void clientsThatStopReadingADownload() throws Exception {
        List<Raw> conns = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                Raw c = new Raw(CLOSE_WITHIN_MILLIS, 4096);
                conns.add(c);
                c.send("GET /v2/images/" + image + "/file HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: " + token
                        + "\r\n\r\n");
            }
            probeAfter("20 downloads of 32 MiB never read");
            // The fake's stalled writes must end by its timeout: wait (bounded) until it has closed them all.
            long deadline = System.nanoTime() + CLOSE_WITHIN_MILLIS * 1_000_000L;
            while (fake.openConnections() > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(fake.openConnections()).as("connections the fake still holds").isZero();
            for (Raw c : conns) {
                assertThat(c.drainUntilClosed(CLOSE_WITHIN_MILLIS)).as("download cut by the fake").isLessThan(IMAGE_BYTES);
            }
        } finally {
            closeAll(conns);
        }
    }

    private static String json(String method, String path, String type, String body) {
        return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: " + token + "\r\nContent-Type: "
                + type + "\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    /** A raw loopback connection that never resends. */
    private static final class Raw implements AutoCloseable {
        final Socket socket;
        private final InputStream in;

        Raw(int timeoutMillis) throws IOException {
            this(timeoutMillis, 0);
        }

        /** {@code receiveBuffer} > 0: a small window, set before connecting, for clients that stop reading. */
        Raw(int timeoutMillis, int receiveBuffer) throws IOException {
            socket = new Socket();
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer);
            }
            socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), fake.port()));
            socket.setSoTimeout(timeoutMillis);
            in = new BufferedInputStream(socket.getInputStream());
        }

        void send(String s) throws IOException {
            if (!s.isEmpty()) {
                socket.getOutputStream().write(s.getBytes(StandardCharsets.UTF_8));
                socket.getOutputStream().flush();
            }
        }

        /** The status code of the next answer (its headers are read, not its body). */
        int status() throws IOException {
            String line = line();
            while (line != null && line.startsWith("HTTP/1.1 100")) {
                line();
                line = line();
            }
            if (line == null) {
                throw new IOException("closed without an answer");
            }
            int code = Integer.parseInt(line.split(" ")[1]);
            while (!line().isEmpty()) {
                // headers
            }
            return code;
        }

        /** True if the peer closed (EOF or reset) within the timeout; anything it sent first is skipped. */
        boolean closedAfterAnyAnswer(int millis) throws IOException {
            socket.setSoTimeout(millis);
            try {
                byte[] buf = new byte[8192];
                long deadline = System.nanoTime() + millis * 1_000_000L;
                while (System.nanoTime() < deadline) {
                    if (in.read(buf) < 0) {
                        return true;
                    }
                }
                return false;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true;
            }
        }

        boolean closedByPeer(int millis) throws IOException {
            return closedAfterAnyAnswer(millis);
        }

        /** Reads everything until the peer closes; the byte count (assertion fails by timeout otherwise). */
        long drainUntilClosed(int millis) throws IOException {
            socket.setSoTimeout(millis);
            long n = 0;
            byte[] buf = new byte[65536];
            int r;
            try {
                while ((r = in.read(buf)) >= 0) {
                    n += r;
                }
            } catch (SocketTimeoutException e) {
                return Long.MAX_VALUE;
            } catch (IOException e) {
                return n;
            }
            return n;
        }

        private String line() throws IOException {
            StringBuilder sb = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    int len = sb.length();
                    return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
                }
                sb.append((char) b);
            }
            return sb.length() == 0 ? null : sb.toString();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
