package dev.imagesdk.internal.transfer;

import dev.imagesdk.exception.ImageSdkClientException;
import org.apache.commons.codec.binary.Hex;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Maps Glance's {@code os_hash_algo} names (Python hashlib names) to JCA digests. */
public final class HashAlgorithms {

    private static final Map<String, String> JCA = Map.ofEntries(
            Map.entry("md5", "MD5"),
            Map.entry("sha1", "SHA-1"),
            Map.entry("sha224", "SHA-224"),
            Map.entry("sha256", "SHA-256"),
            Map.entry("sha384", "SHA-384"),
            Map.entry("sha512", "SHA-512"),
            Map.entry("sha512_224", "SHA-512/224"),
            Map.entry("sha512_256", "SHA-512/256"),
            Map.entry("sha3_224", "SHA3-224"),
            Map.entry("sha3_256", "SHA3-256"),
            Map.entry("sha3_384", "SHA3-384"),
            Map.entry("sha3_512", "SHA3-512"));

    private HashAlgorithms() {
    }

    /** The normalised Glance name ({@code "SHA-512"} and {@code "sha512"} both give {@code "sha512"}). */
    public static String normalise(String glanceName) {
        String n = glanceName.trim().toLowerCase(Locale.ROOT).replace("/", "_");
        return n.startsWith("sha3-") ? "sha3_" + n.substring(5) : n.replace("-", "");
    }

    /** The JCA name for a Glance algorithm name, if this JVM supports it. */
    public static Optional<String> jcaName(String glanceName) {
        String jca = JCA.get(normalise(glanceName));
        if (jca == null) {
            return Optional.empty();
        }
        try {
            MessageDigest.getInstance(jca);
            return Optional.of(jca);
        } catch (NoSuchAlgorithmException e) {
            return Optional.empty(); // e.g. MD5 on a FIPS-restricted JVM
        }
    }

    /** {@code true} if the JVM can compute the Glance algorithm. */
    public static boolean isSupported(String glanceName) {
        return jcaName(glanceName).isPresent();
    }

    /**
     * A new digest for a Glance algorithm name.
     *
     * @throws ImageSdkClientException if the algorithm is unknown or not available in this JVM
     */
    public static MessageDigest newDigest(String glanceName) {
        String jca = jcaName(glanceName).orElseThrow(() -> new ImageSdkClientException(
                "Hash algorithm '" + glanceName + "' is not supported by this JVM"));
        try {
            return MessageDigest.getInstance(jca);
        } catch (NoSuchAlgorithmException e) {
            throw new ImageSdkClientException("Hash algorithm '" + glanceName + "' is not available", e);
        }
    }

    /** Lower-case hex of a finished digest. */
    public static String hex(MessageDigest digest) {
        return Hex.encodeHexString(digest.digest());
    }
}
