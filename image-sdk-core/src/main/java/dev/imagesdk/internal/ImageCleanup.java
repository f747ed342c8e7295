package dev.imagesdk.internal;

import dev.imagesdk.ImageService;
import dev.imagesdk.exception.ConflictException;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.exception.NotFoundException;

/** Removing what a failed operation left behind, for both API versions. */
public final class ImageCleanup {

    private ImageCleanup() {
    }

    /**
     * After a create of {@code imageId} (an id the SDK chose before sending, so a create whose answer was lost
     * can be cleaned up) failed with {@code failure}: deletes it as {@link #deleteQuietly} does, unless the
     * failure proves this create did not make the image. A {@link ConflictException} means an image with that
     * id already exists and is someone else's (or was not verified to be ours), and an
     * {@link InvalidInputException} means nothing was sent: then nothing is deleted. The one rule for v1 and v2.
     *
     * @return whether a delete was attempted
     */
    public static boolean deleteAfterFailedCreate(ImageService images, String imageId, Throwable failure) {
        if (!mayHaveCreated(failure)) {
            return false;
        }
        deleteQuietly(images, imageId, failure);
        return true;
    }

    /** False when {@code failure} proves the create did not make the image (see {@link #deleteAfterFailedCreate}). */
    public static boolean mayHaveCreated(Throwable failure) {
        return !(failure instanceof ConflictException || failure instanceof InvalidInputException);
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
