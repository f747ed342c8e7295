package dev.imagesdk.v2;

import dev.imagesdk.ImageData;
import dev.imagesdk.TransferListener;
import dev.imagesdk.exception.ChecksumMismatchException;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.fake.Fault;
import dev.imagesdk.fake.Operation;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.ImageStatus;
import dev.imagesdk.model.ImageUpdate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The small API edges of issue #17 item 8 through the v2 client against the fake: the two-argument
 * {@code createAndUpload}, the download direction of {@link ChecksumMismatchException} (expected = what Glance
 * records, actual = what arrived), one final progress event per transfer, and the primitive
 * {@link Image#isProtected()}.
 */
class ApiEdgesTest {

    static final byte[] DATA = new byte[1024 * 1024 + 7];
    static FakeGlance fake;

    ImageServiceV2 images;
    final List<String> created = new ArrayList<>();

    @BeforeAll
    static void startFake() {
        new Random(17).nextBytes(DATA);
        fake = FakeGlance.builder().start();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @BeforeEach
    void connect() {
        images = ClientTransferFaultsTest.connect(fake);
    }

    @AfterEach
    void cleanUp() {
        fake.clearFaults();
        for (String id : created) {
            images.find(id).ifPresent(i -> {
                if (i.isProtected()) {
                    images.update(id, ImageUpdate.builder().isProtected(false).build());
                }
                images.delete(id);
            });
        }
        images.close();
    }

    private static ImageSpec spec(String name) {
        return ImageSpec.builder().name(name).diskFormat(DiskFormat.RAW).containerFormat(ContainerFormat.BARE).build();
    }

    private Image uploaded(byte[] data) {
        Image img = images.createAndUpload(spec("edges"), ImageData.fromBytes(data));
        created.add(img.id());
        return img;
    }

    @Test
    void createAndUploadWithTwoArgumentsCreatesAVerifiedActiveImage() throws Exception {
        Image img = uploaded(DATA);

        assertThat(img.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(img.checksum()).isEqualTo(hex("MD5", DATA));
        assertThat(img.size()).isEqualTo(DATA.length);
    }

    @Test
    void downloadMismatchReportsTheRecordedDigestAsExpectedAndTheReceivedOneAsActual() throws Exception {
        Image img = uploaded(DATA);
        fake.inject(Operation.DOWNLOAD, Fault.corruptedByte(1000).always());

        ChecksumMismatchException e = catchThrowableOfType(
                () -> images.download(img.id()).toOutputStream(new ByteArrayOutputStream()),
                ChecksumMismatchException.class);

        assertThat(e).isNotNull();
        assertThat(e.direction()).contains(ChecksumMismatchException.Direction.DOWNLOAD);
        assertThat(e.algorithm()).isEqualTo(img.osHashAlgo());
        assertThat(e.expected()).isEqualTo(img.osHashValue()).isEqualTo(hex("SHA-512", DATA));
        assertThat(e.actual()).isNotEqualTo(e.expected()).hasSize(128);
        assertThat(e.serviceDigest()).contains(e.expected());
        assertThat(e.localDigest()).contains(e.actual());
    }

    @Test
    void uploadReportsTheFinalCountExactlyOnceAndLast() {
        Image img = images.create(spec("progress-up"));
        created.add(img.id());
        Recording events = new Recording();

        images.upload(img.id(), ImageData.fromBytes(DATA), events);

        assertThat(events.countOf(DATA.length)).isEqualTo(1);
        assertThat(events.last()).isEqualTo(DATA.length);
        assertThat(events.bytes).isSorted();
    }

    @Test
    void downloadReportsTheFinalCountExactlyOnceAndLast() {
        Image img = uploaded(DATA);
        Recording events = new Recording();

        images.download(img.id()).listener(events).toOutputStream(new ByteArrayOutputStream());

        assertThat(events.countOf(DATA.length)).isEqualTo(1);
        assertThat(events.last()).isEqualTo(DATA.length);
    }

    @Test
    void streamedDownloadReportsTheFinalCountExactlyOnce() throws IOException {
        Image img = uploaded(DATA);
        Recording events = new Recording();

        try (InputStream in = images.download(img.id()).listener(events).openStream()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }

        assertThat(events.countOf(DATA.length)).isEqualTo(1);
        assertThat(events.last()).isEqualTo(DATA.length);
    }

    @Test
    void emptyImageReportsItsFinalCountOfZeroOnce() {
        Image img = images.create(spec("progress-empty"));
        created.add(img.id());
        Recording events = new Recording();

        images.upload(img.id(), ImageData.fromBytes(new byte[0]), events);

        assertThat(events.bytes).containsExactly(0L);
    }

    @Test
    void isProtectedIsAPrimitiveThatReadsWhatGlanceReported() {
        Image plain = images.create(spec("plain"));
        created.add(plain.id());
        Image guarded = images.create(ImageSpec.builder().name("guarded").diskFormat(DiskFormat.RAW)
                .containerFormat(ContainerFormat.BARE).isProtected(true).build());
        created.add(guarded.id());

        boolean plainFlag = images.get(plain.id()).isProtected();
        assertThat(plainFlag).isFalse();
        assertThat(images.get(plain.id()).protectedIfReported()).contains(false);
        assertThat(images.get(guarded.id()).isProtected()).isTrue();
        assertThat(images.get(guarded.id()).protectedIfReported()).contains(true);
    }

    private static String hex(String algorithm, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    }

    /** Every progress report, in order. */
    private static final class Recording implements TransferListener {
        final List<Long> bytes = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void onProgress(long bytesTransferred, long totalBytes) {
            bytes.add(bytesTransferred);
        }

        long countOf(long n) {
            return bytes.stream().filter(b -> b == n).count();
        }

        long last() {
            return bytes.get(bytes.size() - 1);
        }
    }
}
