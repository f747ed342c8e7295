package dev.imagesdk.v2.internal;

import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.model.ImageQuery;
import dev.imagesdk.model.OpenValue;
import dev.imagesdk.model.Sort;
import dev.imagesdk.model.TimeFilter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Encodes an {@link ImageQuery} as the {@code GET /v2/images} path and query, the way Glance parses it.
 *
 * <ul>
 *   <li>Filters first, then {@code sort=key:dir,...}, {@code limit} (the page size) and {@code marker}.</li>
 *   <li>{@code name}, {@code id}, {@code status}, {@code disk_format}, {@code container_format}: one value is
 *       sent as is (as {@code eq:<value>} when it contains a colon, since Glance splits {@code op:value} at
 *       the first colon); several as {@code in:a,b}. In an {@code in:} list a value with a comma is
 *       double-quoted; Glance keeps backslashes inside quotes verbatim and has no way to express a double
 *       quote, so values containing {@code "} (and quoted values ending in a backslash) are refused.</li>
 *   <li>{@code created_at}/{@code updated_at}: {@code gte:2024-01-01T00:00:00Z} (UTC, seconds).</li>
 *   <li>{@code tag} is repeated (AND). Property filters are {@code <name>=<value>} (exact match).</li>
 *   <li>Percent-encoding: everything except RFC 3986 unreserved characters and {@code :} (which the real
 *       clients send raw). Commas are sent as {@code %2C}, as in Glance's own {@code first}/{@code next} links:
 *       Feign splits a raw comma in a query value into repeated parameters, which would break {@code in:}
 *       lists and {@code sort}. Glance decodes both spellings to the same value.</li>
 * </ul>
 * v1-only filters ({@code min_ram}, {@code min_disk}, {@code is_public}, {@code changes-since}) are refused
 * with {@link InvalidInputException}, never silently dropped.
 */
public final class QueryEncoder {

    /** Where images are listed, relative to the endpoint root. */
    public static final String PATH = "/v2/images";

    /** Glance's {@code api_limit_max}: a larger {@code limit} is silently capped by the service. */
    static final int MAX_PAGE_SIZE = 1000;

    /** Query parameters with a meaning of their own: a property filter of that name would collide. */
    static final Set<String> RESERVED_PARAMS = Set.of(
            "limit", "marker", "sort", "sort_key", "sort_dir", "name", "id", "status", "visibility", "owner",
            "member_status", "tag", "size_min", "size_max", "os_hidden", "protected", "disk_format",
            "container_format", "created_at", "updated_at", "checksum", "os_hash_value");

    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT;

    private QueryEncoder() {
    }

    /**
     * The path and query of the first page.
     *
     * @throws InvalidInputException if the query uses a v1-only filter or a value Glance cannot parse
     */
    public static String firstPage(ImageQuery q) {
        refuseV1Only(q);
        List<String[]> params = new ArrayList<>();
        multi(params, "name", q.names(), q.names().size() > 1);
        if (!q.ids().isEmpty()) {
            params.add(new String[] {"id", inList("id", q.ids())});
        }
        multi(params, "status", values(q.statuses()), q.statuses().size() > 1);
        q.visibility().ifPresent(v -> params.add(new String[] {"visibility", v.value()}));
        q.owner().ifPresent(v -> params.add(new String[] {"owner", v}));
        q.memberStatus().ifPresent(v -> params.add(new String[] {"member_status", v.value()}));
        for (String t : q.tags()) {
            params.add(new String[] {"tag", t});
        }
        q.sizeMin().ifPresent(v -> params.add(new String[] {"size_min", Long.toString(v)}));
        q.sizeMax().ifPresent(v -> params.add(new String[] {"size_max", Long.toString(v)}));
        q.osHidden().ifPresent(v -> params.add(new String[] {"os_hidden", v.toString()}));
        q.isProtected().ifPresent(v -> params.add(new String[] {"protected", v.toString()}));
        multi(params, "disk_format", values(q.diskFormats()), q.diskFormats().size() > 1);
        multi(params, "container_format", values(q.containerFormats()), q.containerFormats().size() > 1);
        q.createdAt().ifPresent(t -> params.add(new String[] {"created_at", time(t)}));
        q.updatedAt().ifPresent(t -> params.add(new String[] {"updated_at", time(t)}));
        q.properties().forEach((k, v) -> {
            if (RESERVED_PARAMS.contains(k)) {
                throw new InvalidInputException("property filter", k,
                        "collides with the list parameter of the same name; Glance cannot filter on it");
            }
            params.add(new String[] {k, v});
        });
        if (!q.sort().isEmpty()) {
            StringJoiner s = new StringJoiner(",");
            for (Sort sort : q.sort()) {
                s.add(sort.key().wireName() + ":" + sort.direction().wireName());
            }
            params.add(new String[] {"sort", s.toString()});
        }
        Integer limit = wireLimit(q);
        if (limit != null) {
            params.add(new String[] {"limit", limit.toString()});
        }
        q.marker().ifPresent(m -> params.add(new String[] {"marker", m}));
        if (params.isEmpty()) {
            return PATH;
        }
        StringJoiner query = new StringJoiner("&", PATH + "?", "");
        for (String[] p : params) {
            query.add(encode(p[0]) + "=" + encode(p[1]));
        }
        return query.toString();
    }

    /**
     * The page size sent as {@code limit}: the query's, else the overall limit when that is smaller than
     * Glance's maximum (no point fetching more than will be returned), else none (the service's default).
     */
    static Integer wireLimit(ImageQuery q) {
        if (q.pageSize().isPresent()) {
            int size = q.pageSize().getAsInt();
            if (q.limit().isPresent() && q.limit().getAsLong() > 0 && q.limit().getAsLong() < size) {
                return (int) q.limit().getAsLong();
            }
            return size;
        }
        if (q.limit().isPresent() && q.limit().getAsLong() > 0) {
            return (int) Math.min(q.limit().getAsLong(), MAX_PAGE_SIZE);
        }
        return null;
    }

    private static void refuseV1Only(ImageQuery q) {
        if (q.minRam().isPresent()) {
            throw v1Only("min_ram", q.minRam().getAsInt());
        }
        if (q.minDisk().isPresent()) {
            throw v1Only("min_disk", q.minDisk().getAsInt());
        }
        if (q.isPublic().isPresent()) {
            throw new InvalidInputException("is_public", q.isPublic().get(),
                    "is an API v1 filter; with API v2 filter by visibility instead");
        }
        if (q.changesSince().isPresent()) {
            throw new InvalidInputException("changes-since", q.changesSince().get(),
                    "is an API v1 filter; with API v2 use updatedAt(Comparison.GTE, instant)");
        }
    }

    private static InvalidInputException v1Only(String field, Object value) {
        return new InvalidInputException(field, value, "is an API v1 filter; Glance API v2 has no such filter");
    }

    private static void multi(List<String[]> params, String field, List<String> values, boolean list) {
        if (values.isEmpty()) {
            return;
        }
        if (list) {
            params.add(new String[] {field, inList(field, values)});
        } else {
            String v = values.get(0);
            // Glance reads "x:y" as operator x; "eq:" makes a value with a colon an exact match.
            params.add(new String[] {field, v.indexOf(':') >= 0 ? "eq:" + v : v});
        }
    }

    /** {@code in:a,"b,c"} as Glance's {@code split_filter_value_for_quotes} reads it back. */
    static String inList(String field, List<String> values) {
        StringJoiner j = new StringJoiner(",", "in:", "");
        for (String v : values) {
            if (v.indexOf('"') >= 0) {
                throw new InvalidInputException(field, v,
                        "Glance's in: filter syntax cannot express a value containing a double quote");
            }
            if (v.indexOf(',') >= 0 || v.isEmpty()) {
                if (v.endsWith("\\")) {
                    throw new InvalidInputException(field, v,
                            "Glance's in: filter syntax cannot express a value with a comma ending in a backslash");
                }
                j.add('"' + v + '"');
            } else {
                j.add(v);
            }
        }
        return j.toString();
    }

    private static List<String> values(List<? extends OpenValue> values) {
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(v.value()));
        return out;
    }

    static String time(TimeFilter t) {
        Instant i = t.instant().truncatedTo(ChronoUnit.SECONDS);
        return t.comparison().wireName() + ":" + ISO.format(i);
    }

    /** Percent-encodes all but unreserved characters and {@code :} (UTF-8). */
    static String encode(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~' || c == ':') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }
}
