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

    /** Values nested deeper than this are shown as {@code ...} (the JSON parser refuses deeper bodies anyway). */
    static final int MAX_REPR_DEPTH = 1000;

    /** Python's repr of a JSON value, as jsonschema quotes it; one stack frame per nesting level, bounded. */
    static String repr(Object v) {
        StringBuilder sb = new StringBuilder();
        repr(sb, v, 0);
        return sb.toString();
    }

    private static void repr(StringBuilder sb, Object v, int depth) {
        if (depth > MAX_REPR_DEPTH) {
            sb.append("...");
        } else if (v == null) {
            sb.append("None");
        } else if (v instanceof String) {
            sb.append('\'').append(v).append('\'');
        } else if (v instanceof Boolean) {
            sb.append(((Boolean) v) ? "True" : "False");
        } else if (v instanceof List) {
            sb.append('[');
            String sep = "";
            for (Object o : (List<?>) v) {
                sb.append(sep);
                repr(sb, o, depth + 1);
                sep = ", ";
            }
            sb.append(']');
        } else if (v instanceof Map) {
            sb.append('{');
            String sep = "";
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                sb.append(sep);
                repr(sb, e.getKey(), depth + 1);
                sb.append(": ");
                repr(sb, e.getValue(), depth + 1);
                sep = ", ";
            }
            sb.append('}');
        } else if (v instanceof Object[]) {
            sb.append(Arrays.toString((Object[]) v));
        } else {
            sb.append(v);
        }
    }
}
