package dev.imagesdk.regions;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.ImageServices;
import dev.imagesdk.exception.ChecksumMismatchException;
import dev.imagesdk.exception.DiskFormatMismatchException;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.fake.Fault;
import dev.imagesdk.fake.Operation;
import dev.imagesdk.fake.junit.FakeGlanceExtension;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.ImageStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ImageServices#publish}: one read of the source, every region verified against one digest, and the
 * failure policies with a fault injected in one region at each step (create, mid-upload, verification).
 */
class PublishToRegionsTest {

    static final List<String> REGIONS = List.of("region-a", "region-b", "region-c");
    static final byte[] DATA = new byte[5 * 1024 * 1024 + 123];

    static {
        new Random(2004).nextBytes(DATA);
    }

    @RegisterExtension
    static FakeGlanceExtension cloud = FakeGlanceExtension.configured(
            b -> b.regions(REGIONS.toArray(String[]::new)));

    static ImageSpec spec() {
        return ImageSpec.builder().name("partner image").diskFormat(DiskFormat.RAW)
                .containerFormat(ContainerFormat.BARE).build();
    }

    static String hex(String algorithm) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(DATA));
    }

    static ImageServices regions(FakeGlance fake, ApiVersion version) {
        return ImageService.builder().config(FakeGlanceExtension.clientConfig(fake, null)).apiVersion(version)
                .buildForRegions(REGIONS);
    }

    /**
     * A replayable source that counts the bytes read through each stream it opens (the disk-image inspection
     * opens one to read a bounded header; the publication must read the whole image exactly once).
     */
    static final class CountingSource {
        final List<AtomicLong> streams = new java.util.concurrent.CopyOnWriteArrayList<>();

        ImageData data() {
            return ImageData.fromSupplier(() -> {
                AtomicLong read = new AtomicLong();
                streams.add(read);
                return new FilterInputStream(new ByteArrayInputStream(DATA)) {
                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = super.read(b, off, len);
                        if (n > 0) {
                            read.addAndGet(n);
                        }
                        return n;
                    }
                };
            }, DATA.length);
        }

        /** How many streams read more than the inspection's bounded header (1 MiB): full passes over the data. */
        long fullReads() {
            return streams.stream().filter(r -> r.get() > 1024 * 1024).count();
        }

        long bytesOfFullReads() {
            return streams.stream().mapToLong(AtomicLong::get).filter(n -> n > 1024 * 1024).sum();
        }
    }

    static long imagesEverywhere(FakeGlance fake) {
        return REGIONS.stream().mapToLong(r -> fake.region(r).images().size()).sum();
    }

    @Test
    void publishesToEveryRegionFromOneReadOfTheSource(FakeGlance fake) throws Exception {
        CountingSource source = new CountingSource();
        Map<String, Long> regionProgress = new ConcurrentHashMap<>();
        AtomicLong sourceProgress = new AtomicLong();
        PublishListener listener = new PublishListener() {
            @Override
            public void onRegionProgress(String region, long bytesSent, long totalBytes) {
                regionProgress.merge(region, bytesSent, Math::max);
            }

            @Override
            public void onSourceProgress(long bytesRead, long totalBytes) {
                sourceProgress.accumulateAndGet(bytesRead, Math::max);
            }
        };

        PublishResult result;
        try (ImageServices regions = regions(fake, ApiVersion.V2)) {
            result = regions.publish(spec(), source.data(),
                    PublishOptions.builder().listener(listener).bufferSize(64 * 1024).build());
        }

        assertThat(result.allPublished()).isTrue();
        assertThat(source.fullReads()).isEqualTo(1);
        assertThat(source.bytesOfFullReads()).isEqualTo(DATA.length);
        assertThat(source.streams).hasSize(2); // the bounded inspection, then the one read for every region
        assertThat(result.bytes()).isEqualTo(DATA.length);
        assertThat(result.md5()).contains(hex("MD5"));
        assertThat(result.sha512()).contains(hex("SHA-512"));
        for (String region : REGIONS) {
            RegionOutcome o = result.outcome(region);
            assertThat(o.image()).hasValueSatisfying(i -> {
                assertThat(i.status()).isEqualTo(ImageStatus.ACTIVE);
                assertThat(i.size()).isEqualTo(DATA.length);
            });
            Map<String, Object> stored = fake.region(region).image(o.imageId().orElseThrow()).orElseThrow();
            assertThat(stored).containsEntry("checksum", hex("MD5")).containsEntry("status", "active");
            assertThat(regionProgress).containsEntry(region, (long) DATA.length);
        }
        assertThat(sourceProgress.get()).isEqualTo(DATA.length);
    }

    @Test
    void aOneShotStreamIsReadOnceForEveryRegion(FakeGlance fake) {
        AtomicLong read = new AtomicLong();
        InputStream stream = new FilterInputStream(new ByteArrayInputStream(DATA)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    read.addAndGet(n);
                }
                return n;
            }
        };

        PublishResult result;
        try (ImageServices regions = regions(fake, ApiVersion.V2)) {
            result = regions.publish(spec(), ImageData.fromStream(stream, -1), PublishOptions.allOrNothing());
        }

        assertThat(result.publishedRegions()).containsExactlyElementsOf(REGIONS);
        assertThat(read.get()).isEqualTo(DATA.length);
        assertThat(imagesEverywhere(fake)).isEqualTo(REGIONS.size());
    }

    /** Where in region-b the injected fault strikes. */
    enum Position {
        CREATE(Operation.CREATE_IMAGE, Fault.internalError(1)),
        MID_UPLOAD(Operation.UPLOAD, Fault.dropConnectionMidUpload(2 * 1024 * 1024)),
        VERIFICATION(Operation.UPLOAD, Fault.corruptedByte(3 * 1024 * 1024 + 5));

        final Operation operation;
        final Fault fault;

        Position(Operation operation, Fault fault) {
            this.operation = operation;
            this.fault = fault;
        }
    }

    @ParameterizedTest
    @EnumSource(Position.class)
    void allOrNothingLeavesNoImageAnywhereAfterAFailureInOneRegion(Position position, FakeGlance fake) {
        fake.region("region-b").inject(position.operation, position.fault);
        CountingSource source = new CountingSource();

        PublishResult result;
        try (ImageServices regions = regions(fake, ApiVersion.V2)) {
            result = regions.publish(spec(), source.data(), PublishOptions.allOrNothing());
        }

        assertThat(imagesEverywhere(fake)).isZero();
        assertThat(result.failedRegions()).containsExactly("region-b");
        assertThat(result.outcome("region-a").status()).isEqualTo(RegionOutcome.Status.ROLLED_BACK);
        assertThat(result.outcome("region-c").status()).isEqualTo(RegionOutcome.Status.ROLLED_BACK);
        assertThat(result.outcomes()).noneMatch(RegionOutcome::leftBehind);
        assertThat(source.fullReads()).isLessThanOrEqualTo(1);
        assertThatThrownBy(result::throwIfFailed).isInstanceOf(ImageSdkClientException.class)
                .hasMessageContaining("region-b FAILED");
        if (position == Position.CREATE) {
            assertThat(source.fullReads()).isZero();
            assertThat(result.outcome("region-b").imageId()).isEmpty();
        }
        if (position == Position.VERIFICATION) {
            assertThat(result.outcome("region-b").failure()).containsInstanceOf(ChecksumMismatchException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Position.class)
    void bestEffortReportsExactlyTheFailedRegionAndKeepsTheOthers(Position position, FakeGlance fake)
            throws Exception {
        fake.region("region-b").inject(position.operation, position.fault);

        PublishResult result;
        try (ImageServices regions = regions(fake, ApiVersion.V2)) {
            result = regions.publish(spec(), new CountingSource().data(), PublishOptions.bestEffort());
        }

        assertThat(result.failedRegions()).containsExactly("region-b");
        assertThat(result.publishedRegions()).containsExactly("region-a", "region-c");
        assertThat(result.outcome("region-b").failure()).isPresent();
        assertThat(fake.region("region-b").images()).isEmpty();
        for (String kept : List.of("region-a", "region-c")) {
            String id = result.outcome(kept).imageId().orElseThrow();
            assertThat(fake.region(kept).image(id)).hasValueSatisfying(
                    i -> assertThat(i).containsEntry("status", "active").containsEntry("checksum", hex0("MD5")));
        }
    }

    static String hex0(String algorithm) {
        try {
            return hex(algorithm);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ImageSpec qcow2Spec() {
        return ImageSpec.builder().name("claims qcow2").diskFormat(DiskFormat.QCOW2)
                .containerFormat(ContainerFormat.BARE).build();
    }

    @Test
    void aReplayableSourceContradictingItsDiskFormatIsRefusedBeforeAnythingIsCreated(FakeGlance fake) {
        try (ImageServices regions = regions(fake, ApiVersion.V2)) {
            fake.clearRequests();
            assertThatThrownBy(() -> regions.publish(qcow2Spec(), ImageData.fromBytes(DATA),
                    PublishOptions.allOrNothing())).isInstanceOf(DiskFormatMismatchException.class);
        }
        assertThat(imagesEverywhere(fake)).isZero();
        assertThat(REGIONS.stream().flatMap(r -> fake.region(r).requests().stream()))
                .noneMatch(r -> r.method().equals("POST") && r.path().equals("/v2/images"));
    }

    @Test
    void aOneShotSourceContradictingItsDiskFormatFailsEveryRegionWithTheRefusal(FakeGlance fake) {
        PublishResult result;
        try (ImageServices regions = regions(fake, ApiVersion.V2)) {
            result = regions.publish(qcow2Spec(), ImageData.fromStream(new ByteArrayInputStream(DATA), DATA.length),
                    PublishOptions.bestEffort());
        }

        assertThat(result.failedRegions()).containsExactlyElementsOf(REGIONS);
        assertThat(result.outcomes()).allSatisfy(o -> assertThat(o.failure())
                .containsInstanceOf(DiskFormatMismatchException.class));
        assertThat(imagesEverywhere(fake)).isZero();
    }

    @Test
    void anUnreadableSourceCreatesNothing(FakeGlance fake) {
        ImageData broken = ImageData.fromSupplier(() -> {
            throw new IOException("no such disk");
        }, 10);

        try (ImageServices regions = regions(fake, ApiVersion.V2)) {
            assertThatThrownBy(() -> regions.publish(spec(), broken, PublishOptions.allOrNothing()))
                    .isInstanceOf(ImageSdkClientException.class).hasMessageContaining("no such disk");
        }
        assertThat(imagesEverywhere(fake)).isZero();
    }

    /** A one-shot source whose declared length is one byte off: too long, too short. */
    enum WrongLength {
        LONGER(-1), SHORTER(+1);

        final int declaredMinusActual;

        WrongLength(int declaredMinusActual) {
            this.declaredMinusActual = declaredMinusActual;
        }
    }

    @ParameterizedTest
    @EnumSource(WrongLength.class)
    void aSourceOfTheWrongLengthFailsEveryRegionOnTheFieldLengthAndLeavesNothing(WrongLength wrong, FakeGlance fake) {
        long declared = DATA.length + wrong.declaredMinusActual;

        PublishResult result;
        try (ImageServices regions = regions(fake, ApiVersion.V2)) {
            result = regions.publish(spec(), ImageData.fromStream(new ByteArrayInputStream(DATA), declared),
                    PublishOptions.bestEffort());
        }

        assertThat(result.failedRegions()).containsExactlyElementsOf(REGIONS);
        assertThat(result.outcomes()).allSatisfy(o -> assertThat(o.failure()).hasValueSatisfying(f ->
                assertThat(f).isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("length");
                    assertThat(e.getMessage()).contains(Long.toString(declared));
                })));
        assertThat(imagesEverywhere(fake)).isZero();
        // No region ever held the whole (wrong) body: the buffer that would have completed it was withheld.
        assertThat(REGIONS).allSatisfy(r -> assertThat(fake.region(r).requests())
                .noneMatch(q -> q.method().equals("PUT") && q.status() >= 200 && q.status() < 300));
    }

    @Test
    void eachRegionSendsTheSharedBuffersOnItsOwnThreadWithoutAPipelineWorker(FakeGlance fake) {
        Map<String, java.util.Set<String>> threads = new ConcurrentHashMap<>();
        PublishListener listener = new PublishListener() {
            @Override
            public void onRegionProgress(String region, long bytesSent, long totalBytes) {
                threads.computeIfAbsent(region, k -> ConcurrentHashMap.newKeySet())
                        .add(Thread.currentThread().getName());
            }
        };

        PublishResult result;
        try (ImageServices regions = regions(fake, ApiVersion.V2)) {
            result = regions.publish(spec(), ImageData.fromBytes(DATA),
                    PublishOptions.builder().listener(listener).build());
        }

        result.throwIfFailed();
        // Progress is reported by the thread that writes to the socket: one publishing thread per region, not
        // a transfer worker copying the bytes once more.
        assertThat(threads.keySet()).containsExactlyInAnyOrderElementsOf(REGIONS);
        assertThat(threads.values()).allSatisfy(names -> assertThat(names).hasSize(1)
                .allMatch(n -> n.startsWith("image-sdk-publish-")));
    }

    @Test
    void anInterruptWhileARegionIsStalledEndsThePublicationPromptlyAndLeavesNoImage(FakeGlance fake) throws Exception {
        fake.region("region-b").inject(Operation.UPLOAD, Fault.stall());
        java.util.concurrent.CountDownLatch uploading = new java.util.concurrent.CountDownLatch(1);
        PublishListener listener = new PublishListener() {
            @Override
            public void onRegionProgress(String region, long bytesSent, long totalBytes) {
                uploading.countDown();
            }
        };
        CallOnThread publish;
        try (ImageServices regions = regions(fake, ApiVersion.V2)) {
            publish = new CallOnThread(() -> regions.publish(spec(), ImageData.fromBytes(DATA),
                    PublishOptions.builder().listener(listener).build()));
            assertThat(uploading.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(publish.interruptAndJoin()).isLessThan(java.time.Duration.ofSeconds(5));
        } finally {
            fake.releaseStalls();
        }

        assertThat(publish.flagKept()).isTrue();
        assertThat(publish.outcome()).isInstanceOfSatisfying(PublishResult.class, r -> {
            assertThat(r.publishedRegions()).isEmpty();
            assertThat(r.outcomes()).noneMatch(RegionOutcome::leftBehind);
        });
        assertThat(imagesEverywhere(fake)).isZero();
    }

    @Test
    void anInterruptWhileTheImagesAreCreatedStillDeletesTheOneCreatedAfterIt(FakeGlance fake) throws Exception {
        fake.region("region-b").inject(Operation.CREATE_IMAGE, Fault.latency(java.time.Duration.ofMillis(1500)));
        CallOnThread publish;
        try (ImageServices regions = regions(fake, ApiVersion.V2)) {
            publish = new CallOnThread(() -> regions.publish(spec(), ImageData.fromBytes(DATA),
                    PublishOptions.allOrNothing()));
            // region-a and region-c answer at once; region-b's create is still held when the interrupt comes
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (fake.region("region-a").images().isEmpty() || fake.region("region-c").images().isEmpty()) {
                assertThat(System.nanoTime()).as("region-a and region-c created their images").isLessThan(deadline);
                Thread.onSpinWait();
            }
            assertThat(fake.region("region-b").images()).isEmpty();
            publish.interruptAndJoin();
        }

        assertThat(publish.flagKept()).isTrue();
        assertThat(publish.outcome()).isInstanceOfSatisfying(PublishResult.class, r -> {
            assertThat(r.publishedRegions()).isEmpty();
            assertThat(r.outcome("region-b").imageId()).as("the image created after the interrupt is known").isPresent();
            assertThat(r.outcomes()).noneMatch(RegionOutcome::leftBehind);
        });
        assertThat(imagesEverywhere(fake)).isZero();
    }
}
