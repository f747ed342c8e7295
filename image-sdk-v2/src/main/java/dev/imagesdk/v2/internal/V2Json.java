package dev.imagesdk.v2.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.model.Member;
import dev.imagesdk.model.MemberStatus;
import dev.imagesdk.v2.CacheState;
import dev.imagesdk.v2.ImportMethod;
import dev.imagesdk.v2.StoreInfo;
import dev.imagesdk.v2.Task;
import dev.imagesdk.v2.Usage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parsing of the v2 documents other than images: members, tasks, stores, import info, usage, cache. */
final class V2Json {

    private V2Json() {
    }

    static Member member(JsonNode n) {
        String memberId = ImageJson.text(n, "member_id");
        if (memberId == null) {
            throw new ImageSdkClientException("Malformed member in the service response: no member_id");
        }
        String status = ImageJson.text(n, "status");
        return new Member(ImageJson.text(n, "image_id"), memberId, status == null ? null : MemberStatus.of(status),
                null, ImageJson.instant(n, "created_at"), ImageJson.instant(n, "updated_at"));
    }

    static List<Member> members(JsonNode body) {
        List<Member> out = new ArrayList<>();
        array(body, "members").forEach(n -> out.add(member(n)));
        return out;
    }

    static Task task(JsonNode n) {
        String id = ImageJson.text(n, "id");
        if (id == null) {
            throw new ImageSdkClientException("Malformed task in the service response: no id");
        }
        return new Task(id, ImageJson.text(n, "type"), ImageJson.text(n, "status"), ImageJson.text(n, "image_id"),
                ImageJson.text(n, "owner"), ImageJson.text(n, "message"), ImageJson.text(n, "request_id"),
                ImageJson.instant(n, "created_at"), ImageJson.instant(n, "updated_at"),
                ImageJson.instant(n, "expires_at"), json(n.get("input")), json(n.get("result")));
    }

    static List<Task> tasks(JsonNode body) {
        List<Task> out = new ArrayList<>();
        array(body, "tasks").forEach(n -> out.add(task(n)));
        return out;
    }

    static List<StoreInfo> stores(JsonNode body) {
        List<StoreInfo> out = new ArrayList<>();
        for (JsonNode n : array(body, "stores")) {
            String id = ImageJson.text(n, "id");
            if (id == null) {
                continue;
            }
            Map<String, String> props = new LinkedHashMap<>();
            JsonNode p = n.get("properties");
            if (p != null && p.isObject()) {
                p.fields().forEachRemaining(e -> props.put(e.getKey(),
                        e.getValue().isTextual() ? e.getValue().textValue() : e.getValue().toString()));
            }
            out.add(new StoreInfo(id, ImageJson.text(n, "description"), flag(n, "default"), flag(n, "read-only"),
                    ImageJson.text(n, "type"), props));
        }
        return out;
    }

    static List<ImportMethod> importMethods(JsonNode body) {
        JsonNode methods = body == null ? null : body.get("import-methods");
        List<ImportMethod> out = new ArrayList<>();
        if (methods == null) {
            throw new ImageSdkClientException("Malformed import info from the service: no \"import-methods\"");
        }
        ImageJson.strings(methods.get("value"), "import-methods").forEach(m -> out.add(ImportMethod.of(m)));
        return out;
    }

    static Map<String, Usage> usage(JsonNode body) {
        JsonNode usage = body == null ? null : body.get("usage");
        if (usage == null || !usage.isObject()) {
            throw new ImageSdkClientException("Malformed usage from the service: no \"usage\" object");
        }
        Map<String, Usage> out = new LinkedHashMap<>();
        usage.fields().forEachRemaining(e -> out.put(e.getKey(),
                new Usage(e.getValue().path("limit").asLong(-1), e.getValue().path("usage").asLong(0))));
        return out;
    }

    static CacheState cache(JsonNode body) {
        List<String> cached = new ArrayList<>();
        array(body, "cached_images").forEach(n -> {
            String id = n.isTextual() ? n.textValue() : ImageJson.text(n, "image_id");
            if (id != null) {
                cached.add(id);
            }
        });
        List<String> queued = new ArrayList<>();
        array(body, "queued_images").forEach(n -> queued.add(n.isTextual() ? n.textValue() : n.toString()));
        return new CacheState(cached, queued);
    }

    private static boolean flag(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && (v.asBoolean(false) || "true".equalsIgnoreCase(v.asText()));
    }

    private static String json(JsonNode n) {
        return n == null || n.isNull() ? null : n.toString();
    }

    private static List<JsonNode> array(JsonNode body, String field) {
        JsonNode a = body == null ? null : body.get(field);
        if (a == null || !a.isArray()) {
            throw new ImageSdkClientException("Malformed response from the service: no \"" + field + "\" array");
        }
        List<JsonNode> out = new ArrayList<>();
        a.forEach(out::add);
        return out;
    }
}
