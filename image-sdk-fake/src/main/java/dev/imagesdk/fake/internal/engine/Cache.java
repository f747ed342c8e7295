package dev.imagesdk.fake.internal.engine;

import java.util.List;

/** The image cache ({@code /v2/cache}): cached and queued image ids, admin only. */
public final class Cache {
    private final EngineState state;
    private final Policy policy;

    Cache(EngineState state, Policy policy) {
        this.state = state;
        this.policy = policy;
    }

    public List<String> cachedImages() { return state.locked(() -> List.copyOf(state.cached)); }
    public List<String> queuedImages() { return state.locked(() -> List.copyOf(state.cacheQueue)); }

    public void queueForCache(Caller c, String id) {
        state.lockedRun(() -> {
            policy.requireAdmin(c, "cache_image");
            Image img = policy.find(c, id);
            if (img.blob != null) {
                state.cached.add(id);
            } else {
                state.cacheQueue.add(id);
            }
        });
    }

    public void uncache(Caller c, String id) {
        state.lockedRun(() -> {
            policy.requireAdmin(c, "cache_delete");
            policy.find(c, id);
            state.cached.remove(id);
            state.cacheQueue.remove(id);
        });
    }

    public void clearCache(Caller c, String target) {
        state.lockedRun(() -> {
            policy.requireAdmin(c, "cache_delete");
            if (target == null || target.equals("cache")) state.cached.clear();
            if (target == null || target.equals("queue")) state.cacheQueue.clear();
        });
    }
}
