package dev.imagesdk.v2.memory;

import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.testsupport.memory.ClientMemoryCheck;
import dev.imagesdk.testsupport.memory.GeneratedBytes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * Constant memory through the v2 client: a forked JVM with {@code -Xmx64m} creates a 4 GiB image from a generated
 * stream and downloads it again, verified, against a fake Glance in this JVM that spills blobs to temp files.
 * Forked (as core's {@code LargeTransferMemoryTest}) so the heap limit does not depend on how the build runs.
 * Exclude with {@code -DexcludedGroups=memory}.
 */
@Tag("memory")
class ClientLargeTransferMemoryTest {

    static final long FOUR_GIB = 4L << 30;
    /** MD5 of 4 GiB of {@link GeneratedBytes}, computed with coreutils md5sum (same as core's memory test). */
    static final String MD5_4GIB = "5e40997d1e46728d4dc08e80d55d62aa";

    @Test
    void fourGibCreateAndDownloadThroughTheV2ClientRunIn64MibHeap() throws Exception {
        String output = runChild("V2", FOUR_GIB, MD5_4GIB);
        assertThat(output).contains("RESULT ok api=V2 bytes=" + FOUR_GIB + " md5=" + MD5_4GIB);
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
