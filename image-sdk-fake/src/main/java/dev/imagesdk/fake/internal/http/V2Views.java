package dev.imagesdk.fake.internal.http;

import dev.imagesdk.fake.internal.engine.Image;
import dev.imagesdk.fake.internal.engine.Member;
import dev.imagesdk.fake.internal.engine.Task;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Glance v2 JSON representations, in Glance's key order. */
final class V2Views {
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private V2Views() {
    }

    static String time(Instant t) {
        return t == null ? null : SECONDS.format(t);
    }

    static String micros(Instant t) {
        return t == null ? null : MICROS.format(t.truncatedTo(ChronoUnit.MICROS));
    }

    static Map<String, Object> image(Image i) {
        Map<String, Object> m = new LinkedHashMap<>(i.properties());
        m.put("name", i.name());
        m.put("disk_format", i.diskFormat());
        m.put("container_format", i.containerFormat());
        m.put("visibility", i.visibility());
        m.put("size", i.size());
        m.put("virtual_size", i.virtualSize());
        m.put("status", i.status());
        m.put("checksum", i.checksum());
        m.put("protected", i.isProtected());
        m.put("min_ram", i.minRam());
        m.put("min_disk", i.minDisk());
        m.put("owner", i.owner());
        m.put("os_hidden", i.osHidden());
        m.put("os_hash_algo", i.osHashAlgo());
        m.put("os_hash_value", i.osHashValue());
        m.put("id", i.id());
        m.put("created_at", time(i.createdAt()));
        m.put("updated_at", time(i.updatedAt()));
        m.put("tags", new ArrayList<>(i.tags()));
        m.put("self", "/v2/images/" + i.id());
        m.put("file", "/v2/images/" + i.id() + "/file");
        m.put("schema", "/v2/schemas/image");
        if (!i.stores().isEmpty() && (i.status().equals("active") || i.status().equals("deactivated"))) {
            m.put("stores", String.join(",", i.stores()));
        }
        return m;
    }

    static Map<String, Object> member(Member mb) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("member_id", mb.memberId());
        m.put("image_id", mb.imageId());
        m.put("status", mb.status());
        m.put("created_at", time(mb.createdAt()));
        m.put("updated_at", time(mb.updatedAt()));
        m.put("schema", "/v2/schemas/member");
        return m;
    }

    static Map<String, Object> members(List<Member> list) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("members", list.stream().map(V2Views::member).toList());
        m.put("schema", "/v2/schemas/members");
        return m;
    }

    /** A task as {@code GET /v2/images/{id}/tasks} shows it (database view). */
    static Map<String, Object> imageTask(Task t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("type", t.type());
        m.put("status", t.status());
        m.put("owner", t.owner());
        m.put("expires_at", micros(t.expiresAt()));
        m.put("created_at", micros(t.createdAt()));
        m.put("updated_at", micros(t.updatedAt()));
        m.put("deleted_at", null);
        m.put("deleted", false);
        m.put("image_id", t.imageId());
        m.put("request_id", t.requestId());
        m.put("user_id", t.userId());
        m.put("input", t.input());
        m.put("result", t.result());
        m.put("message", t.message());
        return m;
    }

    /** A task as {@code GET /v2/tasks/{id}} shows it. */
    static Map<String, Object> task(Task t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("type", t.type());
        m.put("status", t.status());
        m.put("owner", t.owner());
        m.put("expires_at", time(t.expiresAt()));
        m.put("created_at", time(t.createdAt()));
        m.put("updated_at", time(t.updatedAt()));
        m.put("input", t.input());
        m.put("result", t.result());
        m.put("message", t.message());
        m.put("self", "/v2/tasks/" + t.id());
        m.put("schema", "/v2/schemas/task");
        // Glance 25 appends these to a task it shows (not to the list entries)
        m.put("image_id", t.imageId());
        m.put("request_id", t.requestId());
        m.put("user_id", t.userId());
        return m;
    }
}
