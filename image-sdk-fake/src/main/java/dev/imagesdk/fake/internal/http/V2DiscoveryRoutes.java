package dev.imagesdk.fake.internal.http;

import static dev.imagesdk.fake.internal.http.V2Routes.allow;
import static dev.imagesdk.fake.internal.http.V2Routes.notFound;

import dev.imagesdk.fake.internal.engine.Engine;
import dev.imagesdk.fake.internal.engine.EngineConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Glance v2 discovery: {@code GET /v2/info/import} (import methods), {@code /v2/info/stores} (and
 * {@code /detail}, admin only) and {@code /v2/info/usage}.
 */
final class V2DiscoveryRoutes {
    private final Engine engine;

    V2DiscoveryRoutes(Engine engine) {
        this.engine = engine;
    }

    /** {@code GET /v2/info/{import|stores|usage}}. */
    void handle(Call c, String[] seg) throws IOException {
        allow(c, "GET");
        String what = seg.length > 2 ? seg[2] : "";
        Map<String, Object> body = new LinkedHashMap<>();
        EngineConfig cfg = engine.config();
        switch (what) {
            case "import":
                Map<String, Object> im = new LinkedHashMap<>();
                im.put("description", "Import methods available.");
                im.put("type", "array");
                im.put("value", List.of("glance-direct", "web-download", "copy-image"));
                body.put("import-methods", im);
                break;
            case "stores":
                boolean detail = seg.length > 3 && seg[3].equals("detail");
                if (seg.length > 3 && !detail) throw notFound();
                if (detail) engine.policy().requireAdmin(c.caller, "stores_info_detail");
                List<Object> stores = new ArrayList<>();
                for (String s : cfg.stores()) {
                    Map<String, Object> sm = new LinkedHashMap<>();
                    sm.put("id", s);
                    sm.put("description", "Fake in-memory store " + s);
                    if (s.equals(cfg.defaultStore())) sm.put("default", "true");
                    if (detail) {
                        sm.put("type", "file");
                        Map<String, Object> props = new LinkedHashMap<>();
                        props.put("data_dir", engine.blobs().directory().toString());
                        props.put("chunk_size", 65536);
                        props.put("thin_provisioning", false);
                        sm.put("properties", props);
                    }
                    stores.add(sm);
                }
                body.put("stores", stores);
                break;
            case "usage":
                Map<String, Object> usage = new LinkedHashMap<>();
                engine.usage().usage(c.caller).forEach((k, v) -> {
                    Map<String, Object> u = new LinkedHashMap<>();
                    u.put("limit", v[0]);
                    u.put("usage", v[1]);
                    usage.put(k, u);
                });
                body.put("usage", usage);
                break;
            default:
                throw notFound();
        }
        c.json(200, body);
    }
}
