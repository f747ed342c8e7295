package dev.imagesdk.internal.transfer;

import java.util.Optional;

/**
 * What the image's metadata says about its data, read before the download starts.
 *
 * @param expected the checksum to verify against, if the metadata has one
 * @param size the image size in bytes, or -1 when unknown
 */
public record DownloadMetadata(Optional<ExpectedChecksum> expected, long size) {
    public DownloadMetadata {
        expected = expected == null ? Optional.empty() : expected;
    }
}
