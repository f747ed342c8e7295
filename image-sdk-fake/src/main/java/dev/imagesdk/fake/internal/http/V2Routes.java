package dev.imagesdk.fake.internal.http;

import dev.imagesdk.fake.Operation;
import dev.imagesdk.fake.internal.engine.Blob;
import dev.imagesdk.fake.internal.engine.Engine;
import dev.imagesdk.fake.internal.engine.EngineConfig;
import dev.imagesdk.fake.internal.engine.GlanceException;
import dev.imagesdk.fake.internal.engine.Image;
import dev.imagesdk.fake.internal.engine.ImageData;
import dev.imagesdk.fake.internal.engine.ImageQuery;
import dev.imagesdk.fake.internal.engine.Imports;
import dev.imagesdk.fake.internal.engine.PatchOp;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Glance v2 endpoints over the engine. */
final class V2Routes {
    private static final String PATCH_TYPES =
            "application/openstack-images-v2.0-json-patch, application/openstack-images-v2.1-json-patch";

    private final Engine engine;
    private final Schemas schemas;
    private final MetadefRoutes metadefs;

    V2Routes(Engine engine, Schemas schemas, dev.imagesdk.fake.internal.engine.Metadefs metadefs) {
        this.engine = engine;
        this.schemas = schemas;
        this.metadefs = new MetadefRoutes(metadefs);
    }

    /** Decides the operation (for faults) before auth and dispatch. */
    static Operation operationOf(String method, String[] seg) {
        // seg[0] = "v2"
        if (seg.length < 2) return Operation.ANY;
        switch (seg[1]) {
            case "images":
                if (seg.length == 2) return method.equals("POST") ? Operation.CREATE_IMAGE : Operation.LIST_IMAGES;
                if (seg.length == 3) {
                    switch (method) {
                        case "PATCH": return Operation.UPDATE_IMAGE;
                        case "DELETE": return Operation.DELETE_IMAGE;
                        default: return Operation.SHOW_IMAGE;
                    }
                }
                switch (seg[3]) {
                    case "file": return method.equals("PUT") ? Operation.UPLOAD : Operation.DOWNLOAD;
                    case "stage": return Operation.STAGE;
                    case "import": return Operation.IMPORT;
                    case "actions": return Operation.ACTION;
                    case "tags": return Operation.TAG;
                    case "members": return Operation.MEMBER;
                    case "tasks": return Operation.TASK;
                    default: return Operation.ANY;
                }
            case "schemas": return Operation.SCHEMA;
            case "metadefs": return Operation.METADEF;
            case "tasks": return Operation.TASK;
            case "info":
            case "stores":
            case "cache":
                return Operation.DISCOVERY;
            default: return Operation.ANY;
        }
    }

    void handle(Call c, String[] seg) throws IOException {
        if (seg.length < 2) {
            throw notFound();
        }
        switch (seg[1]) {
            case "images":
                images(c, seg);
                return;
            case "schemas":
                allow(c, "GET");
                String name = String.join("/", java.util.Arrays.copyOfRange(seg, 2, seg.length));
                Object doc = schemas.get(name);
                if (doc == null) throw notFound();
                c.json(200, doc);
                return;
            case "info":
                info(c, seg);
                return;
            case "tasks":
                tasks(c, seg);
                return;
            case "stores":
                if (seg.length != 4) throw notFound();
                allow(c, "DELETE");
                engine.stores().deleteFromStore(c.caller, seg[2], seg[3]);
                c.empty(204);
                return;
            case "cache":
                cache(c, seg);
                return;
            case "metadefs":
                metadefs.handle(c, seg);
                return;
            default:
                throw notFound();
        }
    }

    static GlanceException notFound() {
        return GlanceException.notFound("The resource could not be found.");
    }

    /** 405 with Allow, as webob answers a method the route does not have. */
    static void allow(Call c, String... methods) {
        for (String m : methods) {
            if (m.equals(c.method)) return;
        }
        throw GlanceException.raw(405, "The method " + c.method + " is not allowed for this resource. <br /><br />\n")
                .header("Allow", String.join(", ", methods));
    }

    private void images(Call c, String[] seg) throws IOException {
        if (seg.length == 2) {
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
            return;
        }
        String id = seg[2];
        if (seg.length == 3) {
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
        String sub = seg[3];
        switch (sub) {
            case "file":
                allow(c, "GET", "PUT");
                if (c.method.equals("PUT")) {
                    engine.data().upload(c.caller, id, uploadStream(c), c.header("X-Image-Meta-Store"));
                    c.empty(204);
                } else {
                    download(c, id);
                }
                return;
            case "stage":
                allow(c, "PUT");
                engine.data().stage(c.caller, id, uploadStream(c));
                c.empty(204);
                return;
            case "import":
                allow(c, "POST");
                importImage(c, id);
                return;
            case "actions":
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
                return;
            case "tags":
                if (seg.length != 5) throw notFound();
                allow(c, "PUT", "DELETE");
                if (c.method.equals("PUT")) {
                    engine.tags().addTag(c.caller, id, seg[4]);
                } else {
                    engine.tags().removeTag(c.caller, id, seg[4]);
                }
                c.empty(204);
                return;
            case "members":
                members(c, seg, id);
                return;
            case "tasks":
                allow(c, "GET");
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("tasks", engine.tasks().imageTasks(c.caller, id).stream().map(V2Views::imageTask).toList());
                c.json(200, m);
                return;
            default:
                throw notFound();
        }
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

    /** The request body, cut by a mid-upload drop fault if one is armed; 415 unless octet-stream. */
    private static InputStream uploadStream(Call c) {
        String ct = c.header("Content-Type");
        if (ct == null || !ct.split(";")[0].trim().equalsIgnoreCase("application/octet-stream")) {
            throw GlanceException.raw(415, "The request media type " + (ct == null ? "None" : ct)
                    + " is not supported by this server.\n<br /><br />\n");
        }
        return c.uploadBody();
    }

    private void download(Call c, String id) throws IOException {
        ImageData.Download d = engine.data().download(c.caller, id);
        Blob blob = d.blob();
        if (blob == null) {
            c.status = 204;
            c.ex.getResponseHeaders().set("Content-Length", "0");
            c.ex.getResponseHeaders().set("X-Openstack-Request-Id", c.requestId);
            c.sendResponseHeaders(204, -1);
            c.ex.close();
            return;
        }
        long size = blob.size();
        long start = 0;
        long end = size - 1;
        int code = 200;
        String range = c.header("Range");
        if (range != null) {
            long[] r = parseRange(range, size);
            start = r[0];
            end = r[1];
            code = 206;
            c.setHeader("Content-Range", "bytes " + start + "-" + end + "/" + size);
        }
        long length = end - start + 1;
        c.setHeader("Content-Type", "application/octet-stream");
        c.setHeader("Content-MD5", blob.md5());
        c.setHeader("X-Openstack-Request-Id", c.requestId);
        c.status = code;
        c.streamBody(code, blob.open(start, length), start, length);
    }

    /** A single {@code bytes=} range; unsatisfiable ones are 416. */
    private static long[] parseRange(String header, long size) {
        String h = header.trim();
        if (!h.startsWith("bytes=")) {
            throw range(size);
        }
        String spec = h.substring(6).trim();
        if (spec.contains(",")) {
            throw GlanceException.badRequest("Requests with multiple ranges are not supported in Glance. "
                    + "You may make multiple single-range requests instead.");
        }
        int dash = spec.indexOf('-');
        if (dash < 0) throw range(size);
        try {
            long start;
            long end;
            if (dash == 0) {
                long suffix = Long.parseLong(spec.substring(1));
                if (suffix <= 0) throw range(size);
                start = Math.max(0, size - suffix);
                end = size - 1;
            } else {
                start = Long.parseLong(spec.substring(0, dash));
                String e = spec.substring(dash + 1);
                end = e.isEmpty() ? size - 1 : Math.min(Long.parseLong(e), size - 1);
                if (end < start) throw range(size);
            }
            if (start >= size) throw range(size);
            return new long[] {start, end};
        } catch (NumberFormatException e) {
            throw range(size);
        }
    }

    private static GlanceException range(long size) {
        return GlanceException.of(416, "The Range requested is not available.")
                .header("Content-Range", "bytes */" + size);
    }

    @SuppressWarnings("unchecked")
    private void importImage(Call c, String id) throws IOException {
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

    private void members(Call c, String[] seg, String id) throws IOException {
        if (seg.length == 4) {
            allow(c, "GET", "POST");
            if (c.method.equals("POST")) {
                Object member = c.jsonObject().get("member");
                if (!(member instanceof String)) {
                    throw GlanceException.badRequest("Member to be added not specified");
                }
                c.json(200, V2Views.member(engine.members().addMember(c.caller, id, (String) member)));
            } else {
                c.json(200, V2Views.members(engine.members().members(c.caller, id)));
            }
            return;
        }
        if (seg.length != 5) throw notFound();
        String member = seg[4];
        allow(c, "GET", "PUT", "DELETE");
        switch (c.method) {
            case "GET":
                c.json(200, V2Views.member(engine.members().member(c.caller, id, member)));
                return;
            case "PUT":
                Map<String, Object> body = c.jsonObject();
                if (!body.containsKey("status")) {
                    throw GlanceException.badRequest("Status not specified");
                }
                c.json(200, V2Views.member(engine.members().updateMember(c.caller, id, member, body.get("status"))));
                return;
            default:
                engine.members().deleteMember(c.caller, id, member);
                c.empty(204);
        }
    }

    private void info(Call c, String[] seg) throws IOException {
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

    private void tasks(Call c, String[] seg) throws IOException {
        // Glance's default policy: the tasks API (list, show, create) is admin-only; an image's own
        // tasks (GET /v2/images/{id}/tasks) are not.
        engine.policy().requireAdmin(c.caller, "tasks_api_access");
        if (seg.length == 2) {
            allow(c, "GET", "POST");
            if (c.method.equals("POST")) {
                Map<String, Object> body = c.jsonObject();
                Object type = body.get("type");
                Object input = body.get("input");
                if (!(input instanceof Map)) {
                    throw GlanceException.badRequest("Provided object does not match schema 'task': 'input' is a required property");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> in = (Map<String, Object>) input;
                var t = engine.tasks().createTask(c.caller, type == null ? null : type.toString(), in, c.requestId);
                c.setHeader("Location", c.baseUrl + "/v2/tasks/" + t.id());
                c.json(201, V2Views.task(t));
            } else {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("tasks", engine.tasks().tasks(c.caller).stream().map(t -> {
                    Map<String, Object> m = V2Views.task(t);
                    m.remove("input");
                    m.remove("result");
                    m.remove("message");
                    m.remove("image_id");
                    m.remove("request_id");
                    m.remove("user_id");
                    return m;
                }).toList());
                body.put("first", "/v2/tasks");
                body.put("schema", "/v2/schemas/tasks");
                c.json(200, body);
            }
            return;
        }
        allow(c, "GET");
        c.json(200, V2Views.task(engine.tasks().task(c.caller, seg[2])));
    }

    private void cache(Call c, String[] seg) throws IOException {
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
