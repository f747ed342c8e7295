package dev.imagesdk.fake.internal.engine;

/** Image tags ({@code PUT/DELETE /v2/images/{id}/tags/{tag}}), within the tag quota. */
public final class Tags {
    private final EngineState state;
    private final Policy policy;
    private final Images images;

    Tags(EngineState state, Policy policy, Images images) {
        this.state = state;
        this.policy = policy;
        this.images = images;
    }

    public void addTag(Caller c, String id, String tag) {
        state.lockedRun(() -> {
            Image img = policy.findMutable(c, id);
            if (tag.length() > 255) {
                throw SchemaRules.invalid(SchemaRules.repr(tag) + " is too long");
            }
            if (!img.tags.contains(tag) && img.tags.size() + 1 > state.config.imageTagQuota()) {
                throw images.tagQuota(img.tags.size() + 1);
            }
            img.tags.add(tag);
            img.updatedAt = state.now();
        });
    }

    public void removeTag(Caller c, String id, String tag) {
        state.lockedRun(() -> {
            Image img = policy.findMutable(c, id);
            if (!img.tags.remove(tag)) {
                throw GlanceException.notFound("The resource could not be found.");
            }
            img.updatedAt = state.now();
        });
    }
}
