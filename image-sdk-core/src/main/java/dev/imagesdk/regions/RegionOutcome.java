package dev.imagesdk.regions;

import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.model.Image;

import java.util.Objects;
import java.util.Optional;

/**
 * What a publication did in one region.
 *
 * @param region the region (or service name)
 * @param status how it ended there
 * @param image the image as the region reports it after the upload ({@link Status#PUBLISHED}), else empty
 * @param imageId the id of the image created there, also when it was deleted again; empty if none was created
 * @param failure why this region failed ({@link Status#FAILED}), empty otherwise; for a region rolled back
 *                because another failed, empty
 * @param leftBehind true if an image of this publication could not be deleted in this region (the failure
 *                   carries a suppressed exception saying why)
 */
public record RegionOutcome(String region, Status status, Optional<Image> image, Optional<String> imageId,
                            Optional<ImageSdkException> failure, boolean leftBehind) {

    /** How a publication ended in one region. */
    public enum Status {
        /** The image is active there and its checksums match the bytes read from the source. */
        PUBLISHED,
        /**
         * This region failed (create, upload, verification, or protecting the image when the spec asks for
         * {@code protected}); its image, if any, was deleted.
         */
        FAILED,
        /** This region succeeded or was still running, but another failed under ALL_OR_NOTHING: deleted. */
        ROLLED_BACK
    }

    /**
     * Checks the invariants: non-null fields, an image exactly when published.
     *
     * @param region the region (or service name)
     * @param status how it ended there
     * @param image the image as the region reports it after the upload ({@link Status#PUBLISHED}), else empty
     * @param imageId the id of the image created there, also when it was deleted again; empty if none was created
     * @param failure why this region failed ({@link Status#FAILED}), empty otherwise; for a region rolled back because
     *         another failed, empty
     * @param leftBehind true if an image of this publication could not be deleted in this region (the failure carries a
     *         suppressed exception saying why)
     */
    public RegionOutcome {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(failure, "failure");
        if (image.isPresent() != (status == Status.PUBLISHED)) {
            throw new IllegalArgumentException("an image is reported exactly when published: " + status);
        }
    }

    /** {@return {@code true} if the image is published in this region} */
    public boolean published() {
        return status == Status.PUBLISHED;
    }
}
