package dev.imagesdk;

/**
 * Receives progress of an upload or download. Called by one thread at a time, in order, with
 * non-decreasing {@code bytesTransferred}; a successful transfer's last call carries the final count, and
 * that count is reported exactly once (also for an empty image: one call with 0). A retried or resumed
 * transfer reports the bytes of the whole image (a resumed download continues from the byte it reached, a
 * restarted upload starts again from 0).
 *
 * <p>Implementations must be fast and must not throw; an exception thrown by a listener aborts the
 * transfer with an {@link dev.imagesdk.exception.ImageSdkClientException}.
 */
@FunctionalInterface
public interface TransferListener {

    /** A listener that ignores progress. */
    TransferListener NONE = (done, total) -> { };

    /**
     * @param bytesTransferred bytes of image data sent or received so far
     * @param totalBytes the total size when known, else {@code -1}
     */
    void onProgress(long bytesTransferred, long totalBytes);
}
