package dev.imagesdk.examples;

import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.fake.Fault;
import dev.imagesdk.fake.Operation;
import dev.imagesdk.fake.junit.FakeGlanceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link PublishToRegions} on a fake cloud with seed 004's two regions. */
class PublishToRegionsTest {

    @RegisterExtension
    static FakeGlanceExtension cloud = FakeGlanceExtension.configured(
            b -> b.regions(PublishToRegions.SEED_REGIONS.toArray(String[]::new)).advertiseV1(true));

    static Map<String, Object> onlyImage(FakeGlance fake, String region) {
        List<Map<String, Object>> images = fake.region(region).images();
        assertThat(images).hasSize(1);
        return images.get(0);
    }

    @Test
    void publishesTheSampleToBothRegionsAtOnceWithProgressPerRegion(FakeGlance fake) {
        String out = ExampleRunner.run(fake, PublishToRegions::main, "--keep");

        Map<String, Object> a = onlyImage(fake, "region-a.geo-1");
        Map<String, Object> b = onlyImage(fake, "region-b.geo-1");
        for (Map<String, Object> image : List.of(a, b)) {
            assertThat(image).containsEntry("name", "My Custom Image").containsEntry("status", "active")
                    .containsEntry("visibility", "public").containsEntry("architecture", "x86_64");
        }
        assertThat(a.get("checksum")).isNotNull().isEqualTo(b.get("checksum"));
        assertThat(out).contains("region-a.geo-1 [").contains("region-b.geo-1 [")
                .contains("region-a.geo-1: PUBLISHED").contains("region-b.geo-1: PUBLISHED")
                .contains("read " + SampleImage.DEFAULT_SIZE + " bytes once");
    }

    @Test
    void withoutKeepNoImageIsLeftInEitherRegion(FakeGlance fake) {
        ExampleRunner.run(fake, PublishToRegions::main, "--api", "v1");

        assertThat(fake.region("region-a.geo-1").images()).isEmpty();
        assertThat(fake.region("region-b.geo-1").images()).isEmpty();
    }

    @Test
    void aFailedUploadInOneRegionLeavesNoImageInEither(FakeGlance fake) {
        fake.region("region-b.geo-1").inject(Operation.UPLOAD, Fault.dropConnectionMidUpload(1024 * 1024));

        assertThatThrownBy(() -> ExampleRunner.run(fake, PublishToRegions::main, "--keep"))
                .isInstanceOf(ImageSdkClientException.class).hasMessageContaining("region-b.geo-1 FAILED");
        assertThat(fake.region("region-a.geo-1").images()).isEmpty();
        assertThat(fake.region("region-b.geo-1").images()).isEmpty();
    }
}
