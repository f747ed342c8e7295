package dev.imagesdk.regions;

import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.ImageServices;
import dev.imagesdk.exception.ChecksumMismatchException;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.fake.Fault;
import dev.imagesdk.fake.Operation;
import dev.imagesdk.fake.RecordedRequest;
import dev.imagesdk.fake.junit.FakeGlanceExtension;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ImageServices#copy}: an image of one cloud (its own fake) streamed into both regions of another, with
 * no local file, verified at both ends and resumed with {@code Range} on the source side.
 */
class CopyBetweenCloudsTest {

    static final byte[] DATA = new byte[4 * 1024 * 1024 + 99];
    static FakeGlance sourceCloud;

    @RegisterExtension
    static FakeGlanceExtension targetCloud = FakeGlanceExtension.configured(b -> b.regions("region-a", "region-b"));

    ImageService source;
    Image original;

    @BeforeAll
    static void startSourceCloud() {
        new Random(404).nextBytes(DATA);
        sourceCloud = FakeGlance.builder().start();
    }

    @AfterAll
    static void stopSourceCloud() {
        sourceCloud.close();
    }

    @BeforeEach
    void uploadOriginal() {
        sourceCloud.reset();
        source = ImageService.builder().config(FakeGlanceExtension.clientConfig(sourceCloud, null)).build();
        original = source.createAndUpload(ImageSpec.builder().name("partner image").diskFormat(DiskFormat.RAW)
                .containerFormat(ContainerFormat.BARE).minDisk(2).minRam(512).tag("partner")
                .property("architecture", "x86_64").property("hp_image_license", "1234").build(),
                ImageData.fromBytes(DATA), (d, t) -> { });
        sourceCloud.clearRequests();
    }

    @AfterEach
    void closeSource() {
        source.close();
    }

    static ImageServices targets(FakeGlance fake) {
        return ImageService.builder().config(FakeGlanceExtension.clientConfig(fake, null))
                .buildForRegions("region-a", "region-b");
    }

    @Test
    void aCopyWithADroppedSourceConnectionCompletesVerifiedInEveryTarget(FakeGlance fake) {
        sourceCloud.inject(Operation.DOWNLOAD, Fault.dropConnectionMidDownload(1024 * 1024));

        PublishResult result;
        try (ImageServices targets = targets(fake)) {
            result = targets.copy(source, original.id(), PublishOptions.allOrNothing());
        }

        assertThat(result.publishedRegions()).containsExactly("region-a", "region-b");
        assertThat(result.md5()).contains(original.checksum());
        assertThat(result.sha512()).contains(original.osHashValue());
        for (String region : result.publishedRegions()) {
            Image copy = result.outcome(region).image().orElseThrow();
            assertThat(copy.checksum()).isEqualTo(original.checksum());
            assertThat(copy.osHashValue()).isEqualTo(original.osHashValue());
            assertThat(copy.name()).isEqualTo("partner image");
            assertThat(copy.diskFormat()).isEqualTo(DiskFormat.RAW);
            assertThat(copy.minDisk()).isEqualTo(2);
            assertThat(copy.minRam()).isEqualTo(512);
            assertThat(copy.tags()).containsExactly("partner");
            assertThat(copy.properties()).containsEntry("architecture", "x86_64")
                    .containsEntry("hp_image_license", "1234");
        }
        List<RecordedRequest> downloads = sourceCloud.requests().stream()
                .filter(r -> r.operation() == Operation.DOWNLOAD).toList();
        assertThat(downloads).hasSize(2);
        assertThat(downloads.get(1).headers()).containsKey("range");
    }

    @Test
    void aFilterDropsPropertiesFromTheCopy(FakeGlance fake) {
        PublishResult result;
        try (ImageServices targets = targets(fake)) {
            result = targets.copy(source, original.id(),
                    image -> ImageCopy.specOf(image, name -> !name.startsWith("hp_")), PublishOptions.bestEffort());
        }

        assertThat(result.allPublished()).isTrue();
        assertThat(result.outcome("region-b").image().orElseThrow().properties())
                .containsEntry("architecture", "x86_64").doesNotContainKey("hp_image_license");
    }

    @Test
    void aSourceThatFailsVerificationLeavesNoCopyAnywhere(FakeGlance fake) {
        sourceCloud.inject(Operation.DOWNLOAD, Fault.corruptedByte(2 * 1024 * 1024));

        PublishResult result;
        try (ImageServices targets = targets(fake)) {
            result = targets.copy(source, original.id(), PublishOptions.bestEffort());
        }

        assertThat(result.publishedRegions()).isEmpty();
        assertThat(result.outcomes()).allSatisfy(o -> assertThat(o.failure()).hasValueSatisfying(
                f -> assertThat(f).hasRootCauseInstanceOf(ChecksumMismatchException.class)));
        assertThat(fake.region("region-a").images()).isEmpty();
        assertThat(fake.region("region-b").images()).isEmpty();
    }
}
