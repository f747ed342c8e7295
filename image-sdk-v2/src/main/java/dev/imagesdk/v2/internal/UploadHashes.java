package dev.imagesdk.v2.internal;

import java.util.Objects;

/**
 * What the streaming path computed over the bytes it sent.
 *
 * @param md5 hex MD5
 * @param sha512 hex SHA-512
 * @param bytes the number of bytes sent
 */
public record UploadHashes(String md5, String sha512, long bytes) {
    public UploadHashes {
        Objects.requireNonNull(md5, "md5");
        Objects.requireNonNull(sha512, "sha512");
    }
}
