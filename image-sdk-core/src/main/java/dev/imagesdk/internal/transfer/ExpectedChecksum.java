package dev.imagesdk.internal.transfer;

import dev.imagesdk.exception.ImageSdkClientException;
import org.apache.commons.codec.binary.Hex;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The digest downloaded bytes must have, and where it came from.
 *
 * @param algorithm Glance's algorithm name ({@code sha512}, {@code md5}, ...), normalised
 * @param hex the expected digest, lower-case hex
 * @param source where it came from, for messages ({@code os_hash_value}, {@code checksum}, {@code Content-MD5},
 *               {@code x-image-meta-checksum})
 */
public record ExpectedChecksum(String algorithm, String hex, String source) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

    public ExpectedChecksum {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(hex, "hex");
        Objects.requireNonNull(source, "source");
        algorithm = HashAlgorithms.normalise(algorithm);
        hex = hex.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Glance v2 order (as python-glanceclient): {@code os_hash_value} with {@code os_hash_algo}, else
     * {@code checksum} (MD5). An {@code os_hash_algo} this JVM cannot compute is an error unless
     * {@code allowMd5Fallback} and a {@code checksum} exists.
     *
     * @return empty when the image has neither (then the data response's {@code Content-MD5} may be used)
     * @throws ImageSdkClientException for an unsupported algorithm without fallback
     */
    public static Optional<ExpectedChecksum> fromV2(String osHashAlgo, String osHashValue, String checksum,
                                                    boolean allowMd5Fallback) {
        if (present(osHashValue) && present(osHashAlgo)) {
            if (HashAlgorithms.isSupported(osHashAlgo)) {
                return Optional.of(new ExpectedChecksum(osHashAlgo, osHashValue, "os_hash_value"));
            }
            if (!(allowMd5Fallback && present(checksum))) {
                throw new ImageSdkClientException("The image's os_hash_algo '" + osHashAlgo
                        + "' is not supported by this JVM; cannot verify the download");
            }
        }
        if (present(checksum)) {
            return Optional.of(new ExpectedChecksum("md5", checksum, "checksum"));
        }
        return Optional.empty();
    }

    /** Glance v1: the {@code x-image-meta-checksum} header (MD5 hex). */
    public static Optional<ExpectedChecksum> fromV1(Map<String, List<String>> headers) {
        String v = HttpSupport.firstHeader(headers, "x-image-meta-checksum");
        return present(v) ? Optional.of(new ExpectedChecksum("md5", v, "x-image-meta-checksum")) : Optional.empty();
    }

    /**
     * The data response's {@code Content-MD5}. Glance sends it as hex (RFC 1864 says base64): both are
     * accepted.
     */
    public static Optional<ExpectedChecksum> fromContentMd5(Map<String, List<String>> headers) {
        String v = HttpSupport.firstHeader(headers, "Content-MD5");
        if (!present(v)) {
            return Optional.empty();
        }
        v = v.trim();
        if (v.length() == 32 && HEX.matcher(v.toLowerCase(Locale.ROOT)).matches()) {
            return Optional.of(new ExpectedChecksum("md5", v, "Content-MD5"));
        }
        try {
            byte[] raw = Base64.getDecoder().decode(v);
            if (raw.length == 16) {
                return Optional.of(new ExpectedChecksum("md5", Hex.encodeHexString(raw), "Content-MD5"));
            }
        } catch (IllegalArgumentException ignored) {
            // not base64 either: treated as an unusable header below
        }
        throw new ImageSdkClientException("The Content-MD5 header is neither hex nor base64 MD5: " + v);
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
