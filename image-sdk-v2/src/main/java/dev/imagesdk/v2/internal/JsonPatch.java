package dev.imagesdk.v2.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageUpdate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Turns an {@link ImageUpdate} into what Glance v2 needs: a JSON-patch document (media type
 * {@value #MEDIA_TYPE}) plus single-tag calls.
 *
 * <p>The choices, and why:
 * <ul>
 *   <li>Attributes ({@code name}, {@code visibility}, ...) are {@code replace}d: they always exist, as the
 *       real clients send them.</li>
 *   <li>Custom properties are set with {@code add}: with the v2.1 patch type Glance treats {@code add} of an
 *       existing property as a replacement (its {@code _do_add} refuses an existing key only for the v2.0,
 *       draft-04 type), so no read of the image is needed and no "does it exist yet" race arises. openstacksdk
 *       sends the same.</li>
 *   <li>A whole tag set is one {@code replace /tags}. Adding or removing single tags goes through
 *       {@code PUT/DELETE /v2/images/{id}/tags/{tag}} instead: each is atomic on the server, where a patch
 *       would need the current tags (a read-then-write race).</li>
 *   <li>{@code replaceAllProperties} needs the image as currently stored: one {@code remove} per custom
 *       property the update does not set (reserved {@code os_glance_*} ones excepted, they cannot be removed).
 *       This is not atomic: a property added by someone else between the read and the patch survives, and
 *       one removed in between makes Glance answer 409.</li>
 * </ul>
 * Paths are one-token JSON pointers ({@code ~} as {@code ~0}, {@code /} as {@code ~1}). Read-only and reserved
 * names are refused here, before anything is sent (Glance would answer 403).
 */
public final class JsonPatch {

    /** The JSON-patch media type Glance v2.1+ expects ({@code application/json} gets a 415). */
    public static final String MEDIA_TYPE = "application/openstack-images-v2.1-json-patch";

    /** Attributes Glance refuses to change (403 read-only or reserved), besides the {@code os_glance} prefix. */
    static final Set<String> READ_ONLY = Set.of(
            "created_at", "updated_at", "status", "checksum", "size", "virtual_size", "direct_url", "self", "file",
            "schema", "id", "os_hash_algo", "os_hash_value", "location", "deleted", "deleted_at", "stores");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One patch operation. {@code value} is null for {@code remove}. */
    public record Op(String op, String path, JsonNode value) {
        public Op {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * What an update becomes.
     *
     * @param ops the patch operations (empty when only tags change, or nothing does)
     * @param tagsToAdd tags to add with {@code PUT .../tags/{tag}}
     * @param tagsToRemove tags to remove with {@code DELETE .../tags/{tag}}
     */
    public record Plan(List<Op> ops, List<String> tagsToAdd, List<String> tagsToRemove) {
        public Plan {
            ops = List.copyOf(ops);
            tagsToAdd = List.copyOf(tagsToAdd);
            tagsToRemove = List.copyOf(tagsToRemove);
        }

        /** The patch document. */
        public ArrayNode document() {
            return JsonPatch.document(ops);
        }
    }

    private JsonPatch() {
    }

    /** {@code true} if the update needs the current image ({@link #plan} with a non-null {@code current}). */
    public static boolean needsCurrentImage(ImageUpdate update) {
        return update.replaceAllProperties();
    }

    /**
     * Plans an update.
     *
     * @param current the image as stored now; required when {@link #needsCurrentImage} says so, else ignored
     * @throws InvalidInputException if a name is read-only or reserved
     */
    public static Plan plan(ImageUpdate update, Image current) {
        List<Op> ops = new ArrayList<>();
        update.name().ifPresent(v -> ops.add(replace("name", NODES.textNode(v))));
        update.visibility().ifPresent(v -> ops.add(replace("visibility", NODES.textNode(v.value()))));
        update.isProtected().ifPresent(v -> ops.add(replace("protected", NODES.booleanNode(v))));
        update.osHidden().ifPresent(v -> ops.add(replace("os_hidden", NODES.booleanNode(v))));
        update.minDisk().ifPresent(v -> ops.add(replace("min_disk", NODES.numberNode(v))));
        update.minRam().ifPresent(v -> ops.add(replace("min_ram", NODES.numberNode(v))));
        update.diskFormat().ifPresent(v -> ops.add(replace("disk_format", NODES.textNode(v.value()))));
        update.containerFormat().ifPresent(v -> ops.add(replace("container_format", NODES.textNode(v.value()))));
        update.setProperties().forEach((k, v) -> {
            checkWritableProperty(k);
            ops.add(new Op("add", pointer(k), NODES.textNode(v)));
        });
        for (String k : update.removeProperties()) {
            checkWritableProperty(k);
            ops.add(new Op("remove", pointer(k), null));
        }
        if (update.replaceAllProperties()) {
            if (current == null) {
                throw new IllegalArgumentException("replaceAllProperties needs the current image");
            }
            for (String k : current.properties().keySet()) {
                if (!update.setProperties().containsKey(k) && !isReserved(k) && !READ_ONLY.contains(k)
                        && !ImageJson.ATTRIBUTE_KEYS.contains(k)) {
                    ops.add(new Op("remove", pointer(k), null));
                }
            }
        }
        update.replaceTags().ifPresent(tags -> {
            ArrayNode arr = NODES.arrayNode();
            tags.forEach(arr::add);
            ops.add(new Op("replace", "/tags", arr));
        });
        return new Plan(ops, new ArrayList<>(update.addTags()), new ArrayList<>(update.removeTags()));
    }

    /** The JSON document for {@code ops} ({@code value} omitted for {@code remove}). */
    public static ArrayNode document(List<Op> ops) {
        ArrayNode doc = NODES.arrayNode();
        for (Op op : ops) {
            ObjectNode o = doc.addObject();
            o.put("op", op.op());
            o.put("path", op.path());
            if (op.value() != null) {
                o.set("value", op.value());
            }
        }
        return doc;
    }

    /** A one-token JSON pointer for {@code name} (RFC 6901 escaping: {@code ~} first, then {@code /}). */
    public static String pointer(String name) {
        return "/" + name.replace("~", "~0").replace("/", "~1");
    }

    /**
     * Refuses a custom property name Glance will not let a client write.
     *
     * @throws InvalidInputException for image attributes, read-only/reserved names and {@code os_glance*}
     */
    public static void checkWritableProperty(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidInputException("property name", name, "must not be empty");
        }
        if (isReserved(name)) {
            throw new InvalidInputException("property name", name,
                    "the os_glance prefix is reserved for Glance itself (the service answers 403)");
        }
        if (READ_ONLY.contains(name) || ImageJson.ATTRIBUTE_KEYS.contains(name)) {
            throw new InvalidInputException("property name", name,
                    "is an image attribute (read-only or reserved), not a custom property");
        }
    }

    static boolean isReserved(String name) {
        return name.startsWith("os_glance");
    }

    private static Op replace(String attribute, JsonNode value) {
        return new Op("replace", "/" + attribute, value);
    }
}
