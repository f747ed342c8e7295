package dev.imagesdk.reliability.regressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageService;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.fake.junit.FakeGlanceExtension;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.reliability.proxy.HostileProxy;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 16, item 1: behind a proxy that normalises paths (nginx, Apache httpd), {@code removeTag(T, "%41bc")}
 * removed tag {@code Abc}, and {@code removeTag(T, "..%2F..%2F<V>")} deleted image V, because the tag went out
 * unencoded. With every path value encoded as one segment (and {@code .}/{@code ..} refused: {@code %2E%2E} is
 * a parent step to such a proxy too), a hostile tag never reaches another resource.
 */
@ExtendWith(FakeGlanceExtension.class)
class HostileTagThroughNormalisingProxyTest {

    @Test
    void hostileTagsThroughANormalisingProxyNeverTouchAnotherImageOrTag(FakeGlance fake) throws Exception {
        try (ImageService direct = Clients.of(fake, ApiVersion.V2);
             HostileProxy proxy = new HostileProxy(fake.port(), true, Duration.ofSeconds(2));
             ImageService proxied = ImageService.builder().config(ClientConfig.builder()
                     .auth(new AuthMethod.StaticToken(fake.issueToken("demo")))
                     .imageEndpoint(proxy.url().toString()).apiVersion(ApiVersion.V2).build()).build()) {
            Image victim = direct.create(spec("victim"));
            Image target = direct.create(spec("target"));
            direct.addTag(target.id(), "Abc");
            direct.addTag(target.id(), "%41bc");

            proxied.removeTag(target.id(), "%41bc");
            for (String hostile : new String[] {"..%2F..%2F" + victim.id(), "%2E%2E%2F%2E%2E%2F" + victim.id(),
                    "%2E%2E", "%2e%2e"}) {
                Throwable t = catchThrowable(() -> proxied.removeTag(target.id(), hostile));
                assertThat(t).as(hostile).satisfiesAnyOf(x -> assertThat(x).isNull(),
                        x -> assertThat(x).isInstanceOf(ImageSdkException.class));
            }
            assertThat(catchThrowable(() -> proxied.removeTag(target.id(), "..")))
                    .isInstanceOf(InvalidInputException.class);

            assertThat(direct.get(target.id()).tags()).containsExactly("Abc");
            assertThat(direct.find(victim.id())).isPresent();
            assertThat(proxy.forwarded()).allSatisfy(line -> assertThat(line)
                    .startsWith("DELETE /v2/images/" + target.id() + "/tags/"));
            assertThat(proxy.rewritten()).as("encoded segments give a normalising proxy nothing to change").isZero();
        }
    }

    @Test
    void theProxyNormalisesAsNginxDoesSoDotSegmentsInAnyEncodingEscape() {
        // a trailing ".." leaves "/T/", which Glance (and the fake) route as the image itself
        assertThat(HostileProxy.normalise("/v2/images/T/tags/%2E%2E")).isEqualTo("/v2/images/T/");
        assertThat(HostileProxy.normalise("/v2/images/T/tags/%2e./V?x=1")).isEqualTo("/v2/images/T/V?x=1");
        assertThat(HostileProxy.normalise("/v2/images/T/tags/..%2F..%2FV")).isEqualTo("/v2/images/T/tags/..%2F..%2FV");
        assertThat(HostileProxy.normalise("/v2//images/./T/tags/%41bc")).isEqualTo("/v2/images/T/tags/Abc");
        assertThat(HostileProxy.normalise("/v2/images/T/tags/%252E%252E")).isEqualTo("/v2/images/T/tags/%252E%252E");
    }

    private static ImageSpec spec(String name) {
        return ImageSpec.builder().name(name).diskFormat(DiskFormat.RAW).containerFormat(ContainerFormat.BARE)
                .build();
    }
}
