package dev.imagesdk.v2;

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
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The disk-image check of the v2 upload paths against the fake Glance: a replayable source whose content
 * contradicts its {@code disk_format}, or that is unsafe, is refused before any request (the fake's journal stays
 * empty, not even a token is asked for); a one-shot stream is refused as it passes and its image deleted; the
 * per-call options switch each check off.
 */
class UploadInspectionTest {

    static final byte[] RAW = TestDisks.raw(300_000);
    static final byte[] QCOW2 = TestDisks.qcow2(64L << 20, null, 200_000);
    static final byte[] QCOW2_BACKED = TestDisks.qcow2(64L << 20, "/etc/shadow", 200_000);
    static FakeGlance fake;

    ImageServiceV2 images;

    @BeforeAll
    static void startFake() {
        fake = FakeGlance.builder().start();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @BeforeEach
    void connect() {
        ClientConfig config = ClientConfig.builder().authUrl(fake.keystoneUrl())
                .auth(AuthMethod.V3Password.of("demo", fake.passwordOf("demo"), "Default", fake.projectOf("demo")))
                .initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(5)).build();
        images = ImageServiceV2.of(ImageService.builder().config(config).apiVersion(ApiVersion.V2).build());
        fake.clearRequests();
    }

    @AfterEach
    void cleanUp() {
        fake.images().forEach(i -> images.delete((String) i.get("id")));
        images.close();
    }

    static ImageSpec spec(DiskFormat disk) {
        return ImageSpec.builder().name("inspected").diskFormat(disk).containerFormat(ContainerFormat.BARE).build();
    }

    static Path file(Path dir, byte[] bytes) throws IOException {
        return Files.write(dir.resolve("image"), bytes);
    }

    @Test
    void rawFileDeclaredQcow2IsRefusedBeforeAnyRequest(@TempDir Path dir) throws IOException {
        DiskFormatMismatchException e = catchThrowableOfType(() -> images.createAndUpload(spec(DiskFormat.QCOW2),
                ImageData.fromPath(file(dir, RAW)), null), DiskFormatMismatchException.class);

        assertThat(e.declared()).isEqualTo(DiskFormat.QCOW2);
        assertThat(e.detected()).isEqualTo(DiskFormat.RAW);
        assertThat(e).hasMessageContaining("raw").hasMessageContaining("qcow2");
        assertThat(fake.requests()).isEmpty();
        assertThat(fake.images()).isEmpty();
    }

    @Test
    void qcow2WithBackingFileIsRefusedBeforeAnyRequest(@TempDir Path dir) throws IOException {
        UnsafeImageException e = catchThrowableOfType(() -> images.createAndUpload(spec(DiskFormat.QCOW2),
                ImageData.fromPath(file(dir, QCOW2_BACKED)), null), UnsafeImageException.class);

        assertThat(e.findings()).extracting(Finding::kind).containsExactly(Finding.Kind.BACKING_FILE);
        assertThat(e).hasMessageContaining("/etc/shadow");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void qcow2DeclaredRawIsUnsafeWithTheMismatchSuppressed() {
        UnsafeImageException e = catchThrowableOfType(() -> images.createAndUpload(spec(DiskFormat.RAW),
                ImageData.fromBytes(QCOW2_BACKED), null), UnsafeImageException.class);

        assertThat(e.getSuppressed()).hasAtLeastOneElementOfType(DiskFormatMismatchException.class);
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void matchingQcow2UploadsAndIsActive() {
        Image image = images.createAndUpload(spec(DiskFormat.QCOW2), ImageData.fromBytes(QCOW2), null);

        assertThat(image.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(image.size()).isEqualTo(QCOW2.length);
    }

    @Test
    void specWithoutDiskFormatIsStillCheckedForSafety() {
        ImageSpec noFormat = ImageSpec.builder().name("no format").build();

        assertThatThrownBy(() -> images.createAndUpload(noFormat, ImageData.fromBytes(QCOW2_BACKED), null))
                .isInstanceOf(UnsafeImageException.class);
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void verifyDiskFormatFalseUploadsTheMislabelledContent() {
        Image image = images.createAndUpload(spec(DiskFormat.QCOW2), ImageData.fromBytes(RAW), null, false,
                UploadOptions.builder().verifyDiskFormat(false).build());

        assertThat(image.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(image.diskFormat()).isEqualTo(DiskFormat.QCOW2);
    }

    @Test
    void allowUnsafeUploadsTheImageWithABackingFile() {
        Image image = images.createAndUpload(spec(DiskFormat.QCOW2), ImageData.fromBytes(QCOW2_BACKED), null, false,
                UploadOptions.builder().allowUnsafe(true).build());

        assertThat(image.status()).isEqualTo(ImageStatus.ACTIVE);
    }

    @Test
    void ovaContainerIsNotCheckedForItsDiskFormat() {
        ImageSpec ova = ImageSpec.builder().name("ova").diskFormat(DiskFormat.VMDK)
                .containerFormat(ContainerFormat.OVA).build();

        assertThat(images.createAndUpload(ova, ImageData.fromBytes(RAW), null).status())
                .isEqualTo(ImageStatus.ACTIVE);
    }

    @Test
    void oneShotUnsafeStreamIsAbortedAndItsImageDeleted() {
        ImageData stream = ImageData.fromStream(new ByteArrayInputStream(QCOW2_BACKED), QCOW2_BACKED.length);

        UnsafeImageException e = catchThrowableOfType(() -> images.createAndUpload(spec(DiskFormat.QCOW2), stream,
                null), UnsafeImageException.class);

        assertThat(e.findings()).extracting(Finding::kind).containsExactly(Finding.Kind.BACKING_FILE);
        assertThat(fake.images()).isEmpty();
    }

    @Test
    void oneShotMislabelledStreamOfUnknownLengthIsAbortedAndItsImageDeleted() {
        ImageData stream = ImageData.fromStream(new ByteArrayInputStream(RAW), -1);

        assertThatThrownBy(() -> images.createAndUpload(spec(DiskFormat.QCOW2), stream, null))
                .isInstanceOf(DiskFormatMismatchException.class);
        assertThat(fake.images()).isEmpty();
    }

    @Test
    void oneShotMatchingStreamUploadsEveryByte() {
        byte[] big = TestDisks.qcow2(1L << 30, null, 3 * 1024 * 1024 + 5);
        ImageData stream = ImageData.fromStream(new ByteArrayInputStream(big), big.length);

        Image image = images.createAndUpload(spec(DiskFormat.QCOW2), stream, null);

        assertThat(image.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(image.size()).isEqualTo(big.length);
    }

    @Test
    void uploadToAnExistingImageRefusesAnUnsafeOneShotStreamAndLeavesItQueued() {
        Image created = images.create(spec(DiskFormat.QCOW2));
        ImageData stream = ImageData.fromStream(new ByteArrayInputStream(QCOW2_BACKED), QCOW2_BACKED.length);

        assertThatThrownBy(() -> images.upload(created.id(), stream, null))
                .isInstanceOf(UnsafeImageException.class);
        // The refused body was cut off mid-way; the service puts the image back to queued once it sees the
        // connection drop, which can come after the caller's next request (Glance too): wait for it, bounded.
        assertThat(images.waitForStatus(created.id(), ImageStatus.QUEUED, java.time.Duration.ofSeconds(10))
                .status()).isEqualTo(ImageStatus.QUEUED);
    }

    @Test
    void uploadChecksTheExpectedFormatOnlyWhenGiven() {
        Image created = images.create(spec(DiskFormat.QCOW2));
        fake.clearRequests();

        assertThatThrownBy(() -> images.upload(created.id(), ImageData.fromBytes(RAW), null,
                UploadOptions.builder().expectedDiskFormat(DiskFormat.QCOW2).build()))
                .isInstanceOf(DiskFormatMismatchException.class);
        assertThat(fake.requests()).isEmpty();
        assertThat(images.upload(created.id(), ImageData.fromBytes(RAW), null).status())
                .isEqualTo(ImageStatus.ACTIVE);
    }

    @Test
    void stageRefusesAnUnsafeFileBeforeAnyRequest() {
        Image created = images.create(spec(DiskFormat.QCOW2));
        fake.clearRequests();

        assertThatThrownBy(() -> images.stage(created.id(), ImageData.fromBytes(QCOW2_BACKED), null))
                .isInstanceOf(UnsafeImageException.class);
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void createAndImportRefusesAMislabelledFileBeforeAnyRequest() {
        assertThatThrownBy(() -> images.createAndImport(spec(DiskFormat.VMDK), ImageData.fromBytes(QCOW2),
                ImportRequest.glanceDirect(), null, Duration.ofSeconds(30), false))
                .isInstanceOf(DiskFormatMismatchException.class)
                .hasMessageContaining("vmdk").hasMessageContaining("qcow2");
        assertThat(fake.requests()).isEmpty();
        assertThat(fake.images()).isEmpty();
    }
}
