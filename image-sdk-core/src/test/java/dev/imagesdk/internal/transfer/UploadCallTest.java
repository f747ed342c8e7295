package dev.imagesdk.internal.transfer;

import com.sun.net.httpserver.HttpExchange;
import dev.imagesdk.ImageData;
import dev.imagesdk.exception.IdleTimeoutException;
import dev.imagesdk.exception.ImageServiceException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.exception.TransportException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UploadCallTest {

    /** Generous timeouts: a loaded build machine must not turn a slow test into an idle timeout. */
    private final TransferEngine engine = new TransferEngine(TransferConfig.builder()
            .idleTimeout(Duration.ofSeconds(30)).readTimeout(Duration.ofSeconds(30)).build());
    private final TransferEngine impatient = new TransferEngine(TransferConfig.builder()
            .idleTimeout(Duration.ofMillis(200)).build());
    private LoopbackServer server;

    /** What the server received: body bytes and whether the body arrived complete. */
    private final CompletableFuture<Received> received = new CompletableFuture<>();

    record Received(byte[] body, boolean complete) {
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
        engine.close();
        impatient.close();
    }

    private void serveStoring(int status) {
        server = new LoopbackServer((exchange, i) -> {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            boolean complete;
            try (InputStream in = exchange.getRequestBody()) {
                in.transferTo(body);
                complete = true;
            } catch (IOException e) {
                complete = false;
            }
            received.complete(new Received(body.toByteArray(), complete));
            if (complete) {
                exchange.getResponseHeaders().add("X-Openstack-Request-Id", "req-1");
                exchange.sendResponseHeaders(status, -1);
            }
        });
    }

    private UploadRequest put(ImageData data) {
        return new UploadRequest("PUT", server.url("/v2/images/abc/file"), Map.of("X-Auth-Token", "tok"), data);
    }

    @Test
    void fixedLengthUploadArrivesByteExactWithContentLengthAndHashes() throws Exception {
        serveStoring(204);
        byte[] data = TestData.random(3 * 1024 * 1024 + 17, 1);
        List<Long> progress = new CopyOnWriteArrayList<>();

        UploadCall call = engine.newUpload(put(ImageData.fromBytes(data)), (done, total) -> progress.add(done));
        UploadResponse response = call.execute();

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.requestId()).isEqualTo("req-1");
        assertThat(response.hashes()).isEqualTo(new Hashes(TestData.md5(data), TestData.sha512(data), data.length));
        Received r = received.get(10, TimeUnit.SECONDS);
        assertThat(r.complete()).isTrue();
        assertThat(r.body()).isEqualTo(data);
        LoopbackServer.Seen seen = server.requests.get(0);
        assertThat(seen.method()).isEqualTo("PUT");
        assertThat(seen.contentLength()).isEqualTo(String.valueOf(data.length));
        assertThat(seen.token()).isEqualTo("tok");
        assertThat(call.bodyBytesSent()).isTrue();
        assertThat(progress).isSorted().last().isEqualTo((long) data.length);
    }

    @Test
    void unknownLengthUploadIsSentChunkedAndArrivesByteExact() throws Exception {
        serveStoring(204);
        byte[] data = TestData.random(1024 * 1024 + 5, 2);

        UploadResponse response = engine.newUpload(
                put(ImageData.fromStream(new ByteArrayInputStream(data), -1)), null).execute();

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.hashes().md5()).isEqualTo(TestData.md5(data));
        assertThat(received.get(10, TimeUnit.SECONDS).body()).isEqualTo(data);
        assertThat(server.requests.get(0).transferEncoding()).isEqualToIgnoringCase("chunked");
    }

    @Test
    void emptyUploadSendsZeroLengthBody() throws Exception {
        serveStoring(204);

        UploadResponse response = engine.newUpload(put(ImageData.fromBytes(new byte[0])), null).execute();

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.hashes().md5()).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        assertThat(received.get(10, TimeUnit.SECONDS).body()).isEmpty();
        assertThat(response.bodyBytesSent()).isFalse();
    }

    @Test
    void sourceShorterThanDeclaredFailsAndServerNeverGetsACompleteBody() throws Exception {
        serveStoring(204);
        byte[] data = TestData.random(300_000, 3);
        ImageData lying = ImageData.fromSupplier(() -> new ByteArrayInputStream(data), data.length + 1000);

        assertThatThrownBy(() -> engine.newUpload(put(lying), null).execute())
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("length"));

        assertThat(received.get(10, TimeUnit.SECONDS).complete()).isFalse();
    }

    @Test
    void sourceLongerThanDeclaredFailsAndServerNeverGetsACompleteBody() throws Exception {
        serveStoring(204);
        byte[] data = TestData.random(300_000, 4);
        ImageData lying = ImageData.fromSupplier(() -> new ByteArrayInputStream(data), data.length - 1);

        assertThatThrownBy(() -> engine.newUpload(put(lying), null).execute())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("more bytes than declared");

        Received r = received.get(10, TimeUnit.SECONDS);
        assertThat(r.complete()).isFalse();
        assertThat(r.body().length).isLessThan(data.length - 1);
    }

    @Test
    void sourceReadFailureIsAClientErrorAndTheServerNeverGetsACompleteBody() throws Exception {
        serveStoring(204);
        byte[] data = TestData.random(500_000, 8);
        ImageData failing = ImageData.fromSupplier(() -> new PipelinedCopyTest.FailingStream(data, 200_000),
                data.length);

        assertThatThrownBy(() -> engine.newUpload(put(failing), null).execute())
                .isInstanceOf(dev.imagesdk.exception.ImageSdkClientException.class)
                .isNotInstanceOf(TransportException.class)
                .hasMessageContaining("Could not read the image data");

        assertThat(received.get(10, TimeUnit.SECONDS).complete()).isFalse();
    }

    @Test
    void idleTimeoutAbortsUploadToAServerThatStopsReading() {
        server = new LoopbackServer((exchange, i) -> server.stall());
        ImageData endless = ImageData.fromStream(new Generator(1L << 40), 1L << 40);

        UploadCall call = impatient.newUpload(put(endless), null);
        assertThatThrownBy(call::execute)
                .isInstanceOf(IdleTimeoutException.class)
                .satisfies(e -> assertThat(((IdleTimeoutException) e).idleTimeout()).isEqualTo(Duration.ofMillis(200)));
        assertThat(call.bodyBytesSent()).isTrue();
    }

    @Test
    void errorStatusIsReturnedWithBodyForTheCallerToMap() {
        server = new LoopbackServer((exchange, i) -> {
            exchange.getRequestBody().transferTo(OutputStreamSink.INSTANCE);
            byte[] body = "{\"message\": \"quota exceeded\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("X-Openstack-Request-Id", "req-413");
            exchange.sendResponseHeaders(413, body.length);
            exchange.getResponseBody().write(body);
        });

        UploadResponse response = engine.newUpload(put(ImageData.fromBytes(TestData.random(1000, 5))), null)
                .execute();

        assertThat(response.status()).isEqualTo(413);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("quota exceeded");
        assertThatThrownBy(() -> response.throwIfError((status, headers, body) ->
                new ImageServiceException(status, new String(body, StandardCharsets.UTF_8),
                        HttpSupport.firstHeader(headers, "x-openstack-request-id"))))
                .isInstanceOf(ImageServiceException.class)
                .hasMessageContaining("413").hasMessageContaining("req-413");
    }

    @Test
    void connectFailureNeitherOpensAOneShotSourceNorSendsBytes() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        ImageData oneShot = ImageData.fromStream(new ByteArrayInputStream(new byte[10]), 10);
        UploadCall call = engine.newUpload(new UploadRequest("PUT",
                new URL("http://127.0.0.1:" + closedPort + "/v2/images/x/file"), Map.of(), oneShot), null);

        assertThatThrownBy(call::execute).isInstanceOf(TransportException.class)
                .isNotInstanceOf(IdleTimeoutException.class);
        assertThat(call.sourceOpened()).isFalse();
        assertThat(call.bodyBytesSent()).isFalse();
        assertThat(oneShot.open().readAllBytes()).hasSize(10); // still usable for a retry
    }

    @Test
    void failingListenerAbortsTheUpload() {
        serveStoring(204);

        assertThatThrownBy(() -> engine.newUpload(put(ImageData.fromBytes(TestData.random(200_000, 6))),
                (done, total) -> {
                    throw new IllegalStateException("listener bug");
                }).execute())
                .isInstanceOf(dev.imagesdk.exception.ImageSdkClientException.class)
                .hasMessageContaining("listener");
    }

    @Test
    void tokenNeverAppearsInTheRequestsToString() throws Exception {
        serveStoring(204);
        UploadRequest request = new UploadRequest("PUT", server.url("/x"), Map.of("X-Auth-Token", "secret-token"),
                ImageData.fromBytes(new byte[1]));
        assertThat(request.toString()).doesNotContain("secret-token");
    }

    /** Deterministic bytes without storage: the length is only limited by {@code size}. */
    static final class Generator extends InputStream {
        private final long size;
        private long pos;

        Generator(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            return pos < size ? (int) (pos++ * 31 & 0xff) : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - pos);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) ((pos + i) * 31);
            }
            pos += n;
            return n;
        }
    }

    enum OutputStreamSink {
        ;
        static final java.io.OutputStream INSTANCE = java.io.OutputStream.nullOutputStream();
    }

    @Test
    void serverRejectingBeforeReadingTheBodySurfacesAsTransportException() {
        // HttpURLConnection cannot read a response once writing the body failed; the caller learns the
        // image's state with a GET instead.
        server = new LoopbackServer((exchange, i) -> {
            byte[] body = "{\"message\": \"Request Entity Too Large\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(413, body.length);
            exchange.getResponseBody().write(body);
        });
        long size = 64L << 20;
        UploadCall call = engine.newUpload(put(ImageData.fromStream(new Generator(size), size)), null);

        assertThatThrownBy(call::execute).isInstanceOf(TransportException.class)
                .isNotInstanceOf(IdleTimeoutException.class);
        assertThat(call.bodyBytesSent()).isTrue();
    }
}
