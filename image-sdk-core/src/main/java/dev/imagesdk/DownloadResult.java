package dev.imagesdk;

import java.util.Objects;

/**
 * The outcome of a verified download.
 *
 * @param imageId the image downloaded
 * @param bytes the number of bytes of image data
 * @param algorithm the algorithm the data was verified with ({@code sha512}, {@code md5}, ...), or
 *                  {@code "none"} when the service gave nothing to verify against (an image with no
 *                  checksum, e.g. one with external locations); never silently skipped otherwise
 * @param digest the hex digest computed over the bytes with {@code algorithm} (empty for {@code none})
 * @param resumes how many times the transfer was resumed with a {@code Range} request
 */
public record DownloadResult(String imageId, long bytes, String algorithm, String digest, int resumes) {
    /**
     * Checks the required parts.
     *
     * @param imageId the image downloaded
     * @param bytes the number of bytes of image data
     * @param algorithm the algorithm the data was verified with ({@code sha512}, {@code md5}, ...), or {@code "none"}
     *         when the service gave nothing to verify against (an image with no checksum, e.g. one with external
     *         locations); never silently skipped otherwise
     * @param digest the hex digest computed over the bytes with {@code algorithm} (empty for {@code none})
     * @param resumes how many times the transfer was resumed with a {@code Range} request
     * @throws NullPointerException if imageId, algorithm or digest is null
     */
    public DownloadResult {
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(digest, "digest");
    }
}
