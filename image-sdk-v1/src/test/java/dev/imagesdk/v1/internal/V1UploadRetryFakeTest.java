package dev.imagesdk.v1.internal;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageData;
import dev.imagesdk.TestClientContexts;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.exception.TooManyRequestsException;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.fake.Fault;
import dev.imagesdk.fake.Operation;
import dev.imagesdk.fake.RecordedRequest;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.ImageStatus;
import dev.imagesdk.testsupport.RecordingSleeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * v1 data uploads against the fake Glance with injected faults, through the production call path: a
 * replayable source survives one 503, 429, 401 or dropped connection and ends verified; a one-shot stream
 * is never sent twice and fails typed; a failed create-with-data leaves no image behind. A one-shot stream
 * rejected before its body (the fake answers the 503 or 401 instead of {@code 100 Continue}: uploads from 1 MiB
 * send {@code Expect: 100-continue}) was never read, so it is sent once the service accepts it.
 */
class V1UploadRetryFakeTest {

    static final byte[] DATA = new byte[2 * 1024 * 1024 + 7];
    static String md5;
    static FakeGlance fake;

    V1ImageService images;

    @BeforeAll
    static void startFake() throws Exception {
        new Random(11).nextBytes(DATA);
        md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(DATA));
        fake = FakeGlance.builder().advertiseV1(true).start();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @BeforeEach
    void connect() {
        ClientConfig config = ClientConfig.builder().authUrl(fake.keystoneUrl())
                .auth(AuthMethod.V3Password.of("demo", fake.passwordOf("demo"), "Default", fake.projectOf("demo")))
                .apiVersion(ApiVersion.V1)
                .maxAttempts(4).initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(2)).build();
        images = V1ImageService.create(TestClientContexts.of(config, ApiVersion.V1, new RecordingSleeper()),
                Duration.ofMillis(1), Duration.ofMillis(2));
    }

    @AfterEach
    void cleanUp() {
        fake.clearFaults();
        fake.clearRequests();
        for (var i : fake.images()) {
            images.delete(String.valueOf(i.get("id")));
        }
        images.close();
    }

    private static ImageSpec spec(String name) {
        return ImageSpec.builder().name(name).diskFormat(DiskFormat.RAW).containerFormat(ContainerFormat.BARE).build();
    }

    private String queued() {
        String id = images.create(spec("queued")).id();
        fake.clearRequests();
        return id;
    }

    private static long count(String method, Operation op) {
        List<RecordedRequest> all = fake.requests();
        return all.stream().filter(r -> r.method().equals(method) && r.operation() == op).count();
    }

    private void assertStoredVerified(Image image, String id) {
        assertThat(image.id()).isEqualTo(id);
        assertThat(image.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(image.checksum()).isEqualTo(md5);
        Image head = images.get(id);
        assertThat(head.checksum()).isEqualTo(md5);
        assertThat(head.size()).isEqualTo(DATA.length);
    }

    @Test
    void uploadFromBytesSucceedsAfterOne503() {
        String id = queued();
        fake.inject(Operation.UPLOAD, Fault.serviceUnavailable(1, Duration.ofMillis(1)));

        Image image = images.upload(id, ImageData.fromBytes(DATA), null);

        assertStoredVerified(image, id);
        assertThat(count("PUT", Operation.UPLOAD)).isEqualTo(2);
    }

    @Test
    void uploadFromPathSucceedsAfterOne429(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("image.raw");
        Files.write(file, DATA);
        String id = queued();
        fake.inject(Operation.UPLOAD, Fault.tooManyRequests(1));

        Image image = images.upload(id, ImageData.fromPath(file), null);

        assertStoredVerified(image, id);
        assertThat(count("PUT", Operation.UPLOAD)).isEqualTo(2);
    }

    @Test
    void uploadFromSupplierReauthenticatesOnceAfter401() {
        String id = queued();
        fake.inject(Operation.UPLOAD, Fault.unauthorizedOnce());

        Image image = images.upload(id, ImageData.fromSupplier(() -> new ByteArrayInputStream(DATA), DATA.length),
                null);

        assertStoredVerified(image, id);
        assertThat(count("PUT", Operation.UPLOAD)).isEqualTo(2);
    }

    @Test
    void uploadFromBytesSucceedsAfterADroppedConnection() {
        String id = queued();
        fake.inject(Operation.UPLOAD, Fault.dropConnectionMidUpload(100_000));

        Image image = images.upload(id, ImageData.fromBytes(DATA), null);

        assertStoredVerified(image, id);
        assertThat(count("PUT", Operation.UPLOAD)).isEqualTo(2);
    }

    @Test
    void oneShotStreamRejectedWith503BeforeItsBodyIsSentOnceAfterTheRetry() {
        String id = queued();
        fake.inject(Operation.UPLOAD, Fault.serviceUnavailable(1, Duration.ofMillis(1)));

        Image image = images.upload(id, ImageData.fromStream(new ByteArrayInputStream(DATA), DATA.length), null);

        assertStoredVerified(image, id); // every byte arrived: the stream was read once, by the second attempt
        assertThat(count("PUT", Operation.UPLOAD)).isEqualTo(2);
    }

    @Test
    void oneShotStreamRejectedWith401BeforeItsBodyIsSentOnceAfterReauthentication() {
        String id = queued();
        fake.inject(Operation.UPLOAD, Fault.unauthorizedOnce());

        Image image = images.upload(id, ImageData.fromStream(new ByteArrayInputStream(DATA), DATA.length), null);

        assertStoredVerified(image, id);
        assertThat(count("PUT", Operation.UPLOAD)).isEqualTo(2);
    }

    @Test
    void oneShotStreamIsNotReplayedAfterADroppedConnection() {
        String id = queued();
        fake.inject(Operation.UPLOAD, Fault.dropConnectionMidUpload(100_000));

        Throwable t = catchThrowable(() -> images.upload(id, ImageData.fromStream(new ByteArrayInputStream(DATA),
                DATA.length), null));

        assertThat(t).isInstanceOf(ImageSdkException.class);
        assertThat(count("PUT", Operation.UPLOAD)).isEqualTo(1);
    }

    @Test
    void createAndUploadFromBytesSucceedsAfterOne503() {
        fake.inject(Operation.CREATE_IMAGE, Fault.serviceUnavailable(1, Duration.ofMillis(1)));

        Image image = images.createAndUpload(spec("retried"), ImageData.fromBytes(DATA), null, false);

        assertStoredVerified(image, image.id());
        assertThat(count("POST", Operation.CREATE_IMAGE)).isEqualTo(2);
        assertThat(fake.images()).hasSize(1);
    }

    @Test
    void createWithDataFromBytesSucceedsAfterADroppedConnection() {
        fake.inject(Operation.CREATE_IMAGE, Fault.dropConnectionMidUpload(100_000));

        Image image = images.createWithData(spec("dropped"), ImageData.fromBytes(DATA), md5, null);

        assertStoredVerified(image, image.id());
        assertThat(fake.images()).hasSize(1);
    }

    @Test
    void createAndUploadReauthenticatesOnceAfter401() {
        fake.inject(Operation.CREATE_IMAGE, Fault.unauthorizedOnce());

        Image image = images.createAndUpload(spec("reauth"), ImageData.fromBytes(DATA), null, false);

        assertStoredVerified(image, image.id());
        assertThat(count("POST", Operation.CREATE_IMAGE)).isEqualTo(2);
    }

    @Test
    void createAndUploadFromOneShotStreamRejectedBeforeItsBodyIsSentOnceAfterTheRetry() {
        fake.inject(Operation.CREATE_IMAGE, Fault.serviceUnavailable(1, Duration.ofMillis(1)));

        Image image = images.createAndUpload(spec("one-shot"),
                ImageData.fromStream(new ByteArrayInputStream(DATA), DATA.length), null, false);

        assertStoredVerified(image, image.id());
        assertThat(count("POST", Operation.CREATE_IMAGE)).isEqualTo(2);
        assertThat(fake.images()).hasSize(1);
    }

    @Test
    void createAndUploadGivesUpAfterThePolicysAttemptsAndLeavesNoImage() {
        fake.inject(Operation.CREATE_IMAGE, Fault.tooManyRequests(1).always());

        Throwable t = catchThrowable(() -> images.createAndUpload(spec("refused"), ImageData.fromBytes(DATA), null,
                false));

        assertThat(t).isInstanceOf(TooManyRequestsException.class);
        assertThat(fake.images()).isEmpty();
        assertThat(count("POST", Operation.CREATE_IMAGE)).isLessThanOrEqualTo(
                4L);
    }
}
