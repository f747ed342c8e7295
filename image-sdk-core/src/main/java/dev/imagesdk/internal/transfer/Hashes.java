package dev.imagesdk.internal.transfer;

import java.util.Objects;

/**
 * Digests computed over the bytes of one transfer, in lower-case hex.
 *
 * @param md5 MD5 (Glance's {@code checksum})
 * @param sha512 SHA-512 (Glance's default {@code os_hash_algo})
 * @param bytes the number of bytes hashed
 */
public record Hashes(String md5, String sha512, long bytes) {
    public Hashes {
        Objects.requireNonNull(md5, "md5");
        Objects.requireNonNull(sha512, "sha512");
    }
}
