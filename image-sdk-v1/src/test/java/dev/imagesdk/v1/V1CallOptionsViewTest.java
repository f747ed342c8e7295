package dev.imagesdk.v1;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.CallOptions;
import dev.imagesdk.ImageService;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.fake.RecordedRequest;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.ImageSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ImageService#withOptions} on API v1: the view's requests carry its headers, closing it closes nothing. */
class V1CallOptionsViewTest {

    static FakeGlance fake;
    static ImageServiceV1 images;

    @BeforeAll
    static void start() {
        fake = FakeGlance.builder().advertiseV1(true).start();
        ClientConfig config = ClientConfig.builder().authUrl(fake.keystoneUrl())
                .auth(AuthMethod.V3Password.of("demo", fake.passwordOf("demo"), "Default", fake.projectOf("demo")))
                .apiVersion(ApiVersion.V1).build();
        images = (ImageServiceV1) ImageService.builder().config(config).build();
    }

    @AfterAll
    static void stop() {
        images.close();
        fake.close();
    }

    private static String header(RecordedRequest r, String name) {
        for (Map.Entry<String, List<String>> e : r.headers().entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    @Test
    void viewSendsItsHeaderTheOriginalDoesNotAndClosingTheViewKeepsTheOriginalUsable() {
        String id = images.create(ImageSpec.builder().name("v1-view").diskFormat(DiskFormat.RAW)
                .containerFormat(ContainerFormat.BARE).build()).id();
        ImageServiceV1 view = images.withOptions(CallOptions.builder().header("X-Trace-Id", "v1-trace").build());
        fake.clearRequests();

        view.get(id);
        view.close();
        images.get(id);

        List<RecordedRequest> requests = fake.requests();
        assertThat(requests).hasSize(2);
        assertThat(header(requests.get(0), "X-Trace-Id")).isEqualTo("v1-trace");
        assertThat(header(requests.get(1), "X-Trace-Id")).isNull();
        assertThat(requests).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        images.delete(id);
    }
}
