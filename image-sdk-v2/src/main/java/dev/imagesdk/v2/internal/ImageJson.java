package dev.imagesdk.v2.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageLocation;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.ImageStatus;
import dev.imagesdk.model.Visibility;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Glance v2 image JSON to {@link Image}, and {@link ImageSpec} to the create body.
 *
 * <p>Every key Glance documents maps to an {@link Image} field; any other key is a custom property (Glance
 * sends them as top-level string keys). A non-string custom value (which Glance itself never stores) is kept
 * as its JSON text rather than dropped.
 *
 * <p>One concept at about 520 lines, kept in one file on purpose: the v2 image document, read both as a tree
 * and as a stream (the hot get and list paths), and written for a create, so that every key's mapping and
 * parsing rule (timestamps, numbers, booleans) is in one place.
 */
public final class ImageJson {

    /** The keys that are image attributes in a v2 response, never custom properties. */
    static final Set<String> ATTRIBUTE_KEYS = Set.of(
            "id", "name", "status", "visibility", "protected", "os_hidden", "checksum", "os_hash_algo",
            "os_hash_value", "size", "virtual_size", "min_disk", "min_ram", "disk_format", "container_format",
            "owner", "created_at", "updated_at", "direct_url", "self", "file", "schema", "tags", "stores",
            "locations", "is_public", "deleted", "deleted_at");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Parser factory and codec for the rare non-string values read as small trees; thread-safe. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ImageJson() {
    }

    /**
     * Parses one image object.
     *
     * @throws ImageSdkClientException if the JSON is not an image (no id, malformed timestamps or numbers)
     */
    public static Image toImage(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new ImageSdkClientException("Malformed image in the service response: expected a JSON object, got "
                    + (json == null ? "nothing" : json.getNodeType()));
        }
        try (JsonParser p = json.traverse(MAPPER)) {
            return readImage(p);
        } catch (IOException e) {
            throw new ImageSdkClientException("Malformed image in the service response: " + e.getMessage(), e);
        }
    }

    /**
     * Parses one image object from a response body without building a tree of it (an empty body gets the typed
     * error for a missing image).
     *
     * @throws IOException if the body is not JSON (Jackson's parse errors)
     * @throws ImageSdkClientException if the JSON is not an image
     */
    public static Image readImage(byte[] body) throws IOException {
        if (body.length == 0) {
            return toImage((JsonNode) null);
        }
        try (JsonParser p = MAPPER.createParser(body)) {
            return readImage(p);
        }
    }

    /**
     * Parses the image object at the parser's current (or next) token. Strings, by far the most common values,
     * are taken straight from the parser; other values are read as small trees so they are judged exactly as
     * the tree-based rules below judge them.
     */
    static Image readImage(JsonParser p) throws IOException {
        JsonToken t = p.currentToken() == null ? p.nextToken() : p.currentToken();
        if (t != JsonToken.START_OBJECT) {
            return toImage(t == null ? null : readNode(p)); // throws the typed error
        }
        Map<String, Object> attrs = new HashMap<>(64);
        Map<String, String> props = new LinkedHashMap<>();
        for (t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String key = p.currentName();
            JsonToken vt = p.nextToken();
            Object v;
            if (vt == JsonToken.VALUE_STRING) {
                v = p.getText();
            } else if (vt == JsonToken.VALUE_NULL) {
                v = null;
            } else {
                v = readNode(p);
            }
            if (ATTRIBUTE_KEYS.contains(key)) {
                attrs.put(key, v);
            } else if (v == null) {
                props.remove(key); // a later null wins, as in a tree
            } else {
                props.put(key, v instanceof String str ? str : ((JsonNode) v).toString());
            }
        }
        String id = text(attrs.get("id"));
        if (id == null || id.isBlank()) {
            throw new ImageSdkClientException("Malformed image in the service response: no id");
        }
        Image.Builder b = Image.builder()
                .id(id)
                .name(text(attrs.get("name")))
                .checksum(text(attrs.get("checksum")))
                .osHashAlgo(text(attrs.get("os_hash_algo")))
                .osHashValue(text(attrs.get("os_hash_value")))
                .owner(text(attrs.get("owner")))
                .directUrl(text(attrs.get("direct_url")))
                .self(text(attrs.get("self")))
                .file(text(attrs.get("file")))
                .schema(text(attrs.get("schema")))
                .isProtected(boolOf("protected", node(attrs.get("protected"))))
                .osHidden(boolOf("os_hidden", node(attrs.get("os_hidden"))))
                .isPublic(boolOf("is_public", node(attrs.get("is_public"))))
                .deleted(boolOf("deleted", node(attrs.get("deleted"))))
                .size(longOf("size", node(attrs.get("size"))))
                .virtualSize(longOf("virtual_size", node(attrs.get("virtual_size"))))
                .minDisk(intOf("min_disk", node(attrs.get("min_disk"))))
                .minRam(intOf("min_ram", node(attrs.get("min_ram"))))
                .createdAt(instantOf("created_at", text(attrs.get("created_at"))))
                .updatedAt(instantOf("updated_at", text(attrs.get("updated_at"))))
                .deletedAt(instantOf("deleted_at", text(attrs.get("deleted_at"))));
        String status = text(attrs.get("status"));
        if (status != null) {
            b.status(ImageStatus.of(status));
        }
        String visibility = text(attrs.get("visibility"));
        if (visibility != null) {
            b.visibility(Visibility.of(visibility));
        }
        String disk = text(attrs.get("disk_format"));
        if (disk != null) {
            b.diskFormat(DiskFormat.of(disk));
        }
        String container = text(attrs.get("container_format"));
        if (container != null) {
            b.containerFormat(ContainerFormat.of(container));
        }
        b.tags(strings(node(attrs.get("tags")), "tags"));
        b.stores(stores(text(attrs.get("stores"))));
        b.locations(locations(node(attrs.get("locations"))));
        b.properties(props);
        return b.build();
    }

    /**
     * One image list page: its images (null when the body has no {@code images} array) and its {@code next}
     * link (null when absent).
     */
    public record ImagePage(List<Image> imagesOrNull, String nextOrNull) {
    }

    /** {@link #readPage(byte[])} of an already parsed body (null when there was none). */
    public static ImagePage toPage(JsonNode bodyOrNull) {
        if (bodyOrNull == null) {
            return new ImagePage(null, null);
        }
        try (JsonParser p = bodyOrNull.traverse(MAPPER)) {
            return readPage(p);
        } catch (IOException e) {
            throw new ImageSdkClientException("Malformed image list in the service response: " + e.getMessage(), e);
        }
    }

    /**
     * Parses an image list page as a stream, each image straight into {@link Image}: no tree of the page (pages
     * hold up to 1000 images). An empty body has no images array.
     *
     * @throws IOException if the body is not JSON (Jackson's parse errors)
     * @throws ImageSdkClientException if an image in it is malformed
     */
    public static ImagePage readPage(byte[] body) throws IOException {
        if (body.length == 0) {
            return new ImagePage(null, null);
        }
        try (JsonParser p = MAPPER.createParser(body)) {
            return readPage(p);
        }
    }

    private static ImagePage readPage(JsonParser p) throws IOException {
        JsonToken t = p.currentToken() == null ? p.nextToken() : p.currentToken();
        if (t != JsonToken.START_OBJECT) {
            return new ImagePage(null, null); // no body, or not an object: there is no images array
        }
        List<Image> images = null;
        String next = null;
        for (t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String key = p.currentName();
            JsonToken vt = p.nextToken();
            if ("images".equals(key)) {
                if (vt == JsonToken.START_ARRAY) {
                    images = new ArrayList<>();
                    for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY && e != null; e = p.nextToken()) {
                        images.add(readImage(p));
                    }
                } else {
                    images = null;
                    p.skipChildren();
                }
            } else if ("next".equals(key)) {
                if (vt == JsonToken.VALUE_STRING) {
                    next = p.getText();
                } else if (vt == JsonToken.VALUE_NULL) {
                    next = null;
                } else {
                    next = text((Object) readNode(p));
                }
            } else {
                p.skipChildren();
            }
        }
        return new ImagePage(images, next);
    }

    /**
     * The value at the parser's current token as a node, built directly: going through the mapper
     * ({@code readValueAsTree}) would set up a deserialization context per value. Numbers get the node types
     * Jackson's own tree would give them, so their text is the same.
     */
    private static JsonNode readNode(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            return null;
        }
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = NODES.objectNode();
                for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
                    String key = p.currentName();
                    p.nextToken();
                    o.set(key, readNode(p));
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = NODES.arrayNode();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY && e != null; e = p.nextToken()) {
                    a.add(readNode(p));
                }
                return a;
            }
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT:
                        return NODES.numberNode(p.getIntValue());
                    case LONG:
                        return NODES.numberNode(p.getLongValue());
                    default:
                        return NODES.numberNode(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                return NODES.pojoNode(p.getEmbeddedObject()); // only from token buffers; not in HTTP bodies
        }
    }

    /** A value as read by {@link #readImage(JsonParser)}: null, a String or a JsonNode. */
    private static String text(Object v) {
        if (v == null || v instanceof String) {
            return (String) v;
        }
        JsonNode n = (JsonNode) v;
        return n.isNull() ? null : n.isTextual() ? n.textValue() : n.asText();
    }

    private static JsonNode node(Object v) {
        return v == null ? null : v instanceof String str ? TextNode.valueOf(str) : (JsonNode) v;
    }

    private static Instant instantOf(String field, String s) {
        return s == null || s.isEmpty() ? null : parseInstant(field, s);
    }

    /** Splits Glance's comma-separated {@code stores} string; empty for null or blank. */
    static List<String> stores(String stores) {
        List<String> out = new ArrayList<>();
        if (stores == null) {
            return out;
        }
        for (String s : stores.split(",")) {
            String t = s.trim();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * The create body for {@code spec}, with {@code id} set: the spec's own id, else a fresh random UUID, so a
     * retried create cannot make a second image. Keys follow the order glanceclient uses; custom properties are
     * top-level string keys.
     */
    public static ObjectNode createBody(ImageSpec spec, String id) {
        ObjectNode body = NODES.objectNode();
        body.put("id", id);
        if (spec.name() != null) {
            body.put("name", spec.name());
        }
        if (spec.diskFormat() != null) {
            body.put("disk_format", spec.diskFormat().value());
        }
        if (spec.containerFormat() != null) {
            body.put("container_format", spec.containerFormat().value());
        }
        if (spec.visibility() != null) {
            body.put("visibility", spec.visibility().value());
        }
        if (spec.isProtected() != null) {
            body.put("protected", spec.isProtected());
        }
        if (spec.osHidden() != null) {
            body.put("os_hidden", spec.osHidden());
        }
        if (spec.minDisk() != null) {
            body.put("min_disk", spec.minDisk());
        }
        if (spec.minRam() != null) {
            body.put("min_ram", spec.minRam());
        }
        if (!spec.tags().isEmpty()) {
            ArrayNode tags = body.putArray("tags");
            spec.tags().forEach(tags::add);
        }
        spec.properties().forEach((k, v) -> {
            JsonPatch.checkWritableProperty(k);
            body.put(k, v);
        });
        return body;
    }

    /** The id a create will use: the spec's, else a new random UUID. */
    public static String idFor(ImageSpec spec) {
        return spec.id().orElseGet(() -> UUID.randomUUID().toString());
    }

    /** Parses a Glance timestamp: ISO-8601 with {@code Z} or an offset, or (tasks) without a zone, meaning UTC. */
    static Instant parseInstant(String field, String s) {
        Instant plain = utcSeconds(s);
        if (plain != null) {
            return plain;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e1) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e2) {
                try {
                    return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e3) {
                    throw new ImageSdkClientException("Malformed timestamp in the service response: " + field
                            + "='" + s + "'", e3);
                }
            }
        }
    }

    /**
     * Glance's own form, {@code yyyy-MM-ddTHH:mm:ssZ}, read without the formatter machinery (it was a tenth of
     * the time of a metadata call); null for any other spelling or an invalid date, left to the general parsers.
     */
    static Instant utcSeconds(String s) {
        if (s.length() != 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(19) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** The decimal number in {@code s[from, from+n)}, or -1 if any of it is not an ASCII digit. */
    private static int digits(String s, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    static String text(JsonNode json, String field) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return v.isTextual() ? v.textValue() : v.asText();
    }

    static Instant instant(JsonNode json, String field) {
        return instantOf(field, text(json, field));
    }

    private static Boolean boolOf(String field, JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual() && ("true".equalsIgnoreCase(v.textValue()) || "false".equalsIgnoreCase(v.textValue()))) {
            return Boolean.parseBoolean(v.textValue());
        }
        throw new ImageSdkClientException("Malformed boolean in the service response: " + field + "=" + v);
    }

    private static Long longOf(String field, JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.canConvertToLong() && v.isIntegralNumber()) {
            return v.longValue();
        }
        if (v.isTextual()) {
            try {
                return Long.parseLong(v.textValue());
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new ImageSdkClientException("Malformed number in the service response: " + field + "=" + v);
    }

    private static Integer intOf(String field, JsonNode v) {
        Long l = longOf(field, v);
        if (l == null) {
            return null;
        }
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw new ImageSdkClientException("Number out of range in the service response: " + field + "=" + l);
        }
        return l.intValue();
    }

    static List<String> strings(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        if (array == null || array.isNull()) {
            return out;
        }
        if (!array.isArray()) {
            throw new ImageSdkClientException("Malformed " + field + " in the service response: expected an array");
        }
        array.forEach(n -> out.add(n.isTextual() ? n.textValue() : n.toString()));
        return out;
    }

    private static List<ImageLocation> locations(JsonNode array) {
        List<ImageLocation> out = new ArrayList<>();
        if (array == null || !array.isArray()) {
            return out;
        }
        for (JsonNode loc : array) {
            String url = text(loc, "url");
            if (url == null) {
                continue;
            }
            Map<String, String> meta = new LinkedHashMap<>();
            JsonNode m = loc.get("metadata");
            if (m != null && m.isObject()) {
                m.fields().forEachRemaining(e -> {
                    if (!e.getValue().isNull()) {
                        meta.put(e.getKey(), e.getValue().isTextual() ? e.getValue().textValue()
                                : e.getValue().toString());
                    }
                });
            }
            out.add(new ImageLocation(url, meta));
        }
        return out;
    }
}
