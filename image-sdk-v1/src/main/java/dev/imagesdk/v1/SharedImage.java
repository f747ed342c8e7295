package dev.imagesdk.v1;

import java.util.Objects;

/**
 * An image another project shares with a tenant, as {@code GET /v1/shared-images/{tenant}} lists it.
 *
 * @param imageId the shared image
 * @param canShare whether the tenant may share it further
 */
public record SharedImage(String imageId, boolean canShare) {
    /**
     * Checks the image id.
     *
     * @param imageId the shared image
     * @param canShare whether the tenant may share it further
     * @throws NullPointerException if imageId is null
     */
    public SharedImage {
        Objects.requireNonNull(imageId, "imageId");
    }
}
