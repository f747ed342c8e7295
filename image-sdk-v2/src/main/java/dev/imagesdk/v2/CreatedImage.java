package dev.imagesdk.v2;

import dev.imagesdk.model.Image;

import java.util.List;
import java.util.Objects;

/**
 * A newly created image with the discovery headers Glance sends on create.
 *
 * @param image the image as created ({@code queued})
 * @param importMethods the {@code OpenStack-image-import-methods} the service accepts (empty if not sent, or
 *                      when a retried create was resolved by reading the image back, which has no such headers)
 * @param storeIds the {@code OpenStack-image-store-ids} data can go to, without Glance's reserved
 *                 {@code os_glance_*} stores (which the header lists but no client may target)
 */
public record CreatedImage(Image image, List<ImportMethod> importMethods, List<String> storeIds) {
    /**
     * Checks the image and copies the lists.
     *
     * @param image the image as created ({@code queued})
     * @param importMethods the {@code OpenStack-image-import-methods} the service accepts (empty if not sent, or when a
     *         retried create was resolved by reading the image back, which has no such headers)
     * @param storeIds the {@code OpenStack-image-store-ids} data can go to, without Glance's reserved {@code
     *         os_glance_*} stores (which the header lists but no client may target)
     * @throws NullPointerException if image, importMethods or storeIds is null
     */
    public CreatedImage {
        Objects.requireNonNull(image, "image");
        importMethods = List.copyOf(importMethods);
        storeIds = List.copyOf(storeIds);
    }
}
