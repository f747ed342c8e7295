package dev.imagesdk.internal;

import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.exception.NotFoundException;
import dev.imagesdk.exception.WaiterException;
import dev.imagesdk.internal.retry.Sleeper;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageStatus;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * {@code waitForStatus} for v1 and v2 alike: polls the image with a doubling pause (from {@code pollInitial} up
 * to {@code pollMax}, never past the deadline) until it has the status asked for.
 *
 * <p>Fails fast with a {@link WaiterException} ({@code timedOut() == false}) when the image can no longer get
 * there: {@code killed}, {@code deleted} or {@code pending_delete}, a failed import ({@code
 * os_glance_failed_import}), or gone (404) unless {@code deleted} was asked for, which a 404 then satisfies
 * (Glance hides deleted images). Times out with {@code timedOut() == true}; an interrupt keeps the flag set.
 * Thread-safe.
 */
public final class StatusWaiter {

    private final Duration pollInitial;
    private final Duration pollMax;
    private final Sleeper pause;
    private final LongSupplier nanoTime;

    /**
     * @param pause how to wait between polls (tests pass a recording one)
     * @param nanoTime the clock of the deadline (tests pass a fake)
     */
    public StatusWaiter(Duration pollInitial, Duration pollMax, Sleeper pause, LongSupplier nanoTime) {
        this.pollInitial = Objects.requireNonNull(pollInitial, "pollInitial");
        this.pollMax = Objects.requireNonNull(pollMax, "pollMax");
        this.pause = Objects.requireNonNull(pause, "pause");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /**
     * Polls {@code get} until image {@code imageId} has {@code status} ({@code status} and {@code timeout} are
     * checked non-null by the service, with its own field names).
     *
     * @throws InvalidInputException if the timeout is negative
     * @throws WaiterException as described above
     */
    public Image await(String imageId, ImageStatus status, Duration timeout, Function<String, Image> get) {
        if (timeout.isNegative()) {
            throw new InvalidInputException("timeout", timeout, "must not be negative");
        }
        long deadline = nanoTime.getAsLong() + timeout.toNanos();
        Duration wait = pollInitial;
        String last = null;
        while (true) {
            Image image;
            try {
                image = get.apply(imageId);
            } catch (NotFoundException e) {
                if (ImageStatus.DELETED.equals(status)) {
                    // Glance hides deleted images (404): that is the state waited for.
                    return Image.builder().id(imageId).status(ImageStatus.DELETED).build();
                }
                throw new WaiterException("Image " + imageId + " was deleted (404) while waiting for " + status,
                        false, "deleted");
            }
            last = image.status() == null ? null : image.status().value();
            if (status.equals(image.status())) {
                return image;
            }
            String failedImport = image.properties().get("os_glance_failed_import");
            if (failedImport != null && !failedImport.isBlank()) {
                throw new WaiterException("Import of image " + imageId + " failed for stores " + failedImport
                        + " (status " + last + ")", false, last);
            }
            if (ImageStatus.KILLED.equals(image.status()) || ImageStatus.DELETED.equals(image.status())
                    || ImageStatus.PENDING_DELETE.equals(image.status())) {
                throw new WaiterException("Image " + imageId + " is " + last + "; it cannot become " + status,
                        false, last);
            }
            long remaining = deadline - nanoTime.getAsLong();
            if (remaining <= 0) {
                throw new WaiterException("Timed out after " + timeout + " waiting for image " + imageId + " to be "
                        + status + " (last status " + last + ")", true, last);
            }
            try {
                pause.sleep(wait.toNanos() < remaining ? wait : Duration.ofNanos(remaining));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WaiterException("Interrupted while waiting for image " + imageId + " to be " + status,
                        false, last);
            }
            Duration next = wait.multipliedBy(2);
            wait = next.compareTo(pollMax) > 0 ? pollMax : next;
        }
    }
}
