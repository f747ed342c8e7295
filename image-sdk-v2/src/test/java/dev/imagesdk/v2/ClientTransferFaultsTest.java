package dev.imagesdk.v2;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.imagesdk.ApiVersion;
import dev.imagesdk.DownloadResult;
import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.exception.ChecksumMismatchException;
import dev.imagesdk.exception.ServiceUnavailableException;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.fake.Fault;
import dev.imagesdk.fake.Operation;
import dev.imagesdk.fake.RecordedRequest;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.ImageSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Download integrity through the v2 client as users build it ({@link ImageService#builder()}) against the fake
 * Glance with injected body faults: a corrupted byte is a {@link ChecksumMismatchException} with nothing left at
 * (or changed at) the target path; a truncated body or a dropped connection never ends in success with wrong
 * bytes and is resumed with {@code Range}. A wrong {@code Content-MD5} is served by WireMock (the fake always
 * sends the right one).
 */
class ClientTransferFaultsTest {

    static final byte[] DATA = new byte[3 * 1024 * 1024 + 13];
    static FakeGlance fake;

    ImageServiceV2 images;
    String imageId;

    @BeforeAll
    static void startFake() {
        new Random(4).nextBytes(DATA);
        fake = FakeGlance.builder().start();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @BeforeEach
    void upload() {
        images = connect(fake);
        imageId = images.createAndUpload(ImageSpec.builder().name("faults").diskFormat(DiskFormat.RAW).containerFormat(ContainerFormat.BARE)
                .build(), ImageData.fromBytes(DATA), null).id();
        fake.clearRequests();
    }

    @AfterEach
    void cleanUp() {
        fake.clearFaults();
        images.delete(imageId);
        images.close();
    }

    static ImageServiceV2 connect(FakeGlance fake) {
        ClientConfig config = ClientConfig.builder().authUrl(fake.keystoneUrl())
                .auth(AuthMethod.V3Password.of("demo", fake.passwordOf("demo"), "Default", fake.projectOf("demo")))
                .initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(5)).build();
        return ImageServiceV2.of(ImageService.builder().config(config).apiVersion(ApiVersion.V2).build());
    }

    @Test
    void flippedByteIsAChecksumMismatchAndLeavesNoFile(@TempDir Path dir) {
        fake.inject(Operation.DOWNLOAD, Fault.corruptedByte(1_000_000).always());
        Path target = dir.resolve("image.raw");

        assertThatThrownBy(() -> images.download(imageId).toPath(target))
                .isInstanceOf(ChecksumMismatchException.class);
        assertThat(target).doesNotExist();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void flippedByteLeavesAnExistingFileAtTheTargetUntouched(@TempDir Path dir) throws Exception {
        fake.inject(Operation.DOWNLOAD, Fault.corruptedByte(7).always());
        Path target = dir.resolve("image.raw");
        byte[] before = "an earlier good copy".getBytes(StandardCharsets.UTF_8);
        Files.write(target, before);

        assertThatThrownBy(() -> images.download(imageId).toPath(target))
                .isInstanceOf(ChecksumMismatchException.class);
        assertThat(Files.readAllBytes(target)).isEqualTo(before);
        assertThat(dir).isDirectoryContaining(p -> p.equals(target))
                .isDirectoryNotContaining(p -> !p.equals(target));
    }

    @Test
    void serviceUnavailableAnsweringTheResumeIsMappedWithItsRetryAfter(@TempDir Path dir) {
        fake.inject(Operation.DOWNLOAD, Fault.dropConnectionMidDownload(1_000_000).times(1));
        fake.inject(Operation.DOWNLOAD, Fault.serviceUnavailable(10, Duration.ofSeconds(7)));
        Path target = dir.resolve("image.raw");

        assertThatThrownBy(() -> images.download(imageId).toPath(target))
                .isInstanceOfSatisfying(ServiceUnavailableException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void serviceUnavailableAnsweringTheResumeOfAStreamIsMappedWithItsRetryAfter() {
        fake.inject(Operation.DOWNLOAD, Fault.dropConnectionMidDownload(1_000_000).times(1));
        fake.inject(Operation.DOWNLOAD, Fault.serviceUnavailable(10, Duration.ofSeconds(7)));

        assertThatThrownBy(() -> {
            try (java.io.InputStream in = images.download(imageId).openStream()) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
        }).isInstanceOfSatisfying(ServiceUnavailableException.class,
                e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
    }

    @Test
    void truncatedBodyOnceIsResumedWithRangeAndVerifies(@TempDir Path dir) throws Exception {
        fake.inject(Operation.DOWNLOAD, Fault.truncatedBody().times(1));
        Path target = dir.resolve("image.raw");

        DownloadResult result = images.download(imageId).toPath(target);

        assertThat(Files.readAllBytes(target)).isEqualTo(DATA);
        assertThat(result.bytes()).isEqualTo(DATA.length);
        assertThat(result.resumes()).isEqualTo(1);
        assertThat(rangeRequests()).hasSize(1);
    }

    @Test
    void truncatedBodyEveryTimeIsATypedFailureWithNoFile(@TempDir Path dir) {
        fake.inject(Operation.DOWNLOAD, Fault.truncatedBody().always());
        Path target = dir.resolve("image.raw");

        Throwable failure = catchThrowable(() -> images.download(imageId).toPath(target));

        assertThat(failure).isInstanceOf(ImageSdkException.class);
        assertThat(target).doesNotExist();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void connectionDroppedMidDownloadIsResumedWithRangeAndTheFileVerifies(@TempDir Path dir) throws Exception {
        long cut = 1_234_567;
        fake.inject(Operation.DOWNLOAD, Fault.dropConnectionMidDownload(cut).times(1));
        Path target = dir.resolve("image.raw");

        DownloadResult result = images.download(imageId).toPath(target);

        assertThat(Files.readAllBytes(target)).isEqualTo(DATA);
        assertThat(result.resumes()).isEqualTo(1);
        List<RecordedRequest> ranges = rangeRequests();
        assertThat(ranges).hasSize(1);
        String range = ranges.get(0).headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("Range")).findFirst().orElseThrow().getValue().get(0);
        // Resumes at or before the cut (the client may have received fewer bytes than the fake wrote).
        assertThat(range).matches("bytes=\\d+-\\d*");
        long from = Long.parseLong(range.substring(6, range.indexOf('-')));
        assertThat(from).isPositive().isLessThanOrEqualTo(cut);
    }

    @Test
    void wrongContentMd5IsAChecksumMismatchAndLeavesNoFile(@TempDir Path dir) {
        WireMockServer wm = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        wm.start();
        try {
            String id = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
            // No checksum or os_hash_value recorded, so Content-MD5 is the only reference.
            wm.stubFor(get(urlEqualTo("/v2/images/" + id)).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"id\":\"" + id + "\",\"name\":\"m\",\"status\":\"active\",\"size\":5,"
                            + "\"visibility\":\"private\",\"tags\":[],\"disk_format\":\"raw\","
                            + "\"container_format\":\"bare\",\"protected\":false}")));
            wm.stubFor(get(urlEqualTo("/v2/images/" + id + "/file")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/octet-stream")
                    .withHeader("Content-MD5", "00000000000000000000000000000000").withBody("hello")));
            ClientConfig config = ClientConfig.builder().auth(new AuthMethod.StaticToken("static-token"))
                    .imageEndpoint("http://127.0.0.1:" + wm.port()).initialBackoff(Duration.ofMillis(1))
                    .maxBackoff(Duration.ofMillis(5)).build();
            Path target = dir.resolve("image.raw");
            try (ImageService service = ImageService.builder().config(config).apiVersion(ApiVersion.V2).build()) {
                assertThatThrownBy(() -> service.download(id).toPath(target))
                        .isInstanceOf(ChecksumMismatchException.class);
            }
            assertThat(target).doesNotExist();
            assertThat(dir).isEmptyDirectory();
        } finally {
            wm.stop();
        }
    }

    private static List<RecordedRequest> rangeRequests() {
        return fake.requests().stream().filter(r -> r.operation() == Operation.DOWNLOAD)
                .filter(r -> r.headers().keySet().stream().anyMatch(k -> k.equalsIgnoreCase("Range"))).toList();
    }
}
