package dev.imagesdk.fake.internal.http;

import dev.imagesdk.fake.Operation;
import dev.imagesdk.fake.internal.engine.Blob;
import dev.imagesdk.fake.internal.engine.Engine;
import dev.imagesdk.fake.internal.engine.GlanceException;
import dev.imagesdk.fake.internal.engine.Image;
import dev.imagesdk.fake.internal.engine.ImageData;
import dev.imagesdk.fake.internal.engine.ImageQuery;
import dev.imagesdk.fake.internal.engine.Member;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Glance v1 (removed from real Glance in Rocky, modelled on its last tree): metadata in
 * {@code x-image-meta-*} headers, data in the body, over the same engine as v2.
 */
final class V1Routes {
    private static final Set<String> META_HEADERS = Set.of("location", "size", "is_public", "disk_format",
            "container_format", "name", "status", "copy_from", "uri", "checksum", "created_at", "updated_at",
            "deleted_at", "min_ram", "min_disk", "owner", "store", "id", "protected", "deleted", "virtual_size");
    private static final Set<String> FILTERS = Set.of("name", "status", "container_format", "disk_format",
            "min_ram", "min_disk", "size_min", "size_max", "is_public", "changes-since", "protected");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private final Engine engine;

    V1Routes(Engine engine) {
        this.engine = engine;
    }

    /**
     * The operation a v1 request is, for fault targeting: a {@code PUT} to an image that carries a body is
     * {@link Operation#UPLOAD} (image data, like v2's {@code PUT .../file}); without one it is
     * {@link Operation#UPDATE_IMAGE} (headers only). A {@code POST} with data stays {@link Operation#CREATE_IMAGE}.
     */
    static Operation operationOf(String method, String[] seg, boolean carriesBody) {
        if (seg.length < 2) return Operation.ANY;
        if (seg[1].equals("shared-images")) return Operation.MEMBER;
        if (!seg[1].equals("images")) return Operation.ANY;
        if (seg.length == 2) return method.equals("POST") ? Operation.CREATE_IMAGE : Operation.LIST_IMAGES;
        if (seg.length == 3) {
            if (seg[2].equals("detail")) return Operation.LIST_IMAGES;
            switch (method) {
                case "GET": return Operation.DOWNLOAD;
                case "PUT": return carriesBody ? Operation.UPLOAD : Operation.UPDATE_IMAGE;
                case "DELETE": return Operation.DELETE_IMAGE;
                default: return Operation.SHOW_IMAGE;
            }
        }
        return Operation.MEMBER;
    }

    /** Whether a request has a body: a positive {@code Content-Length} or chunked transfer encoding. */
    static boolean carriesBody(com.sun.net.httpserver.Headers h) {
        String te = h.getFirst("Transfer-Encoding");
        if (te != null && te.toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
            return true;
        }
        String cl = h.getFirst("Content-Length");
        try {
            return cl != null && Long.parseLong(cl.trim()) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    void handle(Call c, String[] seg) throws IOException {
        if (seg.length >= 2 && seg[1].equals("shared-images") && seg.length == 3) {
            V2Routes.allow(c, "GET");
            List<Object> out = new ArrayList<>();
            for (Member m : engine.v1().sharedWith(c.caller, seg[2])) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("image_id", m.imageId());
                e.put("can_share", m.canShare());
                out.add(e);
            }
            c.json(200, Map.of("shared_images", out));
            return;
        }
        if (seg.length < 2 || !seg[1].equals("images")) {
            throw V2Routes.notFound();
        }
        if (seg.length == 2) {
            V2Routes.allow(c, "GET", "POST");
            if (c.method.equals("POST")) {
                create(c);
            } else {
                list(c, false);
            }
            return;
        }
        if (seg.length == 3 && seg[2].equals("detail")) {
            if (c.method.equals("HEAD")) {
                throw GlanceException.raw(405, "This operation is currently not permitted on Glance images details.")
                        .header("Allow", "GET");
            }
            V2Routes.allow(c, "GET");
            list(c, true);
            return;
        }
        String id = seg[2];
        if (seg.length == 3) {
            V2Routes.allow(c, "GET", "HEAD", "PUT", "DELETE");
            switch (c.method) {
                case "HEAD":
                    Image img = engine.images().show(c.caller, id);
                    metaHeaders(c, img);
                    c.status = 200;
                    c.setHeader("X-Openstack-Request-Id", c.requestId);
                    c.sendResponseHeaders(200, -1);
                    c.ex.close();
                    return;
                case "GET":
                    download(c, id);
                    return;
                case "PUT":
                    update(c, id);
                    return;
                default:
                    Image gone = engine.images().peek(id).orElse(null);
                    if (gone != null && gone.isProtected()) {
                        engine.images().show(c.caller, id);
                        throw GlanceException.forbidden("Image is protected");
                    }
                    engine.images().delete(c.caller, id);
                    c.status = 200;
                    c.setHeader("Content-Type", "text/html; charset=UTF-8");
                    c.send(200, "text/html; charset=UTF-8", new byte[0]);
                    return;
            }
        }
        if (!seg[3].equals("members")) {
            throw V2Routes.notFound();
        }
        members(c, id, seg);
    }

    // ------------------------------------------------------------ headers

    /** The x-image-meta-* request headers, validated as v1's deserializer does. */
    private static final class Meta {
        final Map<String, String> core = new LinkedHashMap<>();
        final Map<String, String> props = new LinkedHashMap<>();
    }

    private static Meta parseHeaders(Call c) {
        Meta m = new Meta();
        c.ex.getRequestHeaders().forEach((k, values) -> {
            String key = k.toLowerCase(Locale.ROOT);
            String v = values.isEmpty() ? "" : values.get(0);
            if (key.startsWith("x-image-meta-property-")) {
                m.props.put(key.substring("x-image-meta-property-".length()).replace('-', '_'), v.isEmpty() ? null : v);
            } else if (key.startsWith("x-image-meta-")) {
                String field = key.substring("x-image-meta-".length()).replace('-', '_');
                if (!META_HEADERS.contains(field)) {
                    throw GlanceException.badRequest("Bad header: " + key);
                }
                m.core.put(field, v);
            }
        });
        for (String f : List.of("size", "min_disk", "min_ram", "virtual_size")) {
            String v = m.core.get(f);
            if (v != null) {
                long n;
                try {
                    n = Long.parseLong(v.trim());
                } catch (NumberFormatException e) {
                    throw GlanceException.badRequest("Invalid value '" + v + "' for parameter '" + f
                            + "': Cannot convert image " + f + " '" + v + "' to an integer.");
                }
                if (n < 0) {
                    throw GlanceException.badRequest("Invalid value '" + v + "' for parameter '" + f
                            + "': Cannot be a negative value.");
                }
            }
        }
        String df = m.core.get("disk_format");
        if (df != null && !List.of("ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2", "vdi", "iso", "ploop")
                .contains(df)) {
            throw GlanceException.badRequest("Invalid disk format '" + df + "' for image.");
        }
        String cf = m.core.get("container_format");
        if (cf != null && !List.of("ami", "ari", "aki", "bare", "ovf", "ova", "docker", "compressed").contains(cf)) {
            throw GlanceException.badRequest("Invalid container format '" + cf + "' for image.");
        }
        String name = m.core.get("name");
        if (name != null && name.length() > 255) {
            throw GlanceException.badRequest("Image name too long: " + name.length());
        }
        String checksum = m.core.get("checksum");
        if (checksum != null && checksum.length() > 32) {
            throw GlanceException.badRequest("Invalid checksum '" + checksum + "': can't exceed 32 characters");
        }
        return m;
    }

    static boolean bool(String v) {
        return v != null && List.of("1", "t", "true", "on", "y", "yes").contains(v.trim().toLowerCase(Locale.ROOT));
    }

    /** Core header values in the engine's (v2) attribute shape. */
    private static Map<String, Object> coreAttributes(Meta m, boolean creating) {
        Map<String, Object> a = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : m.core.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "name":
                case "disk_format":
                case "container_format":
                case "owner":
                    a.put(e.getKey(), v);
                    break;
                case "id":
                    if (creating) a.put("id", v);
                    break;
                case "is_public":
                    a.put("visibility", bool(v) ? "public" : "shared");
                    break;
                case "protected":
                    a.put("protected", bool(v));
                    break;
                case "min_ram":
                case "min_disk":
                    a.put(e.getKey(), (int) Long.parseLong(v.trim()));
                    break;
                default:
                    // status, size, checksum, times, location, store...: handled by the caller or ignored
            }
        }
        return a;
    }

    private boolean hasBody(Call c) {
        String len = c.header("Content-Length");
        if (len != null) {
            try {
                return Long.parseLong(len.trim()) > 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return "chunked".equalsIgnoreCase(c.header("Transfer-Encoding"));
    }

    // ------------------------------------------------------------ create / update

    private void create(Call c) throws IOException {
        Meta m = parseHeaders(c);
        boolean body = hasBody(c);
        String copyFrom = c.header("x-glance-api-copy-from");
        String location = m.core.get("location");
        int sources = (body ? 1 : 0) + (copyFrom != null ? 1 : 0) + (location != null ? 1 : 0);
        if (sources >= 2) {
            throw GlanceException.badRequest("It's invalid to provide multiple image sources.");
        }
        if (sources == 1) {
            if (m.core.get("disk_format") == null) throw GlanceException.badRequest("Disk format is not specified.");
            if (m.core.get("container_format") == null) {
                throw GlanceException.badRequest("Container format is not specified.");
            }
        }
        if (body) {
            checkOctetStream(c);
            long declared = c.ex.getRequestHeaders().getFirst("Content-Length") == null ? -1
                    : Long.parseLong(c.header("Content-Length").trim());
            if (declared > engine.config().imageSizeCap()) {
                throw GlanceException.badRequest("Denying attempt to upload image larger than "
                        + engine.config().imageSizeCap() + " bytes.");
            }
        }
        Map<String, Object> attrs = coreAttributes(m, true);
        m.props.forEach((k, v) -> {
            if (v != null) attrs.put(k, v);
        });
        Image img;
        try {
            img = engine.images().create(c.caller, attrs);
        } catch (GlanceException e) {
            if (e.status() == 409 && attrs.get("id") != null) {
                throw GlanceException.conflict("An image with identifier " + attrs.get("id") + " already exists");
            }
            throw e;
        }
        String id = img.id();
        if (body) {
            receive(c, id, m);
        } else if (copyFrom != null || location != null) {
            engine.v1().uploadFrom(c.caller, id, copyFrom != null ? copyFrom : location);
        }
        Image now = engine.images().peek(id).orElse(img);
        c.setHeader("Location", c.baseUrl + "/v1/images/" + id);
        if (now.checksum() != null) c.setHeader("ETag", now.checksum());
        c.json(201, Map.of("image", meta(now)));
    }

    private static void checkOctetStream(Call c) {
        String ct = c.header("Content-Type");
        if (ct == null || !ct.split(";")[0].trim().equalsIgnoreCase("application/octet-stream")) {
            throw GlanceException.badRequest("Content-Type must be application/octet-stream");
        }
    }

    /** Uploads the body and checks the client's size and checksum headers, killing the image on mismatch. */
    private void receive(Call c, String id, Meta m) throws IOException {
        engine.data().upload(c.caller, id, c.uploadBody());
        Image img = engine.images().peek(id).orElseThrow(() -> GlanceException.imageNotFound(id));
        engine.transitions().completeTransition(id);
        img = engine.images().peek(id).orElse(img);
        String size = m.core.get("size");
        if (size != null && Long.parseLong(size.trim()) != 0 && img.size() != null
                && Long.parseLong(size.trim()) != img.size()) {
            engine.v1().kill(id);
            throw GlanceException.badRequest("Supplied " + "size (" + size.trim() + ") and size generated from "
                    + "uploaded image (" + img.size() + ") did not match. Setting image status to 'killed'.");
        }
        String checksum = m.core.get("checksum");
        if (checksum != null && img.checksum() != null && !checksum.equalsIgnoreCase(img.checksum())) {
            engine.v1().kill(id);
            throw GlanceException.badRequest("Supplied checksum (" + checksum + ") and checksum generated from "
                    + "uploaded image (" + img.checksum() + ") did not match. Setting image status to 'killed'.");
        }
    }

    private void update(Call c, String id) throws IOException {
        Meta m = parseHeaders(c);
        Image orig = engine.images().show(c.caller, id);
        for (String key : List.of("status", "id")) {
            String v = m.core.get(key);
            if (v != null && !v.equals(key.equals("id") ? orig.id() : orig.status())) {
                throw GlanceException.forbidden("Forbidden to modify '" + key + "' of image.");
            }
        }
        boolean active = orig.status().equals("active") || orig.status().equals("deactivated");
        if (active && !c.caller.admin()) {
            String size = m.core.get("size");
            if (size != null && !Long.valueOf(size.trim()).equals(orig.size())) {
                throw GlanceException.forbidden("Forbidden to modify 'size' of " + orig.status() + " image.");
            }
            String checksum = m.core.get("checksum");
            if (checksum != null && !checksum.equals(orig.checksum())) {
                throw GlanceException.forbidden("Forbidden to modify 'checksum' of " + orig.status() + " image.");
            }
        }
        boolean body = hasBody(c);
        if (body && !orig.status().equals("queued")) {
            throw GlanceException.of(409, "There was a conflict when trying to complete your request.",
                    "Cannot upload to an unqueued image");
        }
        String copyFrom = c.header("x-glance-api-copy-from");
        String location = m.core.get("location");
        if (location != null && !orig.status().equals("queued")) {
            throw GlanceException.badRequest("Attempted to update Location field for an image not in queued status.");
        }
        String purgeHeader = c.header("x-glance-registry-purge-props");
        boolean purge = (purgeHeader == null || bool(purgeHeader)) && !body;
        engine.v1().updateV1(c.caller, id, coreAttributes(m, false), m.props, purge);
        if (body) {
            checkOctetStream(c);
            receive(c, id, m);
        } else if (copyFrom != null || location != null) {
            engine.v1().uploadFrom(c.caller, id, copyFrom != null ? copyFrom : location);
        }
        Image now = engine.images().peek(id).orElseThrow();
        if (now.checksum() != null) c.setHeader("ETag", now.checksum());
        c.json(200, Map.of("image", meta(now)));
    }

    // ------------------------------------------------------------ read

    private void download(Call c, String id) throws IOException {
        Image shown = engine.images().show(c.caller, id);
        if (shown.status().equals("deactivated") && !c.caller.admin()) {
            throw GlanceException.forbidden("The requested image has been deactivated. Image data download is forbidden.");
        }
        if (!shown.status().equals("active") && !shown.status().equals("deactivated")) {
            throw GlanceException.notFound("Image " + id + " is not active");
        }
        ImageData.Download d = engine.data().download(c.caller, id);
        Blob blob = d.blob();
        metaHeaders(c, d.image());
        c.setHeader("Content-Type", "application/octet-stream");
        c.setHeader("X-Openstack-Request-Id", c.requestId);
        if (d.image().checksum() != null) c.setHeader("ETag", d.image().checksum());
        long size = blob == null ? 0 : blob.size();
        c.status = 200;
        if (size == 0) {
            c.setHeader("Content-Length", "0");
            c.sendResponseHeaders(200, -1);
            c.ex.close();
            return;
        }
        c.streamBody(200, blob.open(0, size), 0, size);
    }

    private static String time(Instant t) {
        return t == null ? null : TIME.format(t);
    }

    /** The v1 image representation (registry format). */
    static Map<String, Object> meta(Image i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", i.status());
        m.put("name", i.name());
        m.put("deleted", false);
        m.put("container_format", i.containerFormat());
        m.put("created_at", time(i.createdAt()));
        m.put("disk_format", i.diskFormat());
        m.put("updated_at", time(i.updatedAt()));
        m.put("min_disk", i.minDisk());
        m.put("protected", i.isProtected());
        m.put("id", i.id());
        m.put("min_ram", i.minRam());
        m.put("checksum", i.checksum());
        m.put("owner", i.owner());
        m.put("is_public", i.visibility().equals("public"));
        m.put("deleted_at", null);
        m.put("virtual_size", i.virtualSize());
        m.put("size", i.size() == null ? 0L : i.size());
        m.put("properties", new LinkedHashMap<>(i.properties()));
        return m;
    }

    private static String py(Object v) {
        if (v instanceof Boolean) return ((Boolean) v) ? "True" : "False";
        return String.valueOf(v);
    }

    /** x-image-meta-* response headers (None values omitted, Python str() of the rest). */
    private static void metaHeaders(Call c, Image i) {
        Map<String, Object> m = meta(i);
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (e.getKey().equals("properties") || e.getValue() == null) continue;
            c.ex.getResponseHeaders().set("x-image-meta-" + e.getKey(), py(e.getValue()));
        }
        i.properties().forEach((k, v) -> {
            if (v != null) c.ex.getResponseHeaders().set("x-image-meta-property-" + k.toLowerCase(Locale.ROOT), v);
        });
        if (i.checksum() != null) c.setHeader("ETag", i.checksum());
    }

    private void list(Call c, boolean detail) throws IOException {
        ImageQuery q = new ImageQuery();
        q.memberStatus = "all";
        q.visibility = null;
        String limit = c.param("limit");
        if (limit != null) {
            try {
                q.limit = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                throw GlanceException.badRequest("limit param must be an integer");
            }
            if (q.limit < 0) throw GlanceException.badRequest("limit param must be positive");
        }
        q.marker = c.param("marker");
        String sortKey = c.param("sort_key");
        String sortDir = c.param("sort_dir");
        if (sortKey != null && !ListParams.SORT_KEYS.contains(sortKey)) {
            throw GlanceException.badRequest("Unsupported sort_key. Acceptable values: "
                    + String.join(", ", ListParams.SORT_KEYS));
        }
        if (sortDir != null && !sortDir.equals("asc") && !sortDir.equals("desc")) {
            throw GlanceException.badRequest("Unsupported sort_dir. Acceptable values: asc, desc");
        }
        q.sort.add(new String[] {sortKey == null ? "created_at" : sortKey, sortDir == null ? "desc" : sortDir});
        List<java.util.function.Predicate<Image>> extra = new ArrayList<>();
        for (Map.Entry<String, String> e : c.params) {
            String k = e.getKey();
            String v = e.getValue();
            if (k.startsWith("property-")) {
                q.properties.put(k.substring("property-".length()), v);
                continue;
            }
            if (!FILTERS.contains(k)) continue;
            try {
                switch (k) {
                    case "name":
                    case "status":
                    case "container_format":
                    case "disk_format":
                        q.in.put(k, List.of(v));
                        break;
                    case "min_ram": {
                        int n = Integer.parseInt(v);
                        extra.add(i -> i.minRam() == n);
                        break;
                    }
                    case "min_disk": {
                        int n = Integer.parseInt(v);
                        extra.add(i -> i.minDisk() == n);
                        break;
                    }
                    case "size_min":
                        q.sizeMin = Long.parseLong(v);
                        break;
                    case "size_max":
                        q.sizeMax = Long.parseLong(v);
                        break;
                    case "is_public": {
                        boolean pub = bool(v);
                        extra.add(i -> i.visibility().equals("public") == pub);
                        break;
                    }
                    case "protected": {
                        boolean p = bool(v);
                        extra.add(i -> i.isProtected() == p);
                        break;
                    }
                    default: {
                        Instant since = OffsetDateTime.parse(v).toInstant();
                        extra.add(i -> !i.updatedAt().isBefore(since));
                    }
                }
            } catch (NumberFormatException | DateTimeParseException ex) {
                throw GlanceException.badRequest("Bad value passed to filter " + k + " got " + v);
            }
        }
        q.extra = i -> extra.stream().allMatch(p -> p.test(i));
        List<Object> out = new ArrayList<>();
        for (Image i : engine.images().list(c.caller, q)) {
            if (detail) {
                out.add(meta(i));
            } else {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("id", i.id());
                s.put("name", i.name());
                s.put("disk_format", i.diskFormat());
                s.put("container_format", i.containerFormat());
                s.put("checksum", i.checksum());
                s.put("size", i.size() == null ? 0L : i.size());
                out.add(s);
            }
        }
        c.json(200, Map.of("images", out));
    }

    // ------------------------------------------------------------ members

    @SuppressWarnings("unchecked")
    private void members(Call c, String id, String[] seg) throws IOException {
        if (seg.length == 4) {
            V2Routes.allow(c, "GET", "PUT");
            if (c.method.equals("GET")) {
                List<Object> out = new ArrayList<>();
                for (Member m : engine.v1().membersV1(c.caller, id)) {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("member_id", m.memberId());
                    e.put("can_share", m.canShare());
                    out.add(e);
                }
                c.json(200, Map.of("members", out));
                return;
            }
            Map<String, Object> body = c.jsonObject();
            Object list = body.get("memberships");
            if (!(list instanceof List)) {
                throw GlanceException.badRequest("Invalid membership association: " + PyJson.write(body));
            }
            Map<String, Boolean> members = new LinkedHashMap<>();
            for (Object o : (List<?>) list) {
                if (!(o instanceof Map) || !(((Map<?, ?>) o).get("member_id") instanceof String)) {
                    throw GlanceException.badRequest("Invalid membership association: " + PyJson.write(o));
                }
                Map<String, Object> mm = (Map<String, Object>) o;
                members.put((String) mm.get("member_id"), Boolean.TRUE.equals(mm.get("can_share")));
            }
            engine.v1().replaceMembersV1(c.caller, id, members);
            c.empty(204);
            return;
        }
        if (seg.length != 5) throw V2Routes.notFound();
        V2Routes.allow(c, "PUT", "DELETE");
        if (c.method.equals("DELETE")) {
            engine.v1().deleteMemberV1(c.caller, id, seg[4]);
            c.empty(204);
            return;
        }
        boolean canShare = false;
        if (hasBody(c)) {
            Map<String, Object> body = c.jsonObject();
            Object member = body.get("member");
            Object share = member instanceof Map ? ((Map<?, ?>) member).get("can_share") : body.get("can_share");
            canShare = Boolean.TRUE.equals(share);
        }
        engine.v1().putMemberV1(c.caller, id, seg[4], canShare);
        c.empty(204);
    }
}
