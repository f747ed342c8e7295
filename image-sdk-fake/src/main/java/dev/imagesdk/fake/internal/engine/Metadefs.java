package dev.imagesdk.fake.internal.engine;


import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Metadata definitions: namespaces with their objects, properties, tags and resource-type
 * associations. Writes are admin-only (Glance's default metadef policy); private namespaces are
 * visible to their owner and admins. Documents are kept as the JSON the client sent, plus the
 * server fields. Thread-safe (synchronized).
 */
public final class Metadefs {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    /** The sections a namespace holds, by URL segment. */
    public static final List<String> SECTIONS = List.of("objects", "properties", "tags", "resource_types");

    private static final class Namespace {
        final Map<String, Object> doc = new LinkedHashMap<>();
        final Map<String, Map<String, Map<String, Object>>> sections = new LinkedHashMap<>();

        Namespace() {
            for (String s : SECTIONS) {
                sections.put(s, new LinkedHashMap<>());
            }
        }
    }

    private final Map<String, Namespace> namespaces = new LinkedHashMap<>();
    private final FakeClock clock;

    public Metadefs(FakeClock clock) {
        this.clock = clock;
    }

    private String now() {
        return TIME.format(clock.now().truncatedTo(ChronoUnit.SECONDS));
    }

    private static void admin(Caller c) {
        if (!c.admin()) {
            throw GlanceException.forbidden("You are not authorized to complete this action.");
        }
    }

    private Namespace find(Caller c, String ns) {
        Namespace n = namespaces.get(ns);
        if (n == null || !(c.admin() || "public".equals(n.doc.get("visibility"))
                || Objects.equals(c.projectId(), n.doc.get("owner")))) {
            throw GlanceException.notFound("Metadata definition namespace=" + ns + " was not found.");
        }
        return n;
    }

    private static Map<String, Object> view(Namespace n) {
        Map<String, Object> m = new LinkedHashMap<>(n.doc);
        m.put("self", "/v2/metadefs/namespaces/" + n.doc.get("namespace"));
        m.put("schema", "/v2/schemas/metadefs/namespace");
        return m;
    }

    /**
     * An item as Glance shows it: objects carry their own {@code self} link and {@code schema} (wherever they
     * appear: created, shown, listed, inside their namespace); the other sections are shown as stored.
     */
    private static Map<String, Object> itemView(String ns, String section, Map<String, Object> item) {
        Map<String, Object> m = new LinkedHashMap<>(item);
        if (section.equals("objects")) {
            m.put("self", "/v2/metadefs/namespaces/" + ns + "/objects/" + item.get("name"));
            m.put("schema", "/v2/schemas/metadefs/object");
        }
        return m;
    }

    private static List<Map<String, Object>> itemViews(String ns, String section, Namespace n) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> item : n.sections.get(section).values()) {
            out.add(itemView(ns, section, item));
        }
        return out;
    }

    public synchronized List<Map<String, Object>> list(Caller c) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String ns : namespaces.keySet()) {
            try {
                out.add(view(find(c, ns)));
            } catch (GlanceException hidden) {
                // not visible to this caller
            }
        }
        return out;
    }

    public synchronized Map<String, Object> create(Caller c, Map<String, Object> body) {
        admin(c);
        Object name = body.get("namespace");
        if (!(name instanceof String) || ((String) name).isEmpty()) {
            throw GlanceException.badRequest("Provided object does not match schema 'namespace': "
                    + "'namespace' is a required property");
        }
        if (namespaces.containsKey(name)) {
            throw GlanceException.conflict("Metadata definition namespace=" + name + " already exists.");
        }
        Namespace n = new Namespace();
        n.doc.putAll(body);
        n.doc.putIfAbsent("visibility", "private");
        n.doc.putIfAbsent("protected", false);
        n.doc.putIfAbsent("owner", c.projectId());
        String now = now();
        n.doc.put("created_at", now);
        n.doc.put("updated_at", now);
        namespaces.put((String) name, n);
        return view(n);
    }

    public synchronized Map<String, Object> get(Caller c, String ns) {
        Namespace n = find(c, ns);
        Map<String, Object> m = view(n);
        for (String s : SECTIONS) {
            if (!n.sections.get(s).isEmpty()) {
                String key = s.equals("resource_types") ? "resource_type_associations" : s;
                m.put(key, s.equals("properties") ? new LinkedHashMap<>(n.sections.get(s))
                        : itemViews(ns, s, n));
            }
        }
        return m;
    }

    public synchronized Map<String, Object> update(Caller c, String ns, Map<String, Object> body) {
        admin(c);
        Namespace n = find(c, ns);
        Object created = n.doc.get("created_at");
        n.doc.putAll(body);
        n.doc.put("created_at", created);
        n.doc.put("updated_at", now());
        Object newName = n.doc.get("namespace");
        if (!ns.equals(newName)) {
            namespaces.remove(ns);
            namespaces.put(String.valueOf(newName), n);
        }
        return view(n);
    }

    public synchronized void delete(Caller c, String ns) {
        admin(c);
        Namespace n = find(c, ns);
        if (Boolean.TRUE.equals(n.doc.get("protected"))) {
            throw GlanceException.forbidden("Namespace " + ns + " is protected and cannot be deleted.");
        }
        namespaces.remove(ns);
    }

    /** Items of one section (objects, properties, tags, resource_types). */
    public synchronized List<Map<String, Object>> items(Caller c, String ns, String section) {
        return itemViews(ns, section, find(c, ns));
    }

    public synchronized Map<String, Object> item(Caller c, String ns, String section, String name) {
        Map<String, Object> item = find(c, ns).sections.get(section).get(name);
        if (item == null) {
            throw GlanceException.notFound("Metadata definition " + section + " " + name + " was not found in "
                    + "namespace " + ns + ".");
        }
        return itemView(ns, section, item);
    }

    /** Creates ({@code replace=false}) or replaces an item; its name comes from the body or the URL. */
    public synchronized Map<String, Object> put(Caller c, String ns, String section, String urlName,
            Map<String, Object> body, boolean replace) {
        admin(c);
        Namespace n = find(c, ns);
        Map<String, Map<String, Object>> items = n.sections.get(section);
        Object name = body.getOrDefault("name", urlName);
        if (!(name instanceof String)) {
            throw GlanceException.badRequest("Provided object does not match schema: 'name' is a required property");
        }
        if (!replace && items.containsKey(name)) {
            throw GlanceException.conflict("A metadata definition " + section + " with name=" + name
                    + " already exists in namespace=" + ns + ".");
        }
        if (replace && !items.containsKey(urlName)) {
            throw GlanceException.notFound("Metadata definition " + section + " " + urlName + " was not found.");
        }
        Map<String, Object> item = new LinkedHashMap<>(body);
        item.remove("self");
        item.remove("schema");
        item.put("name", name);
        String now = now();
        Map<String, Object> old = replace ? items.remove(urlName) : null;
        item.put("created_at", old != null ? old.getOrDefault("created_at", now) : now);
        item.put("updated_at", now);
        items.put((String) name, item);
        n.doc.put("updated_at", now);
        return itemView(ns, section, item);
    }

    public synchronized void remove(Caller c, String ns, String section, String name) {
        admin(c);
        if (find(c, ns).sections.get(section).remove(name) == null) {
            throw GlanceException.notFound("Metadata definition " + section + " " + name + " was not found.");
        }
    }

    /** Removes every item of a section (e.g. {@code DELETE .../tags}). */
    public synchronized void clear(Caller c, String ns, String section) {
        admin(c);
        find(c, ns).sections.get(section).clear();
    }

    /** Every resource type named by an association, for {@code GET /v2/metadefs/resource_types}. */
    public synchronized List<Map<String, Object>> resourceTypes() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (String builtin : List.of("OS::Glance::Image", "OS::Cinder::Volume", "OS::Nova::Flavor",
                "OS::Nova::Server")) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", builtin);
            m.put("created_at", "2026-01-01T00:00:00Z");
            m.put("updated_at", "2026-01-01T00:00:00Z");
            out.put(builtin, m);
        }
        for (Namespace n : namespaces.values()) {
            for (String rt : n.sections.get("resource_types").keySet()) {
                out.computeIfAbsent(rt, k -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", k);
                    m.put("created_at", now());
                    m.put("updated_at", now());
                    return m;
                });
            }
        }
        return new ArrayList<>(out.values());
    }

    public synchronized void reset() {
        namespaces.clear();
    }

}
