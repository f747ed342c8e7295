package dev.imagesdk.fake;

import static dev.imagesdk.fake.Http.header;
import static dev.imagesdk.fake.Http.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagesdk.fake.junit.FakeGlanceExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FakeGlanceExtension.class)
class FaultsTest {
    private FakeGlance fake;
    private Http demo;
    private String token;

    @BeforeEach
    void setUp(FakeGlance fake) {
        this.fake = fake;
        this.token = fake.issueToken("demo");
        this.demo = new Http(fake).withToken(token);
    }

    private String activeImage(byte[] data) {
        String id = demo.create(Http.BARE);
        assertThat(demo.upload(id, data).statusCode()).isEqualTo(204);
        return id;
    }

    @Test
    void serviceUnavailableWithRetryAfterForTheNextNCalls() {
        fake.inject(Operation.LIST_IMAGES, Fault.serviceUnavailable(2, Duration.ofSeconds(7)));
        for (int i = 0; i < 2; i++) {
            HttpResponse<byte[]> r = demo.get("/v2/images", "Accept", "application/json");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(header(r, "Retry-After")).isEqualTo("7");
            assertThat(tree(r).get("code").asText()).isEqualTo("503 Service Unavailable");
        }
        assertThat(demo.get("/v2/images").statusCode()).isEqualTo(200);
    }

    @Test
    void faultsTargetOnlyTheirOperationAndFailedCallsChangeNothing() {
        fake.inject(Operation.CREATE_IMAGE, Fault.serviceUnavailable(1, Duration.ofSeconds(1)));
        assertThat(demo.get("/v2/images").statusCode()).isEqualTo(200);
        assertThat(demo.json("POST", "/v2/images", "{}").statusCode()).isEqualTo(503);
        assertThat(fake.images()).isEmpty();
        assertThat(demo.json("POST", "/v2/images", "{}").statusCode()).isEqualTo(201);
    }

    @Test
    void unauthorizedOnceThenTheSameTokenWorks() {
        fake.inject(Operation.ANY, Fault.unauthorizedOnce());
        HttpResponse<byte[]> r = demo.get("/v2/images");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(header(r, "WWW-Authenticate")).startsWith("Keystone uri=");
        assertThat(demo.get("/v2/images").statusCode()).isEqualTo(200);
    }

    @Test
    void latencyDelaysTheAnswer() {
        fake.inject(Operation.SHOW_IMAGE, Fault.latency(Duration.ofMillis(300)));
        String id = demo.create(Http.BARE);
        long t0 = System.nanoTime();
        assertThat(demo.get("/v2/images/" + id).statusCode()).isEqualTo(200);
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
    }

    @Test
    void stallHoldsTheRequestUntilReleased() throws Exception {
        fake.inject(Operation.LIST_IMAGES, Fault.stall());
        HttpClient client = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<String>> f = client.sendAsync(HttpRequest.newBuilder(
                URI.create(fake.url() + "/v2/images")).header("X-Auth-Token", token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(fake.awaitStalled(1, Duration.ofSeconds(10))).isTrue();
        assertThat(f).isNotDone();
        fake.releaseStalls();
        assertThat(f.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void truncatedBodyCutsTheResponse() {
        String id = demo.create("{\"disk_format\": \"raw\", \"container_format\": \"bare\", \"name\": \"t\"}");
        fake.inject(Operation.SHOW_IMAGE, Fault.truncatedBody());
        assertThatThrownBy(() -> demo.get("/v2/images/" + id)).isInstanceOf(UncheckedIOException.class);
        assertThat(demo.get("/v2/images/" + id).statusCode()).isEqualTo(200);
    }

    @Test
    void truncatedDownloadDeliversHalfTheBytes() throws Exception {
        byte[] data = ImagesApiTest.random(100_000);
        String id = activeImage(data);
        fake.inject(Operation.DOWNLOAD, Fault.truncatedBody());
        assertThat(readUntilFailure(id)).isEqualTo(50_000);
    }

    @Test
    void corruptedByteFlipsExactlyOneByteButKeepsTheTrueChecksum() throws Exception {
        byte[] data = ImagesApiTest.random(100_000);
        String id = activeImage(data);
        fake.inject(Operation.DOWNLOAD, Fault.corruptedByte(70_000));
        HttpResponse<byte[]> r = demo.get("/v2/images/" + id + "/file");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(header(r, "Content-MD5")).isEqualTo(ImagesApiTest.hex("MD5", data));
        byte[] got = r.body();
        assertThat(got).hasSize(data.length);
        int diffs = 0;
        for (int i = 0; i < data.length; i++) {
            if (got[i] != data[i]) {
                diffs++;
                assertThat(i).isEqualTo(70_000);
            }
        }
        assertThat(diffs).isEqualTo(1);
        assertThat(demo.get("/v2/images/" + id + "/file").body()).isEqualTo(data);
    }

    @Test
    void connectionDroppedMidDownloadAfterNBytes() throws Exception {
        String id = activeImage(ImagesApiTest.random(300_000));
        fake.inject(Operation.DOWNLOAD, Fault.dropConnectionMidDownload(123_456));
        assertThat(readUntilFailure(id)).isEqualTo(123_456);
    }

    @Test
    void connectionDroppedMidUploadLeavesTheImageQueuedForARetry() throws Exception {
        String id = demo.create(Http.BARE);
        fake.inject(Operation.UPLOAD, Fault.dropConnectionMidUpload(1000));
        byte[] data = ImagesApiTest.random(2_000_000);
        assertThatThrownBy(() -> demo.upload(id, data)).isInstanceOf(UncheckedIOException.class);
        assertThat(fake.image(id).orElseThrow().get("status")).isEqualTo("queued");
        assertThat(fake.blobsOnDisk()).isZero();
        assertThat(demo.upload(id, data).statusCode()).isEqualTo(204);
        assertThat(fake.image(id).orElseThrow().get("checksum")).isEqualTo(ImagesApiTest.hex("MD5", data));
    }

    @Test
    void journalRecordsFaultedAndNormalCallsWithTokensRedacted() {
        fake.inject(Operation.LIST_IMAGES, Fault.serviceUnavailable(1, Duration.ofSeconds(1)));
        demo.get("/v2/images");
        demo.get("/v2/images");
        var reqs = fake.requests();
        assertThat(reqs).hasSize(2);
        assertThat(reqs.get(0).status()).isEqualTo(503);
        assertThat(reqs.get(1).status()).isEqualTo(200);
        assertThat(reqs.get(1).operation()).isEqualTo(Operation.LIST_IMAGES);
        assertThat(reqs.get(1).headers().get("x-auth-token")).containsExactly("***");
        assertThat(reqs.get(1).requestId()).startsWith("req-");
    }

    /** Reads the download with HttpURLConnection until the stream ends or fails; returns bytes received. */
    private long readUntilFailure(String id) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(fake.url() + "/v2/images/" + id + "/file").toURL()
                .openConnection();
        c.setRequestProperty("X-Auth-Token", token);
        c.setReadTimeout(10_000);
        long n = 0;
        long declared;
        try (InputStream in = c.getInputStream()) {
            declared = c.getContentLengthLong();
            byte[] buf = new byte[8192];
            int r;
            while ((r = in.read(buf)) > 0) {
                n += r;
            }
        } catch (IOException e) {
            return n;
        }
        // HttpURLConnection may report the early close as end of stream: it must be short then
        assertThat(n).as("bytes received").isLessThan(declared);
        return n;
    }
}
