package dev.imagesdk.fake.internal.http;

import static dev.imagesdk.fake.internal.http.V2Routes.allow;
import static dev.imagesdk.fake.internal.http.V2Routes.notFound;

import dev.imagesdk.fake.internal.engine.Engine;
import dev.imagesdk.fake.internal.engine.GlanceException;
import dev.imagesdk.fake.internal.engine.Image;
import dev.imagesdk.fake.internal.engine.ImageQuery;
import dev.imagesdk.fake.internal.engine.PatchOp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Glance v2 image requests: {@code /v2/images} (create, list) and {@code /v2/images/{id}} (show, JSON patch,
 * delete), with the image actions and tags.
 */
final class V2ImageRoutes {
    private static final String PATCH_TYPES =
            "application/openstack-images-v2.0-json-patch, application/openstack-images-v2.1-json-patch";

    private final Engine engine;

    V2ImageRoutes(Engine engine) {
        this.engine = engine;
    }

    /** {@code /v2/images}: POST creates (201 with Location and the import/store headers), GET lists. */
    void collection(Call c) throws IOException {
        allow(c, "GET", "POST");
        if (c.method.equals("POST")) {
            Image img = engine.images().create(c.caller, c.jsonObject());
            c.setHeader("Location", c.baseUrl + "/v2/images/" + img.id());
            c.setHeader("OpenStack-image-import-methods", "glance-direct,web-download,copy-image");
            List<String> ids = new ArrayList<>(engine.config().stores());
            ids.add("os_glance_staging_store");
            ids.add("os_glance_tasks_store");
            c.setHeader("OpenStack-image-store-ids", String.join(",", ids));
            c.json(201, V2Views.image(img));
        } else {
            list(c);
        }
    }

    /** {@code /v2/images/{id}}: GET shows (a poll for controlled transitions), PATCH updates, DELETE deletes. */
    void item(Call c, String id) throws IOException {
        allow(c, "GET", "PATCH", "DELETE");
        switch (c.method) {
            case "GET":
                c.json(200, V2Views.image(engine.images().show(c.caller, id)));
                return;
            case "PATCH":
                patch(c, id);
                return;
            default:
                engine.images().delete(c.caller, id);
                c.empty(204);
                return;
        }
    }

    /** {@code POST /v2/images/{id}/actions/deactivate} and {@code .../reactivate}. */
    void action(Call c, String[] seg, String id) throws IOException {
        if (seg.length != 5) throw notFound();
        allow(c, "POST");
        if (seg[4].equals("deactivate")) {
            engine.images().deactivate(c.caller, id);
        } else if (seg[4].equals("reactivate")) {
            engine.images().reactivate(c.caller, id);
        } else {
            throw notFound();
        }
        c.empty(204);
    }

    /** {@code PUT/DELETE /v2/images/{id}/tags/{tag}}. */
    void tag(Call c, String[] seg, String id) throws IOException {
        if (seg.length != 5) throw notFound();
        allow(c, "PUT", "DELETE");
        if (c.method.equals("PUT")) {
            engine.tags().addTag(c.caller, id, seg[4]);
        } else {
            engine.tags().removeTag(c.caller, id, seg[4]);
        }
        c.empty(204);
    }

    private void list(Call c) throws IOException {
        ImageQuery q = ListParams.parse(c.params);
        List<Image> page = engine.images().list(c.caller, q);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("images", page.stream().map(V2Views::image).toList());
        body.put("first", ListParams.first(c.params));
        body.put("schema", "/v2/schemas/images");
        if (!page.isEmpty() && page.size() == q.limit) {
            body.put("next", ListParams.next(c.params, page.get(page.size() - 1).id()));
        }
        c.json(200, body);
    }

    private void patch(Call c, String id) throws IOException {
        String ct = c.header("Content-Type");
        String type = ct == null ? "" : ct.split(";")[0].trim().toLowerCase();
        if (!type.equals("application/openstack-images-v2.1-json-patch")
                && !type.equals("application/openstack-images-v2.0-json-patch")) {
            throw GlanceException.raw(415, "The request media type " + (ct == null ? "None" : ct)
                    + " is not supported by this server.\n<br /><br />\n").header("Accept-Patch", PATCH_TYPES);
        }
        Object body = c.json();
        if (!(body instanceof List)) {
            throw GlanceException.badRequest("Request body must be a JSON array of operation objects.");
        }
        List<PatchOp> ops = new ArrayList<>();
        for (Object o : (List<?>) body) {
            if (!(o instanceof Map)) {
                throw GlanceException.badRequest("Operations must be JSON objects.");
            }
            Map<?, ?> m = (Map<?, ?>) o;
            if (type.equals("application/openstack-images-v2.0-json-patch") && !m.containsKey("op")) {
                m = fromV20(m);
            }
            Object op = m.get("op");
            if (!(op instanceof String)) {
                throw GlanceException.badRequest("Unable to find `op` in JSON Schema change. It must be one of the "
                        + "following: add, remove, replace.");
            }
            if (!List.of("add", "remove", "replace").contains(op)) {
                throw GlanceException.badRequest("Invalid operation: `" + op
                        + "`. It must be one of the following: add, remove, replace.");
            }
            Object path = m.get("path");
            if (!(path instanceof String)) {
                throw GlanceException.badRequest("Unable to find '" + "path" + "' in JSON Schema change");
            }
            if (!op.equals("remove") && !m.containsKey("value")) {
                throw GlanceException.badRequest("Operation \"" + op + "\" requires a member named \"value\".");
            }
            ops.add(new PatchOp((String) op, pointer((String) path), m.get("value")));
        }
        c.json(200, V2Views.image(engine.images().update(c.caller, id, ops)));
    }

    /** The v2.0 patch form names the operation as the key: {@code {"replace": "/name", "value": "x"}}. */
    private static Map<?, ?> fromV20(Map<?, ?> m) {
        for (String op : List.of("add", "remove", "replace")) {
            if (m.get(op) instanceof String) {
                Map<String, Object> v21 = new LinkedHashMap<>();
                v21.put("op", op);
                v21.put("path", m.get(op));
                if (m.containsKey("value")) {
                    v21.put("value", m.get("value"));
                }
                return v21;
            }
        }
        return m;
    }

    /** A restricted JSON pointer: exactly one token, with ~0 and ~1 escapes. */
    private static String pointer(String path) {
        if (!path.startsWith("/") || path.length() < 2 || path.indexOf('/', 1) >= 0
                || path.matches(".*~[^01].*") || path.endsWith("~")) {
            throw GlanceException.badRequest("Invalid JSON pointer for this resource: '" + path + "'");
        }
        return path.substring(1).replace("~1", "/").replace("~0", "~");
    }
}
