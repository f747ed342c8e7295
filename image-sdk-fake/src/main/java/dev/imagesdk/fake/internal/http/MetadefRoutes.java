package dev.imagesdk.fake.internal.http;

import dev.imagesdk.fake.internal.engine.GlanceException;
import dev.imagesdk.fake.internal.engine.Metadefs;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /v2/metadefs/*}: namespaces, objects, properties, tags and resource types. */
final class MetadefRoutes {
    private final Metadefs metadefs;

    MetadefRoutes(Metadefs metadefs) {
        this.metadefs = metadefs;
    }

    /** seg = ["v2", "metadefs", ...]. */
    void handle(Call c, String[] seg) throws IOException {
        if (seg.length == 3 && seg[2].equals("resource_types")) {
            V2Routes.allow(c, "GET");
            c.json(200, Map.of("resource_types", metadefs.resourceTypes()));
            return;
        }
        if (seg.length < 3 || !seg[2].equals("namespaces")) {
            throw V2Routes.notFound();
        }
        if (seg.length == 3) {
            V2Routes.allow(c, "GET", "POST");
            if (c.method.equals("POST")) {
                Map<String, Object> ns = metadefs.create(c.caller, c.jsonObject());
                c.setHeader("Location", c.baseUrl + "/v2/metadefs/namespaces/" + ns.get("namespace"));
                c.json(201, ns);
            } else {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("namespaces", metadefs.list(c.caller));
                body.put("first", "/v2/metadefs/namespaces");
                body.put("schema", "/v2/schemas/metadefs/namespaces");
                c.json(200, body);
            }
            return;
        }
        String ns = seg[3];
        if (seg.length == 4) {
            V2Routes.allow(c, "GET", "PUT", "DELETE");
            switch (c.method) {
                case "GET":
                    c.json(200, metadefs.get(c.caller, ns));
                    return;
                case "PUT":
                    c.json(200, metadefs.update(c.caller, ns, c.jsonObject()));
                    return;
                default:
                    metadefs.delete(c.caller, ns);
                    c.empty(204);
                    return;
            }
        }
        String section = seg[4];
        if (!Metadefs.SECTIONS.contains(section)) {
            throw V2Routes.notFound();
        }
        if (seg.length == 5) {
            V2Routes.allow(c, "GET", "POST", "DELETE");
            switch (c.method) {
                case "GET":
                    c.json(200, listBody(section, ns, metadefs.items(c.caller, ns, section)));
                    return;
                case "DELETE":
                    metadefs.clear(c.caller, ns, section);
                    c.empty(204);
                    return;
                default:
                    Map<String, Object> body = c.jsonObject();
                    if (section.equals("tags") && body.get("tags") instanceof List) {
                        // bulk create replaces the namespace's tags
                        metadefs.clear(c.caller, ns, section);
                        for (Object t : (List<?>) body.get("tags")) {
                            if (t instanceof Map) {
                                @SuppressWarnings("unchecked")
                                Map<String, Object> tag = (Map<String, Object>) t;
                                metadefs.put(c.caller, ns, section, null, tag, false);
                            }
                        }
                        c.json(201, Map.of("tags", metadefs.items(c.caller, ns, section)));
                        return;
                    }
                    c.json(201, metadefs.put(c.caller, ns, section, null, body, false));
                    return;
            }
        }
        if (seg.length != 6) {
            throw V2Routes.notFound();
        }
        String name = seg[5];
        V2Routes.allow(c, "GET", "POST", "PUT", "DELETE");
        switch (c.method) {
            case "GET":
                c.json(200, metadefs.item(c.caller, ns, section, name));
                return;
            case "POST":
                if (!section.equals("tags")) {
                    throw GlanceException.raw(405, "The method POST is not allowed for this resource. <br /><br />\n")
                            .header("Allow", "GET, PUT, DELETE");
                }
                c.json(201, metadefs.put(c.caller, ns, section, name, Map.of("name", name), false));
                return;
            case "PUT":
                c.json(200, metadefs.put(c.caller, ns, section, name, c.jsonObject(), true));
                return;
            default:
                metadefs.remove(c.caller, ns, section, name);
                c.empty(204);
        }
    }

    private static Map<String, Object> listBody(String section, String ns, List<Map<String, Object>> items) {
        Map<String, Object> body = new LinkedHashMap<>();
        switch (section) {
            case "properties":
                Map<String, Object> props = new LinkedHashMap<>();
                for (Map<String, Object> p : items) {
                    props.put(String.valueOf(p.get("name")), p);
                }
                body.put("properties", props);
                break;
            case "resource_types":
                body.put("resource_type_associations", items);
                break;
            default:
                body.put(section, items);
        }
        if (section.equals("objects")) {
            body.put("schema", "v2/schemas/metadefs/objects"); // sic: Glance's object list has no leading slash
        } else if (!section.equals("resource_types")) {
            body.put("schema", "/v2/schemas/metadefs/" + section);
        }
        return body;
    }
}
