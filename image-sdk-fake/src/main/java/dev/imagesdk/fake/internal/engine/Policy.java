package dev.imagesdk.fake.internal.engine;

/**
 * Who may see and change an image, as Glance's default policies and {@code is_image_visible} decide:
 * the lookups every other part uses to find an image for a caller (404 if invisible, 403 if not theirs).
 * Lookups run under the {@link EngineState} lock held by their caller.
 */
public final class Policy {
    private final EngineState state;

    Policy(EngineState state) {
        this.state = state;
    }

    /** Glance's is_image_visible: admin, owner, public, community, or a member of a shared image. */
    static boolean visible(Caller c, Image img) {
        if (c.admin() || c.owns(img.owner)) {
            return true;
        }
        switch (img.visibility) {
            case "public":
            case "community":
                return true;
            case "shared":
                return c.projectId() != null && img.members.containsKey(c.projectId());
            default:
                return false;
        }
    }

    static boolean mutable(Caller c, Image img) {
        return c.admin() || c.owns(img.owner);
    }

    Image find(Caller c, String id) {
        Image img = state.images.get(id);
        if (img == null || !visible(c, img)) {
            throw GlanceException.imageNotFound(id);
        }
        return img;
    }

    Image findMutable(Caller c, String id) {
        Image img = find(c, id);
        if (!mutable(c, img)) {
            throw GlanceException.forbidden("You do not own this image");
        }
        return img;
    }

    public void requireAdmin(Caller c, String action) {
        if (!c.admin()) {
            throw GlanceException.forbidden("You are not authorized to complete " + action + " action.");
        }
    }
}
