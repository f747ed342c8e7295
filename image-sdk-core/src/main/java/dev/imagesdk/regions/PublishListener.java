package dev.imagesdk.regions;

/**
 * Progress of a publication. Called from the publication's threads (one per region, plus the reader);
 * implementations must be thread-safe, fast, and must not throw (an exception from a region's callback fails
 * that region's upload).
 */
public interface PublishListener {

    /** A listener that ignores progress. */
    PublishListener NONE = new PublishListener() {
    };

    /**
     * Bytes one region's upload has sent so far.
     *
     * @param region the region (or service name)
     * @param bytesSent bytes of image data sent to that region, non-decreasing
     * @param totalBytes the image size when known, else {@code -1}
     */
    default void onRegionProgress(String region, long bytesSent, long totalBytes) {
    }

    /**
     * Bytes read (and hashed) from the source so far: the total progress, since no region can be ahead of it
     * and the slowest region paces it.
     *
     * @param bytesRead bytes read from the source, non-decreasing
     * @param totalBytes the image size when known, else {@code -1}
     */
    default void onSourceProgress(long bytesRead, long totalBytes) {
    }
}
