package dev.imagesdk.internal.transfer;

import dev.imagesdk.exception.ServiceUnavailableException;
import dev.imagesdk.internal.http.ErrorMapper;
import dev.imagesdk.internal.http.HttpStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 16, item 9: a 503 that answers the resume of a download cut mid-body must surface as
 * {@link ServiceUnavailableException} carrying its {@code Retry-After} (mapped by status with the SDK's error
 * mapper), not as a transport failure, for {@code toPath} and {@code openStream} alike.
 */
class ServiceUnavailableOnResumeTest {

    private final byte[] data = TestData.random(1024 * 1024, 7);
    private final ImageServer glance = new ImageServer(data);
    private final TransferEngine engine = new TransferEngine(TransferConfig.builder()
            .idleTimeout(Duration.ofSeconds(30)).maxResumes(3).build());
    private final ErrorMapper errors = new ErrorMapper(HttpStack.objectMapper(), Clock.systemUTC());

    @TempDir
    Path dir;

    @AfterEach
    void tearDown() {
        glance.close();
        engine.close();
    }

    private StreamingImageDownload download() {
        return engine.newDownload("img-1", () -> new DownloadMetadata(Optional.empty(), data.length),
                () -> new DataRequest(glance.url(), Map.of()), h -> Optional.empty(), errors::map);
    }

    @Test
    void serviceUnavailableAnsweringTheResumeIsMappedWithItsRetryAfterAndLeavesNoFile() throws Exception {
        glance.fault(0, new ImageServer.DropAfter(300_000))
                .fault(1, new ImageServer.Status(503, Map.of("Retry-After", "7")));

        assertThatThrownBy(() -> download().toPath(dir.resolve("image.raw")))
                .isInstanceOfSatisfying(ServiceUnavailableException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void serviceUnavailableAnsweringTheResumeOfAnOpenStreamIsMappedWithItsRetryAfter() throws IOException {
        glance.fault(0, new ImageServer.DropAfter(300_000))
                .fault(1, new ImageServer.Status(503, Map.of("Retry-After", "7")));

        try (InputStream in = download().openStream()) {
            assertThatThrownBy(in::readAllBytes).isInstanceOfSatisfying(ServiceUnavailableException.class,
                    e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
        }
    }
}
