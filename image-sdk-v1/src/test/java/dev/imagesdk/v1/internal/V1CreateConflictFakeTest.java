package dev.imagesdk.v1.internal;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageData;
import dev.imagesdk.TestClientContexts;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.exception.ConflictException;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.fake.RecordedRequest;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.testsupport.RecordingSleeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A v1 create-with-data whose caller-given id already exists gets 409 on its first POST: that image is someone
 * else's, so the failed create must not delete it (the cleanup used to: {@code deleteQuietly} on any failure).
 */
class V1CreateConflictFakeTest {

    static FakeGlance fake;
    static V1ImageService images;

    @BeforeAll
    static void start() {
        fake = FakeGlance.builder().advertiseV1(true).start();
        ClientConfig config = ClientConfig.builder().authUrl(fake.keystoneUrl())
                .auth(AuthMethod.V3Password.of("demo", fake.passwordOf("demo"), "Default", fake.projectOf("demo")))
                .apiVersion(ApiVersion.V1)
                .maxAttempts(4).initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(2)).build();
        images = V1ImageService.create(TestClientContexts.of(config, ApiVersion.V1, new RecordingSleeper()),
                Duration.ofMillis(1), Duration.ofMillis(2));
    }

    @AfterAll
    static void stop() {
        images.close();
        fake.close();
    }

    @Test
    void createWithDataOnAnExistingIdFailsWithConflictAndNeverDeletesTheExistingImage() {
        String id = UUID.randomUUID().toString();
        Image existing = images.create(spec(id, "someone-elses"));
        fake.clearRequests();

        Throwable thrown = catchThrowable(() -> images.createWithData(spec(id, "mine"),
                ImageData.fromBytes(new byte[] {1, 2, 3}), null));

        assertThat(thrown).isInstanceOf(ConflictException.class);
        assertThat(fake.requests()).extracting(RecordedRequest::method).doesNotContain("DELETE");
        Image after = images.get(id);
        assertThat(after.name()).isEqualTo("someone-elses");
        assertThat(after.status()).isEqualTo(existing.status());
    }

    private static ImageSpec spec(String id, String name) {
        return ImageSpec.builder().id(id).name(name).diskFormat(DiskFormat.RAW).containerFormat(ContainerFormat.BARE)
                .build();
    }
}
