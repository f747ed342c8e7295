package dev.imagesdk.regions;

import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.ImageServices;
import dev.imagesdk.exception.ChecksumMismatchException;
import dev.imagesdk.exception.ForbiddenException;
import dev.imagesdk.exception.ImageServiceException;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.fake.Fault;
import dev.imagesdk.fake.Operation;
import dev.imagesdk.fake.RecordedRequest;
import dev.imagesdk.fake.junit.FakeGlanceExtension;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.ImageUpdate;
import dev.imagesdk.model.Visibility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ImageCopy}'s opt-in visibility, protection and hiding, through {@link ImageServices#copy} between two
 * fakes: the default leaves them to the target's owner, each {@code keep...} carries its own, and a protected copy
 * is protected only after its bytes were verified, so that every rollback can still delete it.
 */
class CopyVisibilityProtectionHidingTest {

    static final byte[] DATA = new byte[3 * 1024 * 1024 + 17];
    static final List<String> REGIONS = List.of("region-a", "region-b");
    static FakeGlance sourceCloud;

    @RegisterExtension
    static FakeGlanceExtension targetCloud = FakeGlanceExtension.configured(
            b -> b.regions(REGIONS.toArray(String[]::new)));

    ImageService source;
    /** community, protected and hidden: none of it is the target's default. */
    Image original;

    @BeforeAll
    static void startSourceCloud() {
        new Random(20).nextBytes(DATA);
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
                .containerFormat(ContainerFormat.BARE).visibility(Visibility.COMMUNITY).isProtected(true)
                .osHidden(true).property("architecture", "x86_64").build(), ImageData.fromBytes(DATA), (d, t) -> { });
        assertThat(original.visibility()).isEqualTo(Visibility.COMMUNITY);
        assertThat(original.isProtected()).isTrue();
        assertThat(original.osHidden()).isTrue();
    }

    @AfterEach
    void closeSource() {
        source.close();
    }

    static ImageServices targets(FakeGlance fake) {
        return ImageService.builder().config(FakeGlanceExtension.clientConfig(fake, null)).buildForRegions(REGIONS);
    }

    static long imagesEverywhere(FakeGlance fake) {
        return REGIONS.stream().mapToLong(r -> fake.region(r).images().size()).sum();
    }

    /** The copy's attributes as the target fake stores them. */
    static Map<String, Object> stored(FakeGlance fake, PublishResult result, String region) {
        return fake.region(region).image(result.outcome(region).imageId().orElseThrow()).orElseThrow();
    }

    @Test
    void theDefaultCopyCarriesNeitherVisibilityNorProtectionNorHiding(FakeGlance fake) {
        PublishResult result;
        try (ImageServices targets = targets(fake)) {
            result = targets.copy(source, original.id(), PublishOptions.allOrNothing());
        }

        assertThat(result.allPublished()).isTrue();
        for (String region : REGIONS) {
            assertThat(stored(fake, result, region)).containsEntry("visibility", "shared")
                    .containsEntry("protected", false).containsEntry("os_hidden", false)
                    .containsEntry("architecture", "x86_64");
        }
    }

    /** One opt-in, and what the target stores for the three attributes with it alone. */
    enum Keep {
        VISIBILITY(ImageCopy::keepVisibility, "community", false, false),
        PROTECTION(ImageCopy::keepProtection, "shared", true, false),
        HIDING(ImageCopy::keepHidden, "shared", false, true);

        final UnaryOperator<ImageCopy> keep;
        final String visibility;
        final boolean isProtected;
        final boolean hidden;

        Keep(UnaryOperator<ImageCopy> keep, String visibility, boolean isProtected, boolean hidden) {
            this.keep = keep;
            this.visibility = visibility;
            this.isProtected = isProtected;
            this.hidden = hidden;
        }
    }

    @ParameterizedTest
    @EnumSource(Keep.class)
    void eachOptInCarriesItsAttributeAndOnlyIt(Keep keep, FakeGlance fake) {
        PublishResult result;
        try (ImageServices targets = targets(fake)) {
            result = targets.copy(source, original.id(), image -> keep.keep.apply(ImageCopy.from(image)).spec(),
                    PublishOptions.allOrNothing());
        }

        assertThat(result.allPublished()).isTrue();
        for (String region : REGIONS) {
            assertThat(stored(fake, result, region)).containsEntry("visibility", keep.visibility)
                    .containsEntry("protected", keep.isProtected).containsEntry("os_hidden", keep.hidden)
                    .containsEntry("status", "active").containsEntry("checksum", original.checksum());
            Image reported = result.outcome(region).image().orElseThrow();
            assertThat(reported.isProtected()).isEqualTo(keep.isProtected);
        }
    }

    @Test
    void allThreeOptInsTogetherCarryAllThree(FakeGlance fake) {
        PublishResult result;
        try (ImageServices targets = targets(fake)) {
            result = targets.copy(source, original.id(),
                    image -> ImageCopy.from(image).keepVisibility().keepProtection().keepHidden().spec(),
                    PublishOptions.bestEffort());
        }

        assertThat(result.publishedRegions()).containsExactlyElementsOf(REGIONS);
        for (String region : REGIONS) {
            assertThat(stored(fake, result, region)).containsEntry("visibility", "community")
                    .containsEntry("protected", true).containsEntry("os_hidden", true);
        }
    }

    @Test
    void aProtectedCopyIsProtectedOnlyAfterItsBytesWereUploaded(FakeGlance fake) {
        PublishResult result;
        try (ImageServices targets = targets(fake)) {
            result = targets.copy(source, original.id(), image -> ImageCopy.from(image).keepProtection().spec(),
                    PublishOptions.allOrNothing());
        }

        assertThat(result.allPublished()).isTrue();
        for (String region : REGIONS) {
            List<Operation> ops = fake.region(region).requests().stream().map(RecordedRequest::operation)
                    .filter(o -> o == Operation.CREATE_IMAGE || o == Operation.UPLOAD || o == Operation.UPDATE_IMAGE)
                    .toList();
            assertThat(ops).containsExactly(Operation.CREATE_IMAGE, Operation.UPLOAD, Operation.UPDATE_IMAGE);
        }
    }

    /** Where in region-b the copy of a protected image fails before it is protected. */
    enum Failure {
        MID_UPLOAD(Fault.dropConnectionMidUpload(1024 * 1024)),
        VERIFICATION(Fault.corruptedByte(2 * 1024 * 1024 + 3));

        final Fault fault;

        Failure(Fault fault) {
            this.fault = fault;
        }
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void aProtectedCopyWhoseUploadFailsLeavesNoImageAnywhereUnderAllOrNothing(Failure failure, FakeGlance fake) {
        fake.region("region-b").inject(Operation.UPLOAD, failure.fault);

        PublishResult result;
        try (ImageServices targets = targets(fake)) {
            result = targets.copy(source, original.id(), image -> ImageCopy.from(image).keepProtection().spec(),
                    PublishOptions.allOrNothing());
        }

        assertThat(result.failedRegions()).containsExactly("region-b");
        assertThat(result.outcome("region-a").status()).isEqualTo(RegionOutcome.Status.ROLLED_BACK);
        assertThat(result.outcomes()).noneMatch(RegionOutcome::leftBehind);
        assertThat(imagesEverywhere(fake)).isZero();
        if (failure == Failure.VERIFICATION) {
            assertThat(result.outcome("region-b").failure()).containsInstanceOf(ChecksumMismatchException.class);
        }
    }

    @Test
    void aRegionWhereProtectingFailsRollsEveryRegionBackUnderAllOrNothing(FakeGlance fake) {
        // region-a is protected first, then region-b's protection fails: region-a must be unprotected to go.
        fake.region("region-b").inject(Operation.UPDATE_IMAGE, Fault.internalError(1));

        PublishResult result;
        try (ImageServices targets = targets(fake)) {
            result = targets.copy(source, original.id(), image -> ImageCopy.from(image).keepProtection().spec(),
                    PublishOptions.allOrNothing());
        }

        assertThat(result.failedRegions()).containsExactly("region-b");
        assertThat(result.outcome("region-b").failure()).containsInstanceOf(ImageServiceException.class);
        assertThat(result.outcome("region-a").status()).isEqualTo(RegionOutcome.Status.ROLLED_BACK);
        assertThat(result.outcome("region-a").imageId()).isPresent();
        assertThat(result.outcomes()).noneMatch(RegionOutcome::leftBehind);
        assertThat(result.publishedRegions()).isEmpty();
        assertThat(fake.region("region-a").requests()).anyMatch(r -> r.operation() == Operation.UPDATE_IMAGE
                && r.status() == 200);
        assertThat(imagesEverywhere(fake)).isZero();
    }

    @Test
    void aRegionWhereProtectingFailsIsDeletedAndReportedAloneUnderBestEffort(FakeGlance fake) {
        fake.region("region-a").inject(Operation.UPDATE_IMAGE, Fault.internalError(1));

        PublishResult result;
        try (ImageServices targets = targets(fake)) {
            result = targets.copy(source, original.id(), image -> ImageCopy.from(image).keepProtection().spec(),
                    PublishOptions.bestEffort());
        }

        assertThat(result.failedRegions()).containsExactly("region-a");
        assertThat(result.outcome("region-a").failure()).isPresent();
        assertThat(result.outcome("region-a").leftBehind()).isFalse();
        assertThat(fake.region("region-a").images()).isEmpty();
        assertThat(result.publishedRegions()).containsExactly("region-b");
        assertThat(result.outcome("region-b").image()).hasValueSatisfying(i -> assertThat(i.isProtected()).isTrue());
        assertThat(stored(fake, result, "region-b")).containsEntry("protected", true)
                .containsEntry("checksum", original.checksum());
    }

    @Test
    void anInterruptWhileProtectingRollsBackEveryRegionAndKeepsTheFlag(FakeGlance fake) throws Exception {
        // region-a is protected, then region-b's protect is held by the service when the interrupt comes: both
        // images must still go (region-a unprotected first), though the caller's thread is interrupted.
        fake.region("region-b").inject(Operation.UPDATE_IMAGE, Fault.stall());
        CallOnThread copy;
        try (ImageServices targets = targets(fake)) {
            copy = new CallOnThread(() -> targets.copy(source, original.id(),
                    image -> ImageCopy.from(image).keepProtection().spec(), PublishOptions.allOrNothing()));
            // Regions are protected in order: region-b's protect is held only after region-a's returned.
            assertThat(fake.region("region-b").awaitStalled(1, Duration.ofSeconds(20))).isTrue();
            assertThat(fake.region("region-a").images()).singleElement()
                    .satisfies(i -> assertThat(i).containsEntry("protected", true));
            // Not held by the stalled call: it ends at the interrupt, the rollback's three calls follow.
            assertThat(copy.interruptAndJoin()).isLessThan(Duration.ofSeconds(5));
        } finally {
            fake.releaseStalls();
        }

        assertThat(copy.flagKept()).isTrue();
        assertThat(copy.outcome()).isInstanceOfSatisfying(PublishResult.class, r -> {
            assertThat(r.publishedRegions()).isEmpty();
            assertThat(r.failedRegions()).containsExactly("region-b");
            assertThat(r.outcomes()).noneMatch(RegionOutcome::leftBehind);
        });
        assertThat(imagesEverywhere(fake)).isZero();
    }

    @Test
    void aVisibilityTheTargetsPolicyRefusesFailsAtCreateBeforeAnyByteIsSent(FakeGlance fake) {
        // A public source (as its cloud reports it); the target user is not an admin, and Glance's default
        // publicize_image policy lets only admins make an image public.
        Image publicSource = original.toBuilder().visibility(Visibility.PUBLIC).build();

        PublishResult result;
        try (ImageServices targets = targets(fake)) {
            result = targets.copy(source, original.id(), image -> ImageCopy.from(publicSource).keepVisibility().spec(),
                    PublishOptions.bestEffort());
        }

        assertThat(result.failedRegions()).containsExactlyElementsOf(REGIONS);
        assertThat(result.outcomes()).allSatisfy(o -> {
            assertThat(o.imageId()).isEmpty();
            assertThat(o.failure()).containsInstanceOf(ForbiddenException.class);
        });
        assertThat(REGIONS.stream().flatMap(r -> fake.region(r).requests().stream()))
                .noneMatch(r -> r.operation() == Operation.UPLOAD);
        assertThat(imagesEverywhere(fake)).isZero();
    }

    @Test
    void aPublishedProtectedSpecIsProtectedToo(FakeGlance fake) {
        // publish itself, not only copy: a spec asking for protection gets it after verification.
        PublishResult result;
        try (ImageServices targets = targets(fake)) {
            result = targets.publish(ImageSpec.builder().name("protected").diskFormat(DiskFormat.RAW)
                    .containerFormat(ContainerFormat.BARE).isProtected(true).build(), ImageData.fromBytes(DATA),
                    PublishOptions.allOrNothing());
        }

        assertThat(result.allPublished()).isTrue();
        for (String region : REGIONS) {
            assertThat(stored(fake, result, region)).containsEntry("protected", true).containsEntry("status", "active");
        }
    }

    @Test
    void aCopyOfAVisibleUnprotectedSourceCarriesTheDefaultsWhenAskedToKeepThem(FakeGlance fake) {
        source.update(original.id(), ImageUpdate.builder().isProtected(false).osHidden(false)
                .visibility(Visibility.PRIVATE).build());

        PublishResult result;
        try (ImageServices targets = targets(fake)) {
            result = targets.copy(source, original.id(),
                    image -> ImageCopy.from(image).keepVisibility().keepProtection().keepHidden().spec(),
                    PublishOptions.allOrNothing());
        }

        assertThat(result.allPublished()).isTrue();
        for (String region : REGIONS) {
            assertThat(stored(fake, result, region)).containsEntry("visibility", "private")
                    .containsEntry("protected", false).containsEntry("os_hidden", false);
            List<Operation> updates = fake.region(region).requests().stream().map(RecordedRequest::operation)
                    .filter(o -> o == Operation.UPDATE_IMAGE).toList();
            assertThat(updates).isEmpty();
        }
    }
}
