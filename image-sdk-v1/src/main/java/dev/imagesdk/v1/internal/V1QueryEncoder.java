package dev.imagesdk.v1.internal;

import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.model.ImageQuery;
import dev.imagesdk.model.Sort;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Turns an {@link ImageQuery} into v1 list parameters: {@code name, status, container_format, disk_format,
 * min_ram, min_disk, size_min, size_max, is_public, changes-since, protected, property-<key>},
 * {@code sort_key}/{@code sort_dir} and {@code limit}. A filter v1 cannot send is refused
 * ({@link InvalidInputException}) before any request, never silently dropped.
 */
final class V1QueryEncoder {

    private V1QueryEncoder() {
    }

    /**
     * The filter, sort and page-size parameters (no marker), in a stable order.
     *
     * @throws InvalidInputException naming the first filter API v1 does not have
     */
    static Map<String, String> parameters(ImageQuery q) {
        refuse(q);
        Map<String, String> p = new LinkedHashMap<>();
        if (!q.names().isEmpty()) {
            p.put("name", q.names().get(0));
        }
        if (!q.statuses().isEmpty()) {
            p.put("status", q.statuses().get(0).value());
        }
        if (!q.containerFormats().isEmpty()) {
            p.put("container_format", q.containerFormats().get(0).value());
        }
        if (!q.diskFormats().isEmpty()) {
            p.put("disk_format", q.diskFormats().get(0).value());
        }
        q.minRam().ifPresent(v -> p.put("min_ram", Integer.toString(v)));
        q.minDisk().ifPresent(v -> p.put("min_disk", Integer.toString(v)));
        q.sizeMin().ifPresent(v -> p.put("size_min", Long.toString(v)));
        q.sizeMax().ifPresent(v -> p.put("size_max", Long.toString(v)));
        q.isPublic().ifPresent(v -> p.put("is_public", V1HeaderValues.bool(v)));
        q.changesSince().ifPresent(v -> p.put("changes-since", V1Times.format(v)));
        q.isProtected().ifPresent(v -> p.put("protected", V1HeaderValues.bool(v)));
        q.properties().forEach((k, v) -> p.put("property-" + k, v));
        if (!q.sort().isEmpty()) {
            Sort s = q.sort().get(0);
            p.put("sort_key", s.key().wireName());
            p.put("sort_dir", s.direction().wireName());
        }
        q.pageSize().ifPresent(v -> p.put("limit", Integer.toString(v)));
        return p;
    }

    private static void refuse(ImageQuery q) {
        if (q.names().size() > 1) {
            throw unsupported("name", q.names(), "an in: list of names");
        }
        if (q.statuses().size() > 1) {
            throw unsupported("status", q.statuses(), "an in: list of statuses");
        }
        if (q.diskFormats().size() > 1) {
            throw unsupported("disk_format", q.diskFormats(), "several disk formats");
        }
        if (q.containerFormats().size() > 1) {
            throw unsupported("container_format", q.containerFormats(), "several container formats");
        }
        if (!q.ids().isEmpty()) {
            throw unsupported("id", q.ids(), "an id filter");
        }
        if (q.visibility().isPresent()) {
            throw unsupported("visibility", q.visibility().get(), "a visibility filter (use isPublic)");
        }
        if (q.owner().isPresent()) {
            throw unsupported("owner", q.owner().get(), "an owner filter");
        }
        if (q.memberStatus().isPresent()) {
            throw unsupported("member_status", q.memberStatus().get(), "member statuses");
        }
        if (!q.tags().isEmpty()) {
            throw unsupported("tag", q.tags(), "tags");
        }
        if (q.osHidden().isPresent()) {
            throw unsupported("os_hidden", q.osHidden().get(), "os_hidden");
        }
        if (q.createdAt().isPresent()) {
            throw unsupported("created_at", q.createdAt().get(), "created_at comparisons (use changesSince)");
        }
        if (q.updatedAt().isPresent()) {
            throw unsupported("updated_at", q.updatedAt().get(), "updated_at comparisons (use changesSince)");
        }
        if (q.sort().size() > 1) {
            throw unsupported("sort key", q.sort().get(1).key().wireName(), "more than one sort key");
        }
    }

    private static InvalidInputException unsupported(String field, Object value, String what) {
        return new InvalidInputException(field, value, "API v1 has no " + what + "; use API v2");
    }

    /** {@code k=v&...}, form-encoded as UTF-8 (spaces as {@code %20}). */
    static String queryString(Map<String, String> params) {
        StringJoiner j = new StringJoiner("&");
        params.forEach((k, v) -> j.add(encode(k) + "=" + encode(v)));
        return j.toString();
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
