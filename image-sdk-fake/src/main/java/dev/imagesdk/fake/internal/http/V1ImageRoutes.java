package dev.imagesdk.fake.internal.http;

import static dev.imagesdk.fake.internal.http.V1Headers.bool;
import static dev.imagesdk.fake.internal.http.V1Headers.checkOctetStream;
import static dev.imagesdk.fake.internal.http.V1Headers.coreAttributes;
import static dev.imagesdk.fake.internal.http.V1Headers.hasBody;
import static dev.imagesdk.fake.internal.http.V1Headers.meta;
import static dev.imagesdk.fake.internal.http.V1Headers.metaHeaders;
import static dev.imagesdk.fake.internal.http.V1Headers.parseHeaders;

import dev.imagesdk.fake.internal.engine.Blob;
import dev.imagesdk.fake.internal.engine.Engine;
import dev.imagesdk.fake.internal.engine.GlanceException;
import dev.imagesdk.fake.internal.engine.Image;
import dev.imagesdk.fake.internal.engine.ImageData;
import dev.imagesdk.fake.internal.engine.ImageQuery;
import dev.imagesdk.fake.internal.http.V1Headers.Meta;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Glance v1 image requests: create and update from {@code x-image-meta-*} headers (with data in the body,
 * {@code x-glance-api-copy-from} or a location), HEAD, download, delete and the v1 list filters.
 */
final class V1ImageRoutes {
    private static final Set<String> FILTERS = Set.of("name", "status", "container_format", "disk_format",
            "min_ram", "min_disk", "size_min", "size_max", "is_public", "changes-since", "protected");

    private final Engine engine;

    V1ImageRoutes(Engine engine) {
        this.engine = engine;
    }

    /** {@code /v1/images}: POST creates (with data, copy-from or a location), GET lists (summaries). */
    void collection(Call c) throws IOException {
        V2Routes.allow(c, "GET", "POST");
        if (c.method.equals("POST")) {
            create(c);
        } else {
            list(c, false);
        }
    }

    /** {@code /v1/images/detail}: GET lists full records; HEAD is 405. */
    void detail(Call c) throws IOException {
        if (c.method.equals("HEAD")) {
            throw GlanceException.raw(405, "This operation is currently not permitted on Glance images details.")
                    .header("Allow", "GET");
        }
        V2Routes.allow(c, "GET");
        list(c, true);
    }

    /** {@code /v1/images/{id}}: HEAD shows (as headers), GET downloads, PUT updates or uploads, DELETE deletes. */
    void item(Call c, String id) throws IOException {
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
}
