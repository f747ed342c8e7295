package dev.imagesdk.v2.internal;

import java.util.Objects;

/**
 * What the streaming path computed over the bytes it sent.
 *
 * @param md5 hex MD5
 * @param sha512 hex SHA-512
 * @param bytes the number of bytes sent
 * @param call the upload call as the service's listener knows it (for its verification event); null without a
 *             listener or when the hashes were not computed by an upload
 */
public record UploadHashes(String md5, String sha512, long bytes, dev.imagesdk.event.CallInfo call) {
    public UploadHashes {
        Objects.requireNonNull(md5, "md5");
        Objects.requireNonNull(sha512, "sha512");
    }

    /** Hashes without a call. */
    public UploadHashes(String md5, String sha512, long bytes) {
        this(md5, sha512, bytes, null);
    }
}
