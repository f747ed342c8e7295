package dev.imagesdk.internal;

import dev.imagesdk.ImageService;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.exception.NotFoundException;

/** Removing what a failed operation left behind, for both API versions. */
public final class ImageCleanup {

    private ImageCleanup() {
    }

    /**
     * Deletes {@code imageId} after {@code cause} made it useless (a failed or corrupt upload). An image that
     * is already gone (or was never created) is fine; any other failure to delete is attached to
     * {@code cause} as a suppressed {@link ImageSdkClientException} naming the image left behind (and
     * carrying the delete's failure as its cause), never thrown, so the caller still throws the failure
     * that matters.
     */
    public static void deleteQuietly(ImageService images, String imageId, Throwable cause) {
        try {
            images.delete(imageId);
        } catch (NotFoundException gone) {
            // never created, or already gone: nothing to clean up
        } catch (ImageSdkException e) {
            // The caller must learn which image is left behind: with a generated id it cannot know it.
            cause.addSuppressed(new ImageSdkClientException("Could not delete image " + imageId
                    + " after the failure; it is left behind", e));
        }
    }
}
