package dev.imagesdk.fake;

import static dev.imagesdk.fake.Http.header;
import static dev.imagesdk.fake.Http.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagesdk.fake.junit.FakeGlanceExtension;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The faults added for the reliability matrix: 429, 500, 503 without Retry-After, reset, hang; v1 body faults. */
@ExtendWith(FakeGlanceExtension.class)
class MoreFaultsTest {
    private FakeGlance fake;
    private Http demo;
    private String token;

    @BeforeEach
    void setUp(FakeGlance fake) {
        this.fake = fake;
        this.token = fake.issueToken("demo");
        this.demo = new Http(fake).withToken(token);
    }

    @Test
    void serviceUnavailableWithoutRetryAfter() {
        fake.inject(Operation.LIST_IMAGES, Fault.serviceUnavailable(1));
        var r = demo.get("/v2/images", "Accept", "application/json");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(header(r, "Retry-After")).isNull();
        assertThat(demo.get("/v2/images").statusCode()).isEqualTo(200);
    }

    @Test
    void tooManyRequestsWithAndWithoutRetryAfter() {
        fake.inject(Operation.LIST_IMAGES, Fault.tooManyRequests(1, Duration.ofSeconds(3)));
        var r = demo.get("/v2/images", "Accept", "application/json");
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(header(r, "Retry-After")).isEqualTo("3");
        assertThat(tree(r).get("code").asText()).isEqualTo("429 Too Many Requests");
        fake.inject(Operation.LIST_IMAGES, Fault.tooManyRequests(1));
        var r2 = demo.get("/v2/images");
        assertThat(r2.statusCode()).isEqualTo(429);
        assertThat(header(r2, "Retry-After")).isNull();
    }

    @Test
    void internalErrorChangesNothing() {
        fake.inject(Operation.CREATE_IMAGE, Fault.internalError(1));
        var r = demo.json("POST", "/v2/images", "{}");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(fake.images()).isEmpty();
    }

    @Test
    void resetBeforeResponseClosesWithoutAnswerAndExecutesNothing() {
        fake.inject(Operation.CREATE_IMAGE, Fault.resetBeforeResponse());
        assertThatThrownBy(() -> demo.json("POST", "/v2/images", "{}")).isInstanceOf(UncheckedIOException.class);
        assertThat(fake.images()).isEmpty();
        assertThat(fake.requests()).singleElement().extracting(RecordedRequest::status).isEqualTo(0);
    }

    @Test
    void hangHoldsThenClosesWithoutExecuting() {
        fake.inject(Operation.CREATE_IMAGE, Fault.hang(Duration.ofMillis(200)));
        assertThatThrownBy(() -> demo.json("POST", "/v2/images", "{}")).isInstanceOf(UncheckedIOException.class);
        assertThat(fake.images()).isEmpty();
    }

    @Test
    void appliedFaultsAreCountedByKindAndResetClearsTheCounts() {
        fake.inject(Operation.LIST_IMAGES, Fault.serviceUnavailable(2));
        fake.inject(Operation.SHOW_IMAGE, Fault.internalError(5));
        demo.get("/v2/images");
        demo.get("/v2/images");
        demo.get("/v2/images/x");
        assertThat(fake.faultsApplied()).isEqualTo(Map.of(Fault.Kind.SERVICE_UNAVAILABLE, 2L,
                Fault.Kind.INTERNAL_ERROR, 1L));
        fake.reset();
        assertThat(fake.faultsApplied()).isEmpty();
    }

    @Test
    void issuedTokensIncludeRevokedOnes() {
        String second = fake.issueToken("alt_demo");
        fake.revokeTokens();
        assertThat(fake.issuedTokens()).contains(token, second);
    }

    @Test
    void v1DownloadGetsTheCorruptedByteFault() throws Exception {
        byte[] data = ImagesApiTest.random(10_000);
        String id = demo.create(Http.BARE);
        assertThat(demo.upload(id, data).statusCode()).isEqualTo(204);
        fake.inject(Operation.DOWNLOAD, Fault.corruptedByte(5));
        byte[] got = demo.get("/v1/images/" + id).body();
        assertThat(got).hasSize(data.length);
        assertThat(got[5]).isEqualTo((byte) (data[5] ^ 0xff));
    }

    @Test
    void v1UploadGetsTheDropMidUploadFault() throws Exception {
        String id = demo.create(Http.BARE);
        fake.inject(Operation.UPLOAD, Fault.dropConnectionMidUpload(100));
        HttpURLConnection c = (HttpURLConnection) URI.create(fake.url() + "/v1/images/" + id).toURL().openConnection();
        c.setRequestMethod("PUT");
        c.setDoOutput(true);
        c.setFixedLengthStreamingMode(1_000_000);
        c.setRequestProperty("X-Auth-Token", token);
        c.setRequestProperty("Content-Type", "application/octet-stream");
        c.setReadTimeout(10_000);
        assertThatThrownBy(() -> {
            try (var out = c.getOutputStream()) {
                out.write(new byte[1_000_000]);
            }
            c.getResponseCode();
        }).isInstanceOf(java.io.IOException.class);
        assertThat(fake.image(id).orElseThrow().get("status")).isEqualTo("queued");
    }

    @Test
    void aV1PutWithDataIsAnUploadAndAHeadersOnlyPutAnUpdate() {
        String id = demo.create(Http.BARE);
        fake.inject(Operation.UPLOAD, Fault.serviceUnavailable(1));
        // Headers only: not the data fault's target.
        var update = demo.send("PUT", "/v1/images/" + id, null, "x-image-meta-property-k", "v");
        assertThat(update.statusCode()).isEqualTo(200);
        // With data: the UPLOAD fault answers, then the retry stores it.
        assertThat(demo.send("PUT", "/v1/images/" + id, new byte[] {1, 2, 3},
                "Content-Type", "application/octet-stream").statusCode()).isEqualTo(503);
        assertThat(demo.send("PUT", "/v1/images/" + id, new byte[] {1, 2, 3},
                "Content-Type", "application/octet-stream").statusCode()).isEqualTo(200);
        assertThat(fake.requests()).filteredOn(r -> r.method().equals("PUT"))
                .extracting(RecordedRequest::operation, RecordedRequest::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Operation.UPDATE_IMAGE, 200),
                        org.assertj.core.groups.Tuple.tuple(Operation.UPLOAD, 503),
                        org.assertj.core.groups.Tuple.tuple(Operation.UPLOAD, 200));
        assertThat(fake.image(id).orElseThrow().get("status")).isEqualTo("active");
    }
}
