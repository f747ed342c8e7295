package dev.imagesdk.v2.internal;

import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.v2.CacheState;

import java.util.Objects;

import static dev.imagesdk.v2.internal.V2Context.checkId;

/**
 * Glance's image cache ({@code /v2/cache}): what is cached and queued, queueing an image, removing one, and
 * clearing the cache, the queue, or both.
 */
final class V2Cache {

    private final V2Context ctx;

    V2Cache(V2Context ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    CacheState cache() {
        return ctx.calls.run("get cache", "GET", true, token -> V2Json.cache(ctx.api.cache(token)));
    }

    void queueForCache(String imageId) {
        checkId("imageId", imageId);
        ctx.calls.run("queue image for cache", "PUT", true, token -> {
            ctx.api.queueForCache(token, imageId);
            return null;
        });
    }

    void removeFromCache(String imageId) {
        checkId("imageId", imageId);
        ctx.deleteCall("remove image from cache", token -> ctx.api.removeFromCache(token, imageId));
    }

    void clearCache(String target) {
        if (target != null && !target.equals("cache") && !target.equals("queue")) {
            throw new InvalidInputException("target", target, "must be cache, queue, or null for both");
        }
        ctx.calls.run("clear cache", "DELETE", true, token -> {
            ctx.api.clearCache(token, target);
            return null;
        });
    }
}
