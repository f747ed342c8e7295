package dev.imagesdk.fake.internal.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The image schema checks Glance applies to create and patch, with its error texts. */
final class SchemaRules {
    static final List<String> DISK_FORMATS =
            List.of("ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2", "vdi", "iso", "ploop");
    static final List<String> CONTAINER_FORMATS =
            List.of("ami", "ari", "aki", "bare", "ovf", "ova", "docker", "compressed");
    static final List<String> VISIBILITIES = List.of("community", "public", "private", "shared");
    static final Set<String> READ_ONLY = Set.of("created_at", "updated_at", "status", "checksum", "size",
            "virtual_size", "direct_url", "self", "file", "schema", "id", "os_hash_algo", "os_hash_value", "stores");
    static final Set<String> RESERVED = Set.of("location", "deleted", "deleted_at");
    static final Set<String> CORE = Set.of("name", "disk_format", "container_format", "visibility", "protected",
            "min_ram", "min_disk", "owner", "os_hidden", "tags", "locations");
    static final Pattern UUID = Pattern.compile(
            "^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$");

    private SchemaRules() {
    }

    /** 403 for read-only and reserved attributes, as Glance's deserializer answers. */
    static void checkWritable(String key, boolean creating) {
        if (RESERVED.contains(key) || key.startsWith("os_glance")) {
            throw GlanceException.forbidden("Attribute '" + key + "' is reserved.");
        }
        if (READ_ONLY.contains(key) && !(creating && key.equals("id"))) {
            throw GlanceException.forbidden("Attribute '" + key + "' is read-only.");
        }
    }

    static GlanceException invalid(String detail) {
        return GlanceException.badRequest("Provided object does not match schema 'image': " + detail);
    }

    /** Validates one attribute value against the image schema. */
    static void checkValue(String key, Object v) {
        switch (key) {
            case "id":
                if (!(v instanceof String) || !UUID.matcher((String) v).matches()) {
                    throw invalid(repr(v) + " does not match '" + UUID.pattern() + "'");
                }
                break;
            case "name":
            case "owner":
                if (v != null && !(v instanceof String)) {
                    throw invalid(repr(v) + " is not of type 'null', 'string'");
                }
                if (v != null && ((String) v).length() > 255) {
                    throw invalid(repr(v) + " is too long");
                }
                break;
            case "disk_format":
                enumOf(v, DISK_FORMATS, true);
                break;
            case "container_format":
                enumOf(v, CONTAINER_FORMATS, true);
                break;
            case "visibility":
                enumOf(v, VISIBILITIES, false);
                break;
            case "min_ram":
            case "min_disk":
                if (!(v instanceof Integer || v instanceof Long)) {
                    throw invalid(repr(v) + " is not of type 'integer'");
                }
                if (((Number) v).longValue() < 0) {
                    throw invalid(repr(v) + " is less than the minimum of 0");
                }
                break;
            case "protected":
            case "os_hidden":
                if (!(v instanceof Boolean)) {
                    throw invalid(repr(v) + " is not of type 'boolean'");
                }
                break;
            case "tags":
                if (!(v instanceof List)) {
                    throw invalid(repr(v) + " is not of type 'array'");
                }
                for (Object t : (List<?>) v) {
                    if (!(t instanceof String)) {
                        throw invalid(repr(t) + " is not of type 'string'");
                    }
                    if (((String) t).length() > 255) {
                        throw invalid(repr(t) + " is too long");
                    }
                }
                break;
            default:
                if (!(v instanceof String)) {
                    throw invalid(repr(v) + " is not of type 'string'");
                }
                if (key.length() > 255) {
                    throw invalid(repr(key) + " is too long");
                }
        }
    }

    private static void enumOf(Object v, List<String> allowed, boolean nullable) {
        if (v == null && nullable) {
            return;
        }
        if (!(v instanceof String) || !allowed.contains(v)) {
            String list = (nullable ? "None, " : "") + allowed.stream().map(s -> "'" + s + "'")
                    .collect(Collectors.joining(", "));
            throw invalid(repr(v) + " is not one of [" + list + "]");
        }
    }

    /** Python's repr of a JSON value, as jsonschema prints it. */
    static String repr(Object v) {
        if (v == null) return "None";
        if (v instanceof String) return "'" + v + "'";
        if (v instanceof Boolean) return ((Boolean) v) ? "True" : "False";
        if (v instanceof List) {
            return ((List<?>) v).stream().map(SchemaRules::repr).collect(Collectors.joining(", ", "[", "]"));
        }
        if (v instanceof Map) {
            return ((Map<?, ?>) v).entrySet().stream().map(e -> repr(e.getKey()) + ": " + repr(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (v instanceof Object[]) return Arrays.toString((Object[]) v);
        return String.valueOf(v);
    }
}
