package dev.imagesdk.v1.internal;

import dev.imagesdk.DownloadResult;
import dev.imagesdk.ImageData;
import dev.imagesdk.exception.ChecksumMismatchException;
import dev.imagesdk.exception.TransportException;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.v1.ImageServiceV1;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The v1 data paths: one-pass MD5/SHA-512 on upload compared with the server's checksum, verified
 * downloads against {@code x-image-meta-checksum}, atomic {@code toPath}, progress, corruption and
 * truncation, and constant memory (this module's tests run with a small heap: see the pom's
 * {@code surefire.argLine}; an image larger than the heap passes both ways). Run over the production path
 * by {@link V1TransferProductionTest}.
 */
abstract class V1TransferContract {

    /** The service under test, talking to {@code server}. */
    abstract ImageServiceV1 open(MiniV1Server server);


    static final String ID = "0c3d2a8e-5f41-4b7a-9d26-8e1f0a9b7c65";
    /** Larger than the test JVM's whole heap (-Xmx96m in the pom). */
    static final long LARGE = 160L * 1024 * 1024;

    @TempDir
    Path dir;

    MiniV1Server server;
    private ImageServiceV1 images;

    /** The service opened for this test. */
    ImageServiceV1 images() {
        return images;
    }

    @BeforeEach
    void setUp() throws IOException {
        server = new MiniV1Server();
        images = open(server);
    }

    @AfterEach
    void tearDown() {
        images.close();
        server.close();
    }

    private static ImageSpec spec() {
        return ImageSpec.builder().id(ID).name("big").diskFormat(DiskFormat.QCOW2)
                .containerFormat(ContainerFormat.BARE).build();
    }

    private static String md5(Path file) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) >= 0) {
                md5.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    private List<Path> filesIn(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.toList();
        }
    }

    @Test
    void theHeapIsSmallerThanTheImagesTheseTestsMove() {
        // Makes the constant-memory tests below meaningful: buffering one image would not fit.
        assertThat(Runtime.getRuntime().maxMemory()).isLessThan(LARGE);
    }

    @Test
    void createWithDataStreamsAnImageLargerThanTheHeapAndVerifiesIt() throws Exception {
        List<Long> progress = new ArrayList<>();
        Image image = images.createWithData(spec(), ImageData.fromStream(MiniV1Server.stream(LARGE), LARGE),
                (done, total) -> {
                    if (progress.isEmpty() || progress.get(progress.size() - 1) != done) {
                        progress.add(done);
                    }
                    assertThat(total).isEqualTo(LARGE);
                });

        assertThat(image.checksum()).isEqualTo(MiniV1Server.md5Of(LARGE));
        assertThat(server.uploadedBytes.get(ID)).isEqualTo(LARGE);
        assertThat(server.lastHeaders).containsEntry("x-image-meta-size", Long.toString(LARGE));
        assertThat(progress).isSorted();
        assertThat(progress.get(progress.size() - 1)).isEqualTo(LARGE);
    }

    @Test
    void uploadOfUnknownLengthIsSentChunked() throws Exception {
        long size = 3 * 1024 * 1024 + 17;
        Image image = images.upload(ID, ImageData.fromStream(MiniV1Server.stream(size), -1));
        assertThat(image.checksum()).isEqualTo(MiniV1Server.md5Of(size));
        assertThat(server.lastHeaders).containsEntry("transfer-encoding", "chunked")
                .doesNotContainKey("x-image-meta-size");
    }

    @Test
    void uploadWhoseRecordedChecksumDiffersThrowsAndCreateDeletesTheImage() {
        server.fault = MiniV1Server.Fault.WRONG_CHECKSUM;
        assertThatThrownBy(() -> images.createWithData(spec(), ImageData.fromBytes(new byte[1000]), null))
                .isInstanceOfSatisfying(ChecksumMismatchException.class, e -> {
                    assertThat(e.expected()).isEqualTo("00000000000000000000000000000000");
                    assertThat(e.algorithm()).isEqualTo("md5");
                });
        assertThat(server.deletes).isEqualTo(1);

        assertThatThrownBy(() -> images.upload(ID, ImageData.fromBytes(new byte[10])))
                .isInstanceOf(ChecksumMismatchException.class);
    }

    @Test
    void keepOnFailureLeavesTheImageForInspection() {
        server.fault = MiniV1Server.Fault.WRONG_CHECKSUM;
        assertThatThrownBy(() -> images.createAndUpload(spec(), ImageData.fromBytes(new byte[10]), null, true))
                .isInstanceOf(ChecksumMismatchException.class);
        assertThat(server.deletes).isZero();
    }

    @Test
    void downloadToPathOfAnImageLargerThanTheHeapIsVerified() throws Exception {
        server.downloadSize = LARGE;
        Path target = dir.resolve("image.qcow2");
        List<Long> progress = new ArrayList<>();

        DownloadResult result = images.download(ID).listener((done, total) -> progress.add(done)).toPath(target);

        assertThat(result.bytes()).isEqualTo(LARGE);
        assertThat(result.algorithm()).isEqualTo("md5");
        assertThat(result.digest()).isEqualTo(MiniV1Server.md5Of(LARGE));
        assertThat(md5(target)).isEqualTo(result.digest());
        assertThat(progress).isSorted().last().isEqualTo(LARGE);
        assertThat(filesIn(dir)).containsExactly(target);
    }

    @Test
    void corruptedDownloadLeavesNothingAtTheTargetAndKeepsAnExistingFile() throws Exception {
        server.downloadSize = 1024 * 1024;
        server.fault = MiniV1Server.Fault.CORRUPT_BYTE;
        Path fresh = dir.resolve("fresh.img");
        assertThatThrownBy(() -> images.download(ID).toPath(fresh)).isInstanceOf(ChecksumMismatchException.class);
        assertThat(filesIn(dir)).isEmpty();

        Path existing = dir.resolve("existing.img");
        Files.writeString(existing, "previous version");
        assertThatThrownBy(() -> images.download(ID).toPath(existing)).isInstanceOf(ChecksumMismatchException.class);
        assertThat(Files.readString(existing)).isEqualTo("previous version");
        assertThat(filesIn(dir)).containsExactly(existing);
    }

    @Test
    void truncatedDownloadIsATransportFailureAndLeavesNothing() throws Exception {
        server.downloadSize = 1024 * 1024;
        server.fault = MiniV1Server.Fault.TRUNCATE;
        assertThatThrownBy(() -> images.download(ID).toPath(dir.resolve("t.img")))
                .isInstanceOf(TransportException.class);
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void openStreamFailsItsFinalReadOnCorruption() throws Exception {
        server.downloadSize = 200_000;
        server.fault = MiniV1Server.Fault.CORRUPT_BYTE;
        try (InputStream in = images.download(ID).openStream()) {
            assertThatThrownBy(() -> in.transferTo(OutputStream.nullOutputStream()))
                    .isInstanceOf(ChecksumMismatchException.class);
        }
    }

    @Test
    void openStreamAndOutputStreamDeliverVerifiedBytes() throws Exception {
        server.downloadSize = 300_001;
        ByteArrayOutputStream viaStream = new ByteArrayOutputStream();
        try (InputStream in = images.download(ID).openStream()) {
            in.transferTo(viaStream);
        }
        ByteArrayOutputStream viaOut = new ByteArrayOutputStream();
        DownloadResult r = images.download(ID).toOutputStream(viaOut);
        assertThat(viaStream.toByteArray()).isEqualTo(viaOut.toByteArray()).hasSize(300_001);
        assertThat(r.digest()).isEqualTo(MiniV1Server.md5Of(300_001));
    }

    @Test
    void aDownloadCanBeStartedOnlyOnce() throws Exception {
        server.downloadSize = 10;
        var download = images.download(ID);
        download.toOutputStream(OutputStream.nullOutputStream());
        assertThatThrownBy(() -> download.toOutputStream(OutputStream.nullOutputStream()))
                .hasMessageContaining("already started");
    }

    @Test
    void aFileThatChangesSizeIsNotSentAsADifferentImage() throws Exception {
        Path file = dir.resolve("grows.img");
        Files.write(file, "12345".getBytes(StandardCharsets.US_ASCII));
        ImageData data = ImageData.fromPath(file);
        Files.write(file, "1234567890".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> images.upload(ID, data)).isInstanceOf(dev.imagesdk.exception.ImageSdkException.class);
    }
}
