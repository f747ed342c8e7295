package dev.imagesdk.internal.transfer;

import dev.imagesdk.exception.ImageSdkClientException;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExpectedChecksumTest {

    private static final String MD5 = "e25d35a13a091baec9e18772e8bf0014";

    @Test
    void v2PrefersTheMultihash() {
        assertThat(ExpectedChecksum.fromV2("sha512", "ABCD", MD5, false))
                .contains(new ExpectedChecksum("sha512", "abcd", "os_hash_value"));
    }

    @Test
    void v2FallsBackToChecksumWithoutMultihash() {
        assertThat(ExpectedChecksum.fromV2(null, null, MD5, false))
                .contains(new ExpectedChecksum("md5", MD5, "checksum"));
        assertThat(ExpectedChecksum.fromV2(null, null, null, false)).isEmpty();
    }

    @Test
    void unsupportedOsHashAlgoIsAnErrorUnlessMd5FallbackIsAllowed() {
        assertThatThrownBy(() -> ExpectedChecksum.fromV2("whirlpool", "aa", MD5, false))
                .isInstanceOf(ImageSdkClientException.class).hasMessageContaining("whirlpool");
        assertThat(ExpectedChecksum.fromV2("whirlpool", "aa", MD5, true)).map(ExpectedChecksum::algorithm)
                .contains("md5");
    }

    @Test
    void contentMd5IsAcceptedAsHexOrBase64() {
        String base64 = Base64.getEncoder().encodeToString(hexToBytes(MD5));
        assertThat(ExpectedChecksum.fromContentMd5(Map.of("content-md5", List.of(MD5)))).map(ExpectedChecksum::hex)
                .contains(MD5);
        assertThat(ExpectedChecksum.fromContentMd5(Map.of("Content-MD5", List.of(base64))))
                .map(ExpectedChecksum::hex).contains(MD5);
        assertThat(ExpectedChecksum.fromContentMd5(Map.of())).isEmpty();
    }

    @Test
    void v1UsesTheChecksumHeader() {
        assertThat(ExpectedChecksum.fromV1(Map.of("X-Image-Meta-Checksum", List.of(MD5))))
                .isEqualTo(Optional.of(new ExpectedChecksum("md5", MD5, "x-image-meta-checksum")));
    }

    @Test
    void glanceAlgorithmNamesMapToJca() {
        assertThat(HashAlgorithms.jcaName("sha512")).contains("SHA-512");
        assertThat(HashAlgorithms.jcaName("SHA-384")).contains("SHA-384");
        assertThat(HashAlgorithms.jcaName("sha3_256")).contains("SHA3-256");
        assertThat(HashAlgorithms.jcaName("sha256")).contains("SHA-256");
        assertThat(HashAlgorithms.jcaName("md5")).contains("MD5");
        assertThat(HashAlgorithms.jcaName("blake2b")).isEmpty();
    }

    private static byte[] hexToBytes(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
