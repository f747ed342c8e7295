package dev.imagesdk.fake.internal.http;

import dev.imagesdk.fake.internal.engine.GlanceException;
import dev.imagesdk.fake.internal.engine.Image;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Glance v1's representation of an image: {@code x-image-meta-*} request headers (parsed and validated as
 * v1's deserializer does), the same headers on responses, and the registry-format JSON body.
 */
final class V1Headers {
    private static final Set<String> META_HEADERS = Set.of("location", "size", "is_public", "disk_format",
            "container_format", "name", "status", "copy_from", "uri", "checksum", "created_at", "updated_at",
            "deleted_at", "min_ram", "min_disk", "owner", "store", "id", "protected", "deleted", "virtual_size");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private V1Headers() {
    }

    /** The x-image-meta-* request headers, validated as v1's deserializer does. */
    static final class Meta {
        final Map<String, String> core = new LinkedHashMap<>();
        final Map<String, String> props = new LinkedHashMap<>();
    }

    static Meta parseHeaders(Call c) {
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
    static Map<String, Object> coreAttributes(Meta m, boolean creating) {
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

    /** Whether the request declares a body ({@code Content-Length > 0} or chunked). */
    static boolean hasBody(Call c) {
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

    static void checkOctetStream(Call c) {
        String ct = c.header("Content-Type");
        if (ct == null || !ct.split(";")[0].trim().equalsIgnoreCase("application/octet-stream")) {
            throw GlanceException.badRequest("Content-Type must be application/octet-stream");
        }
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
    static void metaHeaders(Call c, Image i) {
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
}
