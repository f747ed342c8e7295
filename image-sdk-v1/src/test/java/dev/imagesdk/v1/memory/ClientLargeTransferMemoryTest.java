package dev.imagesdk.v1.memory;

import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.testsupport.memory.ClientMemoryCheck;
import dev.imagesdk.testsupport.memory.GeneratedBytes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * Constant memory through the v1 client: a forked JVM with {@code -Xmx64m} creates a 1 GiB image from a generated
 * stream and downloads it again, verified, against a fake Glance in this JVM that spills blobs to temp files.
 * Forked (as core's {@code LargeTransferMemoryTest}) so the heap limit does not depend on how the build runs.
 * Exclude with {@code -DexcludedGroups=memory}.
 */
@Tag("memory")
class ClientLargeTransferMemoryTest {

    /**
     * 1 GiB, not v2's 4 GiB: the paths are the same (v1 streams through the same engine) and a second 4 GiB leg
     * would double the module's runtime on a loaded machine; the heap bound is the same {@code -Xmx64m}.
     */
    static final long ONE_GIB = 1L << 30;
    /** MD5 of 1 GiB of {@link GeneratedBytes}, computed with coreutils md5sum. */
    static final String MD5_1GIB = "10ec5152c945e66e7d15c0bdab31f1f1";

    @Test
    void oneGibCreateAndDownloadThroughTheV1ClientRunIn64MibHeap() throws Exception {
        String output = runChild("V1", ONE_GIB, MD5_1GIB);
        assertThat(output).contains("RESULT ok api=V1 bytes=" + ONE_GIB + " md5=" + MD5_1GIB);
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
