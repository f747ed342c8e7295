package dev.imagesdk.v2.memory;

import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.testsupport.memory.ClientMemoryCheck;
import dev.imagesdk.testsupport.memory.GeneratedBytes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
            String java = ProcessHandle.current().info().command().orElse(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString());
            Process child = new ProcessBuilder(List.of(java, "-Xmx64m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                    "-cp", System.getProperty("java.class.path"), ClientMemoryCheck.class.getName(), api,
                    fake.keystoneUrl().toString(), "demo", fake.passwordOf("demo"), fake.projectOf("demo"),
                    Long.toString(size), md5)).redirectErrorStream(true).start();
            String output;
            try {
                output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
            } catch (IOException | InterruptedException e) {
                child.destroyForcibly();
                throw e;
            }
            System.out.print(output);
            assertThat(child.exitValue()).as(output).isZero();
            Matcher m = Pattern.compile("maxHeapMiB=(\\d+) peakHeapUsedMiB=(\\d+)").matcher(output);
            assertThat(m.find()).as(output).isTrue();
            assertThat(Long.parseLong(m.group(1))).isLessThanOrEqualTo(64);
            assertThat(Long.parseLong(m.group(2))).isLessThanOrEqualTo(64);
            assertThat(fake.images()).as("the child deleted its image").isEmpty();
            return output;
        }
    }
}
