package dev.imagesdk.internal;

import dev.imagesdk.ImageService;
import dev.imagesdk.exception.ConflictException;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.exception.NotFoundException;
import dev.imagesdk.model.ImageUpdate;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Removing what a failed operation left behind, for both API versions. */
public final class ImageCleanup {

    /** The longest a caller waits for a cleanup delete (its retries included) before giving up on it. */
    public static final Duration DEADLINE = Duration.ofSeconds(30);

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
     * Deletes {@code imageId} after {@code cause} made it useless (a failed, corrupt or interrupted upload).
     * An image that is already gone (or was never created) is fine; any other failure to delete is attached
     * to {@code cause} as a suppressed {@link ImageSdkClientException} naming the image left behind (and
     * carrying the delete's failure as its cause), never thrown, so the caller still throws the failure
     * that matters.
     *
     * <p>Interrupts: an interrupted operation must still not leave an orphan, so the delete does not run
     * with the caller's interrupt flag (which would fail it at once). It runs on a short-lived cleanup
     * thread while the caller waits with its flag cleared; the flag is restored before this method returns.
     * The wait is bounded by {@link #DEADLINE}; a caller interrupted again while waiting stops waiting at
     * once. In both cases the delete continues on its own thread (bounded by the service's request timeout
     * and retry budget) and the suppressed exception says so.
     */
    public static void deleteQuietly(ImageService images, String imageId, Throwable cause) {
        deleteQuietly(images, imageId, cause, DEADLINE);
    }

    static void deleteQuietly(ImageService images, String imageId, Throwable cause, Duration deadline) {
        delete(images, imageId, deadline).ifPresent(cause::addSuppressed);
    }

    /**
     * Deletes {@code imageId} as {@link #deleteQuietly} does (the same interrupt rules and {@link #DEADLINE}), for a
     * caller that reports the outcome itself.
     *
     * @return empty if the image is gone (deleted, or never there); else why it is, or may be, left behind
     */
    public static Optional<ImageSdkClientException> delete(ImageService images, String imageId) {
        return delete(images, imageId, DEADLINE);
    }

    private static Optional<ImageSdkClientException> delete(ImageService images, String imageId, Duration deadline) {
        return detached("delete", imageId, () -> images.delete(imageId), deadline, "; it is left behind",
                ", and the image may be left behind");
    }

    /**
     * Clears the {@code protected} flag of {@code imageId} before a cleanup {@link #delete} (a protected image
     * cannot be deleted), under the same rules: without the caller's interrupt flag (restored before returning),
     * waited for up to {@link #DEADLINE} or until a second interrupt; an image already gone is fine.
     *
     * @return empty if the flag is cleared or the image is gone; else why it may still be protected
     */
    public static Optional<ImageSdkClientException> unprotect(ImageService images, String imageId) {
        return detached("unprotect", imageId, () -> images.update(imageId, UNPROTECT), DEADLINE, "", "");
    }

    private static final ImageUpdate UNPROTECT = ImageUpdate.builder().isProtected(false).build();

    /**
     * One cleanup call on a short-lived thread of its own, waited for with the caller's interrupt flag cleared (so
     * that an interrupted operation still cleans up) for at most {@code deadline}; a second interrupt ends the
     * wait. The flag is restored before returning. {@code sure} and {@code maybe} end the message when the call
     * failed, or may not have finished.
     */
    private static Optional<ImageSdkClientException> detached(String verb, String imageId, Runnable call,
                                                              Duration deadline, String sure, String maybe) {
        boolean wasInterrupted = Thread.interrupted();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread cleaner = new Thread(() -> {
            try {
                call.run();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        }, "image-sdk-cleanup-" + imageId);
        cleaner.setDaemon(true);
        try {
            cleaner.start();
            done.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (ExecutionException e) {
            Throwable failure = e.getCause();
            if (failure instanceof NotFoundException) {
                return Optional.empty(); // never created, or already gone: nothing to clean up
            }
            // The caller must learn which image is left behind: with a generated id it cannot know it.
            return Optional.of(new ImageSdkClientException("Could not " + verb + " image " + imageId
                    + " after the failure" + sure, failure instanceof ImageSdkException ? failure
                    : new ImageSdkClientException(verb + " image " + imageId + " failed: " + failure, failure)));
        } catch (TimeoutException e) {
            return Optional.of(new ImageSdkClientException("The " + verb + " of image " + imageId + " did not "
                    + "finish within " + deadline.toMillis() + " ms after the failure; it continues in the "
                    + "background" + maybe, e));
        } catch (InterruptedException e) {
            wasInterrupted = true;
            return Optional.of(new ImageSdkClientException("Interrupted while waiting for the " + verb + " of image "
                    + imageId + " after the failure; it continues in the background" + maybe, e));
        } finally {
            if (wasInterrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
