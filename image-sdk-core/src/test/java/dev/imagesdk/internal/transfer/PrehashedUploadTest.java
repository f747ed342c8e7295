package dev.imagesdk.internal.transfer;

import dev.imagesdk.ImageData;
import dev.imagesdk.exception.ImageSdkClientException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An upload of a {@link PrehashedSource} reports its producer's digests instead of hashing the bytes again. */
class PrehashedUploadTest {

    private final TransferEngine engine = new TransferEngine(TransferConfig.builder()
            .idleTimeout(Duration.ofSeconds(30)).readTimeout(Duration.ofSeconds(30)).build());
    private LoopbackServer server;

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
        engine.close();
    }

    /** A stream that says which digests it has (deliberately not those of its bytes, to tell them apart). */
    static final class Prehashed extends FilterInputStream implements PrehashedSource {
        final AtomicLong askedFor = new AtomicLong(-1);

        Prehashed(byte[] data) {
            super(new ByteArrayInputStream(data));
        }

        @Override
        public Hashes hashes(long bytesSent) {
            askedFor.set(bytesSent);
            if (bytesSent != 1000) {
                throw new ImageSdkClientException("sent " + bytesSent + " bytes, read 1000");
            }
            return new Hashes("producer-md5", "producer-sha512", bytesSent);
        }
    }

    private void serve() {
        server = new LoopbackServer((exchange, i) -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.transferTo(new ByteArrayOutputStream());
            }
            exchange.sendResponseHeaders(204, -1);
        });
    }

    @Test
    void aPrehashedSourceIsSentWithItsProducersDigests() {
        serve();
        byte[] data = TestData.random(1000, 3);
        Prehashed source = new Prehashed(data);

        UploadResponse response = engine.newUpload(new UploadRequest("PUT", server.url("/v2/images/a/file"),
                Map.of(), ImageData.fromStream(source, data.length)), null).execute();

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.hashes()).isEqualTo(new Hashes("producer-md5", "producer-sha512", 1000));
        assertThat(source.askedFor.get()).isEqualTo(1000);
    }

    @Test
    void aProducerThatReadOtherBytesFailsTheUpload() {
        serve();
        byte[] data = TestData.random(999, 4);
        InputStream source = new Prehashed(data);

        assertThatThrownBy(() -> engine.newUpload(new UploadRequest("PUT", server.url("/v2/images/a/file"),
                Map.of(), ImageData.fromStream(source, -1)), null).execute())
                .isInstanceOf(ImageSdkClientException.class).hasMessageContaining("sent 999 bytes");
    }

    @Test
    void anOrdinarySourceIsStillHashed() throws IOException {
        serve();
        byte[] data = TestData.random(1000, 5);

        UploadResponse response = engine.newUpload(new UploadRequest("PUT", server.url("/v2/images/a/file"),
                Map.of(), ImageData.fromStream(new FilterInputStream(new ByteArrayInputStream(data)) { }, 1000)),
                null).execute();

        assertThat(response.hashes()).isEqualTo(new Hashes(TestData.md5(data), TestData.sha512(data), 1000));
    }
}
