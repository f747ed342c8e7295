package dev.imagesdk.regions;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.ImageServices;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.fake.Fault;
import dev.imagesdk.fake.Operation;
import dev.imagesdk.fake.junit.FakeGlanceExtension;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.Visibility;
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
 * {@link ImageCopy}'s opt-in visibility, protection and hiding into API v1 targets: protection is applied by a v1
 * update after the bytes were verified (so a rollback can delete the copy), and what v1 cannot express (community
 * visibility, {@code os_hidden}) is refused by each region's create, naming the field, before anything is created.
 */
class CopyToV1RegionsTest {

    static final byte[] DATA = new byte[2 * 1024 * 1024 + 5];
    static final List<String> REGIONS = List.of("region-a", "region-b");
    static FakeGlance sourceCloud;

    @RegisterExtension
    static FakeGlanceExtension targetCloud = FakeGlanceExtension.configured(
            b -> b.regions(REGIONS.toArray(String[]::new)));

    ImageService source;
    Image original;

    @BeforeAll
    static void startSourceCloud() {
        new Random(120).nextBytes(DATA);
        sourceCloud = FakeGlance.builder().start();
    }

    @AfterAll
    static void stopSourceCloud() {
        sourceCloud.close();
    }

    @BeforeEach
    void uploadOriginal() {
        sourceCloud.reset();
        source = ImageService.builder().config(FakeGlanceExtension.clientConfig(sourceCloud, null))
                .apiVersion(ApiVersion.V1).build();
        original = source.createAndUpload(ImageSpec.builder().name("v1 partner image").diskFormat(DiskFormat.RAW)
                .containerFormat(ContainerFormat.BARE).isProtected(true).property("architecture", "x86_64").build(),
                ImageData.fromBytes(DATA), (d, t) -> { });
        assertThat(original.isProtected()).isTrue();
    }

    @AfterEach
    void closeSource() {
        source.close();
    }

    static ImageServices v1Targets(FakeGlance fake) {
        return ImageService.builder().config(FakeGlanceExtension.clientConfig(fake, null)).apiVersion(ApiVersion.V1)
                .buildForRegions(REGIONS);
    }

    static long imagesEverywhere(FakeGlance fake) {
        return REGIONS.stream().mapToLong(r -> fake.region(r).images().size()).sum();
    }

    static boolean anyCreate(FakeGlance fake) {
        return REGIONS.stream().flatMap(r -> fake.region(r).requests().stream())
                .anyMatch(r -> r.operation() == Operation.CREATE_IMAGE);
    }

    @Test
    void aProtectedCopyThroughV1IsProtectedAfterItsBytesAndVerified(FakeGlance fake) {
        PublishResult result;
        try (ImageServices targets = v1Targets(fake)) {
            result = targets.copy(source, original.id(), image -> ImageCopy.from(image).keepProtection().spec(),
                    PublishOptions.allOrNothing());
        }

        assertThat(result.publishedRegions()).containsExactlyElementsOf(REGIONS);
        for (String region : REGIONS) {
            assertThat(fake.region(region).image(result.outcome(region).imageId().orElseThrow()))
                    .hasValueSatisfying(i -> assertThat(i).containsEntry("protected", true)
                            .containsEntry("checksum", original.checksum()).containsEntry("status", "active"));
            List<Operation> ops = fake.region(region).requests().stream().map(r -> r.operation())
                    .filter(o -> o == Operation.CREATE_IMAGE || o == Operation.UPLOAD || o == Operation.UPDATE_IMAGE)
                    .toList();
            assertThat(ops).containsSubsequence(Operation.CREATE_IMAGE, Operation.UPLOAD, Operation.UPDATE_IMAGE);
            assertThat(ops.indexOf(Operation.UPDATE_IMAGE)).isGreaterThan(ops.indexOf(Operation.UPLOAD));
        }
    }

    @Test
    void aProtectedCopyThroughV1WhoseUploadFailsLeavesNoImageUnderAllOrNothing(FakeGlance fake) {
        fake.region("region-a").inject(Operation.UPLOAD, Fault.corruptedByte(1024 * 1024));

        PublishResult result;
        try (ImageServices targets = v1Targets(fake)) {
            result = targets.copy(source, original.id(), image -> ImageCopy.from(image).keepProtection().spec(),
                    PublishOptions.allOrNothing());
        }

        assertThat(result.failedRegions()).containsExactly("region-a");
        assertThat(result.outcome("region-b").status()).isEqualTo(RegionOutcome.Status.ROLLED_BACK);
        assertThat(result.outcomes()).noneMatch(RegionOutcome::leftBehind);
        assertThat(imagesEverywhere(fake)).isZero();
    }

    @Test
    void aCommunityVisibilityIsRefusedByEveryV1CreateNamingTheField(FakeGlance fake) {
        // The source as an API v2 service would report it (v1 reports neither community nor os_hidden).
        Image community = original.toBuilder().visibility(Visibility.COMMUNITY).build();

        PublishResult result;
        try (ImageServices targets = v1Targets(fake)) {
            result = targets.copy(source, original.id(), image -> ImageCopy.from(community).keepVisibility().spec(),
                    PublishOptions.bestEffort());
        }

        assertThat(result.failedRegions()).containsExactlyElementsOf(REGIONS);
        assertThat(result.outcomes()).allSatisfy(o -> {
            assertThat(o.imageId()).isEmpty();
            assertThat(o.failure()).hasValueSatisfying(f -> assertThat(f).isInstanceOfSatisfying(
                    InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("visibility")));
        });
        assertThat(anyCreate(fake)).isFalse();
        assertThat(imagesEverywhere(fake)).isZero();
    }

    @Test
    void aHiddenSourceIsRefusedByEveryV1CreateNamingTheField(FakeGlance fake) {
        Image hidden = original.toBuilder().osHidden(true).build();

        PublishResult result;
        try (ImageServices targets = v1Targets(fake)) {
            result = targets.copy(source, original.id(), image -> ImageCopy.from(hidden).keepHidden().spec(),
                    PublishOptions.allOrNothing());
        }

        assertThat(result.failedRegions()).containsExactlyElementsOf(REGIONS);
        assertThat(result.outcomes()).allSatisfy(o -> assertThat(o.failure()).hasValueSatisfying(
                f -> assertThat(f).isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("os_hidden"))));
        assertThat(anyCreate(fake)).isFalse();
        assertThat(imagesEverywhere(fake)).isZero();
    }

    @Test
    void aVisibleSourceAndASharedOneCopyToV1AsTheyCan(FakeGlance fake) {
        // os_hidden false is every image's default: keepHidden carries nothing, so v1 takes the copy; shared is
        // sent as v1's is_public=false, which a v2 view of the same image shows as shared again.
        Image sharedVisible = original.toBuilder().visibility(Visibility.SHARED).osHidden(false).build();

        PublishResult result;
        try (ImageServices targets = v1Targets(fake)) {
            result = targets.copy(source, original.id(),
                    image -> ImageCopy.from(sharedVisible).keepVisibility().keepHidden().spec(),
                    PublishOptions.allOrNothing());
        }

        assertThat(result.publishedRegions()).containsExactlyElementsOf(REGIONS);
        for (String region : REGIONS) {
            assertThat(fake.region(region).image(result.outcome(region).imageId().orElseThrow()))
                    .hasValueSatisfying(i -> assertThat(i).containsEntry("visibility", "shared")
                            .containsEntry("os_hidden", false).containsEntry("protected", false));
            assertThat(fake.region(region).requests()).filteredOn(r -> r.operation() == Operation.CREATE_IMAGE)
                    .singleElement().satisfies(r -> assertThat(r.headers())
                            .containsEntry("x-image-meta-is_public", List.of("False")));
        }
    }
}
