package dev.imagesdk.regions;

import dev.imagesdk.ImageService;
import dev.imagesdk.ImageServices;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.exception.ConfigurationException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.fake.RecordedRequest;
import dev.imagesdk.fake.junit.FakeGlanceClient;
import dev.imagesdk.fake.junit.FakeGlanceExtension;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One configuration, several regions: {@code buildForRegions} against a fake cloud with two regions. */
class MultiRegionBuildTest {

    @RegisterExtension
    static FakeGlanceExtension cloud = FakeGlanceExtension.configured(b -> b.regions("region-a", "region-b"));

    static ImageSpec spec(String name) {
        return ImageSpec.builder().name(name).diskFormat(DiskFormat.RAW).containerFormat(ContainerFormat.BARE).build();
    }

    static long tokenRequests(FakeGlance fake) {
        return fake.regions().stream().map(fake::region).flatMap(r -> r.requests().stream())
                .filter(r -> r.method().equals("POST") && r.path().equals("/v3/auth/tokens"))
                .count();
    }

    @Test
    void everyRegionIsServedWithOneKeystoneToken(FakeGlance fake) {
        int issuedBefore = fake.issuedTokens().size();
        ClientConfig config = FakeGlanceExtension.clientConfig(fake, null);

        try (ImageServices regions = ImageService.builder().config(config).buildForRegions("region-a", "region-b")) {
            Image inA = regions.get("region-a").create(spec("only in a"));
            Image inB = regions.get("region-b").create(spec("only in b"));
            regions.get("region-a").list(dev.imagesdk.model.ImageQuery.builder().build()).forEach(i -> { });
            regions.get("region-b").get(inB.id());

            assertThat(regions.regions()).containsExactly("region-a", "region-b");
            assertThat(fake.region("region-a").image(inA.id())).isPresent();
            assertThat(fake.region("region-b").image(inA.id())).isEmpty();
            assertThat(fake.region("region-b").image(inB.id())).isPresent();
            assertThat(fake.region("region-a").image(inB.id())).isEmpty();
        }
        assertThat(fake.issuedTokens().size() - issuedBefore).isEqualTo(1);
        assertThat(tokenRequests(fake)).isEqualTo(1);
    }

    @Test
    void aRevokedTokenIsRenewedOnceForEveryRegion(FakeGlance fake) {
        ClientConfig config = FakeGlanceExtension.clientConfig(fake, null);
        try (ImageServices regions = ImageService.builder().config(config).buildForRegions("region-a", "region-b")) {
            regions.get("region-a").create(spec("before"));
            int issuedBefore = fake.issuedTokens().size();
            fake.revokeTokens();

            regions.get("region-a").create(spec("after, in a"));
            regions.get("region-b").create(spec("after, in b"));

            assertThat(fake.issuedTokens().size() - issuedBefore).isEqualTo(1);
            assertThat(fake.region("region-b").images()).hasSize(1);
        }
    }

    @Test
    void aRegionNotInTheCatalogIsAConfigurationErrorListingTheCatalogsRegions(FakeGlance fake) {
        ClientConfig config = FakeGlanceExtension.clientConfig(fake, null);

        assertThatThrownBy(() -> ImageService.builder().config(config).buildForRegions("region-a", "region-x"))
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.setting()).isEqualTo("buildForRegions(regions)"))
                .hasMessageContaining("[region-x]")
                .hasMessageContaining("[region-a, region-b]");
        assertThat(fake.images()).isEmpty();
    }

    @Test
    void anExplicitImageEndpointCannotServeSeveralRegions(FakeGlance fake) {
        ClientConfig config = FakeGlanceExtension.clientConfig(fake, null).toBuilder().imageEndpoint(fake.url()).build();

        assertThatThrownBy(() -> ImageService.builder().config(config).buildForRegions("region-a"))
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.setting()).startsWith("OS_IMAGE_URL"));
    }

    @Test
    void aRegionGivenTwiceIsRefused(FakeGlance fake) {
        ClientConfig config = FakeGlanceExtension.clientConfig(fake, null);

        assertThatThrownBy(() -> ImageService.builder().config(config).buildForRegions("region-a", "region-a"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("regions")
                .hasMessageContaining("given twice");
    }

    @Test
    void theExtensionInjectsOneServicePerRegionAndAServiceOfANamedRegion(
            ImageServices regions, @FakeGlanceClient(region = "region-b") ImageService inB, FakeGlance fake) {
        Image created = inB.create(spec("via region-b"));

        assertThat(regions.regions()).containsExactly("region-a", "region-b");
        assertThat(regions.get("region-b").get(created.id()).name()).isEqualTo("via region-b");
        assertThat(fake.region("region-b").image(created.id())).isPresent();
        assertThat(fake.images()).isEmpty(); // the injected FakeGlance is region-a's
        assertThatThrownBy(() -> regions.get("region-c")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("region-a").hasMessageContaining("region-b");
    }

    @Test
    void theFakeResetsEveryRegionWithTheFirst(FakeGlance fake) {
        fake.region("region-b").seedImage("demo", java.util.Map.of("name", "seeded"), null);

        fake.reset();

        assertThat(Stream.of("region-a", "region-b").map(fake::region).flatMap(r -> r.images().stream())).isEmpty();
        assertThat(fake.region("region-b").requests()).extracting(RecordedRequest::path).isEmpty();
    }
}
