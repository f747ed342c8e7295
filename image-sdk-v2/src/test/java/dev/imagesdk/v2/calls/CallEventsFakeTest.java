package dev.imagesdk.v2.calls;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageService;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.event.CallInfo;
import dev.imagesdk.event.ImageServiceListener;
import dev.imagesdk.exception.NotFoundException;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.fake.Fault;
import dev.imagesdk.fake.Operation;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.v2.ImageServiceV2;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The call-level events of {@link ImageServiceListener}, in order, for calls against the fake: a plain get, a get
 * retried after an injected 503, a get replayed after a 401 (with the Keystone call it causes), a failing get.
 */
class CallEventsFakeTest {

    static FakeGlance fake;

    final RecordingListener listener = new RecordingListener();
    ImageServiceV2 images;
    String imageId;

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
        images = ImageServiceV2.of(ImageService.builder().config(config()).apiVersion(ApiVersion.V2)
                .listener(listener).build());
        imageId = images.create(ImageSpec.builder().name("events").diskFormat(DiskFormat.RAW)
                .containerFormat(ContainerFormat.BARE).build()).id();
        listener.clear();
    }

    @AfterEach
    void cleanUp() {
        fake.clearFaults();
        images.delete(imageId);
        images.close();
    }

    static ClientConfig config() {
        return ClientConfig.builder().authUrl(fake.keystoneUrl())
                .auth(AuthMethod.V3Password.of("demo", fake.passwordOf("demo"), "Default", fake.projectOf("demo")))
                .initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(5)).build();
    }

    @Test
    void plainGetReportsStartAttemptResponseAndEnd() {
        Image image = images.get(imageId);

        assertThat(image.id()).isEqualTo(imageId);
        assertThat(listener.events()).containsExactly(
                "get image callStart GET",
                "get image attemptStart 1",
                "get image response 1 200 id",
                "get image callEnd 1");
        assertThat(listener.callIds()).containsOnly(listener.callIds().get(0));
    }

    @Test
    void getAnswered503ThenOkReportsTheRetryWithReasonAndDelay() {
        fake.inject(Operation.SHOW_IMAGE, Fault.serviceUnavailable(1, Duration.ofSeconds(1)));

        images.get(imageId);

        assertThat(listener.events()).containsExactly(
                "get image callStart GET",
                "get image attemptStart 1",
                "get image response 1 503 id",
                "get image retry 1 HTTP 503 PT1S",
                "get image attemptStart 2",
                "get image response 2 200 id",
                "get image callEnd 2");
    }

    @Test
    void getAnswered401IsReplayedAfterReauthenticationAndTheKeystoneCallIsReported() {
        fake.inject(Operation.SHOW_IMAGE, Fault.unauthorizedOnce());

        images.get(imageId);

        assertThat(listener.events()).containsExactly(
                "get image callStart GET",
                "get image attemptStart 1",
                "get image response 1 401 no id", // as keystonemiddleware answers: no request id
                "get image reauthentication",
                "keystone.issueToken callStart POST",
                "keystone.issueToken attemptStart 1",
                "keystone.issueToken response 1 201 id",
                "keystone.issueToken callEnd 1",
                "get image attemptStart 2",
                "get image response 2 200 id",
                "get image callEnd 2");
    }

    @Test
    void failingGetReportsCallFailedWithTheExceptionTheCallerGets() {
        String missing = UUID.randomUUID().toString();

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> images.get(missing));

        assertThat(thrown).isInstanceOf(NotFoundException.class);
        assertThat(listener.events()).containsExactly(
                "get image callStart GET",
                "get image attemptStart 1",
                "get image response 1 404 id",
                "get image callFailed 1 NotFoundException");
        assertThat(listener.failures()).containsExactly((NotFoundException) thrown);
    }

    @Test
    void uploadAndDownloadReportTheirBytesAndVerification() {
        byte[] data = new byte[300_000];
        new java.util.Random(17).nextBytes(data);
        images.upload(imageId, dev.imagesdk.ImageData.fromBytes(data));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        images.download(imageId).toOutputStream(out);

        assertThat(out.toByteArray()).isEqualTo(data);
        assertThat(listener.events()).filteredOn(e -> e.contains("transferBytes") || e.contains("verification"))
                .containsExactly(
                        "upload image data transferBytes 300000",
                        "upload image data verification true",
                        "download image transferBytes 300000",
                        "download image verification true");
    }

    @Test
    void aDownloadsCallLastsUntilItsBytesAreVerifiedAndFailsOnAMismatch() {
        byte[] data = new byte[100_000];
        new java.util.Random(3).nextBytes(data);
        images.upload(imageId, dev.imagesdk.ImageData.fromBytes(data));
        fake.inject(Operation.DOWNLOAD, Fault.corruptedByte(1_000).always());
        listener.clear();

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> images.download(imageId).toOutputStream(new java.io.ByteArrayOutputStream()));

        assertThat(thrown).isInstanceOf(dev.imagesdk.exception.ChecksumMismatchException.class);
        String op = "download image"; // a fixed name: no id in an operation (it is a metric tag)
        assertThat(listener.events()).filteredOn(e -> e.startsWith(op)).containsExactly(
                op + " callStart GET",
                op + " attemptStart 1",
                op + " response 1 200 id",
                op + " verification false",
                op + " callFailed 1 ChecksumMismatchException");
        assertThat(listener.failures()).containsExactly((dev.imagesdk.exception.ImageSdkException) thrown);
    }

    @Test
    void listenerThatThrowsDoesNotChangeTheOutcome() {
        ImageServiceListener throwing = new ImageServiceListener() {
            @Override
            public void callStart(CallInfo call) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void callEnd(CallInfo call, Duration elapsed, int attempts) {
                throw new IllegalStateException("listener bug");
            }
        };
        try (ImageService other = ImageService.builder().config(config()).apiVersion(ApiVersion.V2)
                .listener(throwing).build()) {
            assertThat(other.get(imageId).id()).isEqualTo(imageId);
        }
    }

    @Test
    void nullListenerIsRefusedNamingTheField() {
        assertThatThrownBy(() -> ImageService.builder().listener(null))
                .isInstanceOf(dev.imagesdk.exception.InvalidInputException.class).hasMessageContaining("listener");
    }
}
