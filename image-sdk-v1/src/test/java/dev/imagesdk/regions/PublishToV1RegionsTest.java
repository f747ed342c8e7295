package dev.imagesdk.regions;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.ImageServices;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.fake.Fault;
import dev.imagesdk.fake.Operation;
import dev.imagesdk.fake.junit.FakeGlanceExtension;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.ImageSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ImageServices#publish} through API v1 services: one read, verified in each region, all or nothing. */
class PublishToV1RegionsTest {

    static final byte[] DATA = new byte[3 * 1024 * 1024 + 7];

    static {
        new Random(11).nextBytes(DATA);
    }

    @RegisterExtension
    static FakeGlanceExtension cloud = FakeGlanceExtension.configured(b -> b.regions("region-a", "region-b"));

    static ImageSpec spec() {
        return ImageSpec.builder().name("v1 partner image").diskFormat(DiskFormat.RAW)
                .containerFormat(ContainerFormat.BARE).build();
    }

    static ImageServices v1Regions(FakeGlance fake) {
        return ImageService.builder().config(FakeGlanceExtension.clientConfig(fake, null)).apiVersion(ApiVersion.V1)
                .buildForRegions("region-a", "region-b");
    }

    @Test
    void publishesThroughV1ToEveryRegionFromOneRead(FakeGlance fake) throws Exception {
        AtomicLong read = new AtomicLong();
        ImageData data = ImageData.fromStream(new FilterInputStream(new ByteArrayInputStream(DATA)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    read.addAndGet(n);
                }
                return n;
            }
        }, DATA.length);

        PublishResult result;
        try (ImageServices regions = v1Regions(fake)) {
            assertThat(regions.get("region-a").apiVersion()).isEqualTo(ApiVersion.V1);
            result = regions.publish(spec(), data, PublishOptions.allOrNothing());
        }

        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(DATA));
        assertThat(result.publishedRegions()).containsExactly("region-a", "region-b");
        assertThat(read.get()).isEqualTo(DATA.length);
        for (String region : result.publishedRegions()) {
            assertThat(fake.region(region).image(result.outcome(region).imageId().orElseThrow()))
                    .hasValueSatisfying(i -> assertThat(i).containsEntry("checksum", md5));
        }
    }

    @Test
    void allOrNothingThroughV1LeavesNoImageAfterACorruptStoreInOneRegion(FakeGlance fake) {
        fake.region("region-a").inject(Operation.UPLOAD, Fault.corruptedByte(1000));

        PublishResult result;
        try (ImageServices regions = v1Regions(fake)) {
            result = regions.publish(spec(), ImageData.fromBytes(DATA), PublishOptions.allOrNothing());
        }

        assertThat(result.failedRegions()).containsExactly("region-a");
        assertThat(result.outcome("region-b").status()).isEqualTo(RegionOutcome.Status.ROLLED_BACK);
        assertThat(fake.region("region-a").images()).isEmpty();
        assertThat(fake.region("region-b").images()).isEmpty();
    }
}
