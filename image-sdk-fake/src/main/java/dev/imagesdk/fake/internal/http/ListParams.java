package dev.imagesdk.fake.internal.http;

import dev.imagesdk.fake.internal.engine.GlanceException;
import dev.imagesdk.fake.internal.engine.ImageQuery;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses {@code GET /v2/images} query parameters as Glance does, and builds its first/next links. */
final class ListParams {
    static final List<String> SORT_KEYS =
            List.of("name", "status", "container_format", "disk_format", "size", "id", "created_at", "updated_at");
    private static final Set<String> IN_KEYS = Set.of("name", "status", "id", "disk_format", "container_format");
    /**
     * Image columns that Glance filters by plain equality, compared as its database compares a column with
     * the query's string: {@code size=1517} lists the images of that size, {@code size=abc} none.
     */
    private static final Set<String> COLUMN_KEYS = Set.of("size", "virtual_size", "min_disk", "min_ram",
            "checksum", "os_hash_algo", "os_hash_value");
    private static final int API_LIMIT_MAX = 1000;

    private ListParams() {
    }

    static ImageQuery parse(List<Map.Entry<String, String>> params) {
        ImageQuery q = new ImageQuery();
        List<String> sortKeys = new ArrayList<>();
        List<String> sortDirs = new ArrayList<>();
        String sort = null;
        for (Map.Entry<String, String> e : params) {
            String k = e.getKey();
            String v = e.getValue();
            switch (k) {
                case "limit":
                    int limit;
                    try {
                        limit = Integer.parseInt(v.trim());
                    } catch (NumberFormatException ex) {
                        throw GlanceException.badRequest("limit param must be an integer");
                    }
                    if (limit < 0) {
                        throw GlanceException.badRequest("limit param must be positive");
                    }
                    q.limit = Math.min(limit, API_LIMIT_MAX);
                    break;
                case "marker":
                    q.marker = v;
                    break;
                case "sort_key":
                    sortKeys.add(v);
                    break;
                case "sort_dir":
                    sortDirs.add(v);
                    break;
                case "sort":
                    sort = v;
                    break;
                case "visibility":
                    if (!List.of("public", "private", "shared", "community", "all").contains(v)) {
                        throw GlanceException.badRequest("Invalid visibility value: " + v);
                    }
                    q.visibility = v;
                    break;
                case "member_status":
                    if (!List.of("pending", "accepted", "rejected", "all").contains(v)) {
                        throw GlanceException.badRequest("Invalid status value: " + v);
                    }
                    q.memberStatus = v;
                    break;
                case "owner":
                    q.owner = v;
                    break;
                case "protected":
                    q.isProtected = bool("protected", v);
                    break;
                case "os_hidden":
                    q.osHidden = bool("os_hidden", v);
                    break;
                case "tag":
                    q.tags.add(v);
                    break;
                case "size_min":
                    q.sizeMin = size(k, v);
                    break;
                case "size_max":
                    q.sizeMax = size(k, v);
                    break;
                case "created_at":
                case "updated_at":
                    q.times.add(time(k, v));
                    break;
                default:
                    if (COLUMN_KEYS.contains(k)) {
                        q.columns.put(k, v);
                    } else if (IN_KEYS.contains(k)) {
                        q.in.put(k, v.startsWith("in:") ? splitIn(v.substring(3)) : List.of(v));
                    } else {
                        q.properties.put(k, v);
                    }
            }
        }
        if (sort != null) {
            if (!sortKeys.isEmpty() || !sortDirs.isEmpty()) {
                throw GlanceException.badRequest("The 'sort' parameter is not compatible with 'sort_key' or 'sort_dir'.");
            }
            for (String part : sort.split(",")) {
                String[] kd = part.trim().split(":", 2);
                String dir = kd.length > 1 ? kd[1].trim() : "desc";
                q.sort.add(new String[] {checkKey(kd[0].trim()), checkDir(dir)});
            }
        } else {
            if (sortDirs.size() > Math.max(1, sortKeys.size())) {
                throw GlanceException.badRequest("Number of sort dirs does not match the number of sort keys");
            }
            for (int i = 0; i < sortKeys.size(); i++) {
                String dir = i < sortDirs.size() ? sortDirs.get(i) : (sortDirs.size() == 1 ? sortDirs.get(0) : "desc");
                q.sort.add(new String[] {checkKey(sortKeys.get(i)), checkDir(dir)});
            }
            if (sortKeys.isEmpty() && sortDirs.size() == 1) {
                q.sort.add(new String[] {"created_at", checkDir(sortDirs.get(0))});
            }
        }
        return q;
    }

    private static String checkKey(String k) {
        if (!SORT_KEYS.contains(k)) {
            throw GlanceException.badRequest("Invalid sort key: " + k + ". It must be one of the following: "
                    + String.join(", ", SORT_KEYS) + ".");
        }
        return k;
    }

    private static String checkDir(String d) {
        if (!d.equals("asc") && !d.equals("desc")) {
            throw GlanceException.badRequest("Invalid sort direction: " + d);
        }
        return d;
    }

    private static Boolean bool(String name, String v) {
        switch (v.toLowerCase()) {
            case "true": return true;
            case "false": return false;
            default: throw GlanceException.badRequest("Invalid value '" + v + "' for parameter '" + name + "'");
        }
    }

    private static Long size(String name, String v) {
        try {
            long n = Long.parseLong(v.trim());
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw GlanceException.badRequest("Value of " + name + " must be a non-negative integer: " + v);
        }
    }

    private static ImageQuery.TimeFilter time(String field, String v) {
        String op = "eq";
        String value = v;
        int colon = v.indexOf(':');
        if (colon > 0 && List.of("gt", "gte", "eq", "neq", "lt", "lte").contains(v.substring(0, colon))) {
            op = v.substring(0, colon);
            value = v.substring(colon + 1);
        }
        try {
            Instant t = OffsetDateTime.parse(value).toInstant();
            return new ImageQuery.TimeFilter(field, op, t);
        } catch (DateTimeParseException e) {
            throw GlanceException.badRequest("Invalid timestamp for " + field + ": " + value);
        }
    }

    /** {@code "a,b",c} -> [a,b, c]: commas inside double quotes do not split. */
    static List<String> splitIn(String v) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : v.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /** The {@code first} link: the request's parameters without the marker, re-encoded. */
    static String first(List<Map.Entry<String, String>> params) {
        String q = encode(params);
        return q.isEmpty() ? "/v2/images" : "/v2/images?" + q;
    }

    /** The {@code next} link: first's parameters plus the last image id as marker. */
    static String next(List<Map.Entry<String, String>> params, String marker) {
        String q = encode(params);
        return "/v2/images?" + (q.isEmpty() ? "" : q + "&") + "marker=" + quotePlus(marker);
    }

    private static String encode(List<Map.Entry<String, String>> params) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : params) {
            if (e.getKey().equals("marker")) continue;
            if (sb.length() > 0) sb.append('&');
            sb.append(quotePlus(e.getKey())).append('=').append(quotePlus(e.getValue()));
        }
        return sb.toString();
    }

    /** Python's urllib.parse.quote_plus. */
    static String quotePlus(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '-' || c == '~') {
                sb.append((char) c);
            } else if (c == ' ') {
                sb.append('+');
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }
}
