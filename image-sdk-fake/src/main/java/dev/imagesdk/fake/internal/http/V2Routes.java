package dev.imagesdk.fake.internal.http;

import dev.imagesdk.fake.Operation;
import dev.imagesdk.fake.internal.engine.Engine;
import dev.imagesdk.fake.internal.engine.GlanceException;
import java.io.IOException;

/**
 * Glance v2 endpoints over the engine: the path table. Each resource's requests are parsed and answered
 * by its own class ({@link V2ImageRoutes}, {@link V2DataRoutes}, {@link V2ImportRoutes}, {@link V2MemberRoutes},
 * {@link V2TaskRoutes}, {@link V2DiscoveryRoutes}, {@link V2CacheRoutes}, {@link MetadefRoutes}); the
 * shared answers (404, 405 with {@code Allow}) live here.
 */
final class V2Routes {
    private final Engine engine;
    private final Schemas schemas;
    private final MetadefRoutes metadefs;
    private final V2ImageRoutes images;
    private final V2DataRoutes data;
    private final V2ImportRoutes imports;
    private final V2MemberRoutes members;
    private final V2TaskRoutes tasks;
    private final V2DiscoveryRoutes discovery;
    private final V2CacheRoutes cache;

    V2Routes(Engine engine, Schemas schemas, dev.imagesdk.fake.internal.engine.Metadefs metadefs) {
        this.engine = engine;
        this.schemas = schemas;
        this.metadefs = new MetadefRoutes(metadefs);
        this.images = new V2ImageRoutes(engine);
        this.data = new V2DataRoutes(engine);
        this.imports = new V2ImportRoutes(engine);
        this.members = new V2MemberRoutes(engine);
        this.tasks = new V2TaskRoutes(engine);
        this.discovery = new V2DiscoveryRoutes(engine);
        this.cache = new V2CacheRoutes(engine);
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
        // Glance's routes match whole paths: a trailing slash or an empty segment (GET /v2/images/,
        // DELETE /v2/images/, /v2/images/{id}/) matches no route, whatever the method.
        if (seg.length < 2 || c.path.endsWith("/") || c.path.contains("//")) {
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
                discovery.handle(c, seg);
                return;
            case "tasks":
                tasks.handle(c, seg);
                return;
            case "stores":
                if (seg.length != 4) throw notFound();
                allow(c, "DELETE");
                engine.stores().deleteFromStore(c.caller, seg[2], seg[3]);
                c.empty(204);
                return;
            case "cache":
                cache.handle(c, seg);
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
            images.collection(c);
            return;
        }
        String id = seg[2];
        if (seg.length == 3) {
            images.item(c, id);
            return;
        }
        String sub = seg[3];
        switch (sub) {
            case "file":
                data.file(c, id);
                return;
            case "stage":
                data.stage(c, id);
                return;
            case "import":
                imports.importImage(c, id);
                return;
            case "actions":
                images.action(c, seg, id);
                return;
            case "tags":
                images.tag(c, seg, id);
                return;
            case "members":
                members.handle(c, seg, id);
                return;
            case "tasks":
                tasks.imageTasks(c, id);
                return;
            default:
                throw notFound();
        }
    }
}
