package dev.imagesdk.fake.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageService;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.fake.RecordedRequest;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FakeGlanceExtension.class)
class ImageServiceInjectionTest {
    private static int closedBefore;

    @Test
    void injectsAServiceAuthenticatedThroughTheFakeKeystoneWithDiscoveredVersion(ImageService images,
            FakeGlance fake) {
        closedBefore = RecordingProvider.CLOSED.get();
        assertThat(images).isNotNull();
        var ctx = RecordingProvider.LAST.get();
        assertThat(ctx.apiVersion()).isEqualTo(ApiVersion.V2);
        assertThat(URI.create(ctx.imageEndpoint().toString().replaceAll("/$", ""))).isEqualTo(fake.url());
        assertThat(ctx.tokenProvider()).isPresent();
        assertThat(fake.requests()).extracting(RecordedRequest::path).contains("/v3/auth/tokens", "/");
    }

    @Test
    void userAndVersionComeFromTheAnnotation(@FakeGlanceClient(user = "alt_demo",
            version = FakeGlanceClient.Version.V2) ImageService images, FakeGlance fake) {
        assertThat(images).isNotNull();
        // With a pinned version and a known endpoint the token is fetched on first use, not at build time.
        assertThat(RecordingProvider.LAST.get().tokenProvider().orElseThrow().token().projectId().orElseThrow())
                .isEqualTo(fake.projectId("alt_demo"));
        assertThat(fake.requests()).extracting(RecordedRequest::path).contains("/v3/auth/tokens").doesNotContain("/");
    }

    @AfterAll
    static void servicesWereClosed() {
        assertThat(RecordingProvider.CLOSED.get()).isGreaterThanOrEqualTo(closedBefore + 1);
    }
}
