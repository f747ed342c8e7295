package dev.imagesdk.v1;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.UploadOptions;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.exception.DiskFormatMismatchException;
import dev.imagesdk.exception.UnsafeImageException;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.inspect.Finding;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.ImageStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The disk-image check of the v1 upload paths (create-with-data and the {@code PUT} to a queued image) against
 * the fake Glance: the same shared preflight as v2, so a refused replayable source sends no request at all and a
 * refused one-shot stream leaves no image.
 */
class V1UploadInspectionTest {

    static final byte[] RAW = new byte[200_000];
    static final byte[] QCOW2_BACKED = qcow2("/etc/shadow");
    static FakeGlance fake;

    ImageService images;

    /** A qcow2 v3 header (64 KiB clusters, 64 MiB virtual size) naming a backing file, then 64 KiB of data. */
    static byte[] qcow2(String backingFile) {
        ByteBuffer b = ByteBuffer.allocate(128 * 1024);
        b.put(new byte[] {'Q', 'F', 'I', (byte) 0xfb}).putInt(3);
        b.putInt(20, 16).putLong(24, 64L << 20).putInt(96, 4).putInt(100, 104);
        byte[] name = backingFile.getBytes(StandardCharsets.US_ASCII);
        b.putLong(8, 112).putInt(16, name.length).put(112, name);
        return b.array();
    }

    @BeforeAll
    static void startFake() {
        new Random(5).nextBytes(RAW);
        RAW[0] = 0; // no format's magic
        fake = FakeGlance.builder().advertiseV1(true).start();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    private java.time.Instant testStart;

    @BeforeEach
    void connect() {
        ClientConfig config = ClientConfig.builder().authUrl(fake.keystoneUrl())
                .auth(AuthMethod.V3Password.of("demo", fake.passwordOf("demo"), "Default", fake.projectOf("demo")))
                .apiVersion(ApiVersion.V1).initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(5))
                .build();
        images = ImageService.builder().config(config).build();
        fake.clearRequests();
        testStart = java.time.Instant.now();
    }

    /**
     * The requests that arrived during this test. The journal records a request when it is answered, so an
     * upload the previous test aborted can be recorded after this test's {@code clearRequests()}; it arrived
     * before this test started.
     */
    private java.util.List<dev.imagesdk.fake.RecordedRequest> requestsOfThisTest() {
        return fake.requests().stream().filter(r -> !r.time().isBefore(testStart)).toList();
    }

    @AfterEach
    void cleanUp() {
        fake.images().forEach(i -> images.delete((String) i.get("id")));
        images.close();
    }

    static ImageSpec spec(DiskFormat disk) {
        return ImageSpec.builder().name("inspected").diskFormat(disk).containerFormat(ContainerFormat.BARE).build();
    }

    @Test
    void rawDataDeclaredVhdIsRefusedBeforeAnyRequest() {
        DiskFormatMismatchException e = catchThrowableOfType(() -> images.createAndUpload(spec(DiskFormat.VHD),
                ImageData.fromBytes(RAW), null), DiskFormatMismatchException.class);

        assertThat(e.declared()).isEqualTo(DiskFormat.VHD);
        assertThat(e.detected()).isEqualTo(DiskFormat.RAW);
        assertThat(requestsOfThisTest()).isEmpty();
    }

    @Test
    void createWithDataRefusesAnUnsafeImageBeforeAnyRequest() {
        assertThatThrownBy(() -> ((ImageServiceV1) images).createWithData(spec(DiskFormat.QCOW2),
                ImageData.fromBytes(QCOW2_BACKED), null))
                .isInstanceOf(UnsafeImageException.class).hasMessageContaining("/etc/shadow");
        assertThat(requestsOfThisTest()).isEmpty();
    }

    @Test
    void oneShotUnsafeStreamIsAbortedAndLeavesNoImage() {
        ImageData stream = ImageData.fromStream(new ByteArrayInputStream(QCOW2_BACKED), QCOW2_BACKED.length);

        UnsafeImageException e = catchThrowableOfType(() -> images.createAndUpload(spec(DiskFormat.QCOW2), stream,
                null), UnsafeImageException.class);

        assertThat(e.findings()).extracting(Finding::kind).containsExactly(Finding.Kind.BACKING_FILE);
        assertThat(fake.images()).isEmpty();
    }

    @Test
    void allowUnsafeUploadsTheImage() {
        Image image = images.createAndUpload(spec(DiskFormat.QCOW2), ImageData.fromBytes(QCOW2_BACKED), null, false,
                UploadOptions.builder().allowUnsafe(true).build());

        assertThat(image.status()).isEqualTo(ImageStatus.ACTIVE);
    }

    @Test
    void uploadToAQueuedImageRefusesAnUnsafeImageBeforeAnyRequest() {
        Image created = images.create(spec(DiskFormat.QCOW2));
        fake.clearRequests();

        assertThatThrownBy(() -> images.upload(created.id(), ImageData.fromBytes(QCOW2_BACKED)))
                .isInstanceOf(UnsafeImageException.class);
        assertThat(requestsOfThisTest()).isEmpty();
        assertThat(images.get(created.id()).status()).isEqualTo(ImageStatus.QUEUED);
    }
}
