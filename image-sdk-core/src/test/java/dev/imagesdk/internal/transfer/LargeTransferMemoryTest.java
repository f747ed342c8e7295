package dev.imagesdk.internal.transfer;

import dev.imagesdk.testsupport.memory.ChildJvm;
import dev.imagesdk.testsupport.memory.GeneratedBytes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Constant memory: a 4 GiB upload and a 4 GiB verified download in a forked JVM limited to
 * {@code -Xmx64m}. Forking here (instead of a separate surefire execution) keeps the heap limit independent
 * of how the build is invoked. Exclude with {@code -DexcludedGroups=memory}.
 */
@Tag("memory")
class LargeTransferMemoryTest {

    private static final long FOUR_GIB = 4L << 30;
    /** Of 4 GiB of {@link GeneratedBytes}, computed with coreutils md5sum, sha512sum and sha256sum. */
    private static final String MD5 = "5e40997d1e46728d4dc08e80d55d62aa";
    private static final String SHA512 = "fb5d87067d1c51ef2511c4a17ae1b9e8ccfdb96151e3e0273c5b4ab98a04f833"
            + "e58845b83990833595cee54416e9921fa1a4a702415aab5c04554621307bfb72";
    private static final String SHA256 = "1eee51f18e55cf065027e42ee19c29482ff876a99a819220f65ea0c6e68d3f17";

    @Test
    void fourGibUploadAndDownloadRunIn64MibHeapWithCorrectDigests() throws Exception {
        String output = ChildJvm.run(LargeTransferMemoryCheck.class, List.of("-Xmx64m"),
                Long.toString(FOUR_GIB), MD5, SHA512, SHA256);
        assertThat(output)
                .contains("RESULT ok bytes=" + FOUR_GIB + " md5=" + MD5 + " sha512=" + SHA512 + " sha256=" + SHA256)
                .containsPattern("maxHeapMiB=(6[0-4]|[1-5][0-9]) ");
    }
}
