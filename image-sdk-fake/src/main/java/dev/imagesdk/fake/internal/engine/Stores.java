package dev.imagesdk.fake.internal.engine;

/** Multi-store data locations ({@code DELETE /v2/stores/{store}/{id}}). */
public final class Stores {
    private final EngineState state;

    Stores(EngineState state) {
        this.state = state;
    }

    /** {@code DELETE /v2/stores/{store}/{id}}: removes one location; the last one is 409. */
    public void deleteFromStore(Caller c, String store, String id) {
        state.lockedRun(() -> {
            // Glance 25's default (legacy-OR'ed) policy lets the owner do this, not only admins
            Image img = state.images.get(id);
            if (img == null || !Policy.visible(c, img)) {
                throw GlanceException.notFound("Failed to find image " + id);
            }
            if (!Policy.mutable(c, img)) {
                throw GlanceException.forbidden("You do not own this image");
            }
            if (!state.config.stores().contains(store)) {
                throw GlanceException.badRequest("Unknown store " + store + ".");
            }
            if (!img.stores.contains(store)) {
                throw GlanceException.notFound("Image " + id + " does not have data in store " + store);
            }
            if (img.stores.size() == 1) {
                throw GlanceException.forbidden(
                        "Cannot delete image data from the only store containing it. Consider deleting the image instead.");
            }
            img.stores.remove(store);
            img.updatedAt = state.now();
        });
    }
}
