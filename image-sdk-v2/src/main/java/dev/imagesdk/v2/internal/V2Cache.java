package dev.imagesdk.v2.internal;

import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.v2.CacheState;

import java.net.URI;
import java.util.Objects;

import static dev.imagesdk.v2.internal.V2Context.checkId;
import static dev.imagesdk.v2.internal.V2Context.segment;

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
        URI url = cacheUrl(imageId);
        ctx.calls.run("queue image for cache", "PUT", true, token -> {
            ctx.api.queueForCache(url, token);
            return null;
        });
    }

    void removeFromCache(String imageId) {
        URI url = cacheUrl(imageId);
        ctx.deleteCall("remove image from cache", token -> ctx.api.removeFromCache(url, token));
    }

    private URI cacheUrl(String imageId) {
        checkId("imageId", imageId);
        return ctx.url("/v2/cache/" + segment("imageId", imageId));
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
