package dev.imagesdk.fake.internal.http;

import static dev.imagesdk.fake.internal.http.V2Routes.allow;
import static dev.imagesdk.fake.internal.http.V2Routes.notFound;

import dev.imagesdk.fake.internal.engine.Engine;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Glance v2 image cache: {@code /v2/cache} (list, clear) and {@code /v2/cache/{id}} (queue, delete), admin only. */
final class V2CacheRoutes {
    private final Engine engine;

    V2CacheRoutes(Engine engine) {
        this.engine = engine;
    }

    /** {@code /v2/cache} and {@code /v2/cache/{id}}. */
    void handle(Call c, String[] seg) throws IOException {
        if (seg.length == 2) {
            allow(c, "GET", "DELETE");
            if (c.method.equals("GET")) {
                engine.policy().requireAdmin(c.caller, "cache_list");
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("cached_images", engine.cache().cachedImages().stream().map(id -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("image_id", id);
                    m.put("hits", 0);
                    return m;
                }).toList());
                body.put("queued_images", engine.cache().queuedImages());
                c.json(200, body);
            } else {
                engine.cache().clearCache(c.caller, c.header("x-image-cache-clear-target"));
                c.empty(204);
            }
            return;
        }
        if (seg.length != 3) throw notFound();
        allow(c, "PUT", "DELETE");
        if (c.method.equals("PUT")) {
            engine.cache().queueForCache(c.caller, seg[2]);
            c.empty(202);
        } else {
            engine.cache().uncache(c.caller, seg[2]);
            c.empty(204);
        }
    }
}
