package dev.imagesdk.reliability.memory;

import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.fake.Operation;
import dev.imagesdk.testsupport.memory.GeneratedBytes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Constant memory through the public client, v2 and v1: a forked JVM with {@code -Xmx64m} creates an image from a
 * generated stream and downloads it again, verified, against a fake Glance in this JVM that spills blobs to temp
 * files; and publishes a generated image to three regions of one fake ({@code ImageServices.publish}, issue 20). Forked (as core's {@code LargeTransferMemoryTest}) so the heap limit does not depend on how the build runs.
 * Here, where both clients and the fake are on the class path. Exclude with {@code -DexcludedGroups=memory}.
 */
@Tag("memory")
class ClientLargeTransferMemoryTest {

    static final long FOUR_GIB = 4L << 30;
    /** MD5 of 4 GiB of {@link GeneratedBytes}, computed with coreutils md5sum (same as core's memory test). */
    static final String MD5_4GIB = "5e40997d1e46728d4dc08e80d55d62aa";
    /**
     * 1 GiB for v1, not 4: the paths are the same (v1 streams through the same engine) and a second 4 GiB leg
     * would double the runtime on a loaded machine; the heap bound is the same {@code -Xmx64m}.
     */
    static final long ONE_GIB = 1L << 30;
    /** MD5 of 1 GiB of {@link GeneratedBytes}, computed with coreutils md5sum. */
    static final String MD5_1GIB = "10ec5152c945e66e7d15c0bdab31f1f1";

    @Test
    void fourGibCreateAndDownloadThroughTheV2ClientRunIn64MibHeap() throws Exception {
        String output = runChild("V2", FOUR_GIB, MD5_4GIB);
        assertThat(output).contains("RESULT ok api=V2 bytes=" + FOUR_GIB + " md5=" + MD5_4GIB);
    }

    @Test
    void oneGibCreateAndDownloadThroughTheV1ClientRunIn64MibHeap() throws Exception {
        String output = runChild("V1", ONE_GIB, MD5_1GIB);
        assertThat(output).contains("RESULT ok api=V1 bytes=" + ONE_GIB + " md5=" + MD5_1GIB);
    }

    /**
     * {@code ImageServices.publish} promises memory bounded by its ring of buffers whatever the size: 1 GiB read once
     * and sent to three regions is 48 times the child's whole heap, so any copy per region (or of the source) would
     * fail. 1 GiB, not 4: the ring is reused every 2 MiB, so a bigger image only repeats the same cycle, and three
     * regions cost the fake three MD5 + SHA-512 passes and three spilled temp files (3 GiB of disk) per GiB.
     */
    @Test
    void oneGibPublishedToThreeRegionsFromOneReadRunsIn64MibHeap() throws Exception {
        List<String> regions = List.of("region-a", "region-b", "region-c");
        try (FakeGlance fake = FakeGlance.builder().regions(regions.toArray(String[]::new)).memoryThreshold(1 << 20)
                .start()) {
            String output = PublishMemoryCheck.runInChildJvm(fake.keystoneUrl().toString(), "demo",
                    fake.passwordOf("demo"), fake.projectOf("demo"), ONE_GIB, MD5_1GIB, regions);

            assertThat(output).contains("RESULT ok regions=3 bytes=" + ONE_GIB + " md5=" + MD5_1GIB);
            for (String region : regions) {
                FakeGlance r = fake.region(region);
                assertThat(r.requests()).as(region).filteredOn(q -> q.operation() == Operation.UPLOAD)
                        .singleElement().satisfies(q -> assertThat(q.status()).isEqualTo(204));
                assertThat(r.images()).as("the child deleted its image in " + region).isEmpty();
                assertThat(r.blobsOnDisk()).as(region).isZero();
            }
        }
    }

    static String runChild(String api, long size, String md5) throws Exception {
        try (FakeGlance fake = FakeGlance.builder().memoryThreshold(1 << 20).start()) {
            String output = ClientMemoryCheck.runInChildJvm(api, fake.keystoneUrl().toString(), "demo",
                    fake.passwordOf("demo"), fake.projectOf("demo"), size, md5);
            assertThat(fake.images()).as("the child deleted its image").isEmpty();
            return output;
        }
    }
}
