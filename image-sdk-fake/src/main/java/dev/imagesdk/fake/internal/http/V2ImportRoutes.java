package dev.imagesdk.fake.internal.http;

import static dev.imagesdk.fake.internal.http.V2Routes.allow;

import dev.imagesdk.fake.internal.engine.Engine;
import dev.imagesdk.fake.internal.engine.GlanceException;
import dev.imagesdk.fake.internal.engine.Imports;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Glance v2 interoperable image import: {@code POST /v2/images/{id}/import}. */
final class V2ImportRoutes {
    private final Engine engine;

    V2ImportRoutes(Engine engine) {
        this.engine = engine;
    }

    /** {@code POST /v2/images/{id}/import}: parses the method, stores and {@code all_stores}; answers 202. */
    @SuppressWarnings("unchecked")
    void importImage(Call c, String id) throws IOException {
        allow(c, "POST");
        Map<String, Object> body = c.jsonObject();
        Object method = body.get("method");
        if (!(method instanceof Map) || !(((Map<?, ?>) method).get("name") instanceof String)) {
            throw GlanceException.badRequest("Import request requires a 'method' field.");
        }
        Map<String, Object> m = (Map<String, Object>) method;
        Object stores = body.get("stores");
        List<String> storeList = null;
        if (stores instanceof List) {
            storeList = new ArrayList<>();
            for (Object s : (List<?>) stores) storeList.add(String.valueOf(s));
        }
        String header = c.header("X-Image-Meta-Store");
        if (storeList == null && header != null) {
            storeList = List.of(header);
        }
        boolean all = Boolean.TRUE.equals(body.get("all_stores"));
        Object uri = m.get("uri");
        engine.imports().importImage(c.caller, id, new Imports.ImportRequest((String) m.get("name"),
                uri == null ? null : uri.toString(), storeList, all, body), c.requestId);
        c.empty(202);
    }
}
