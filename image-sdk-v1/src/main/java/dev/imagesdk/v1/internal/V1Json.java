package dev.imagesdk.v1.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.Member;
import dev.imagesdk.v1.Membership;
import dev.imagesdk.v1.SharedImage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The JSON bodies of API v1: {@code {"image": {...}}} (create, update), {@code {"images": [...]}} (list
 * and detail), {@code {"members": [...]}}, {@code {"shared_images": [...]}}, and the membership bodies
 * the client sends. Unknown fields are ignored; a body that is not the expected shape is an
 * {@link ImageSdkClientException} naming what was missing.
 */
final class V1Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private V1Json() {
    }

    /** The image of a {@code {"image": {...}}} body. */
    static Image image(byte[] body) {
        JsonNode image = read(body).get("image");
        if (image == null || !image.isObject()) {
            throw malformed("an \"image\" object");
        }
        return image(image);
    }

    /** The images of a {@code {"images": [...]}} body. */
    static List<Image> images(byte[] body) {
        JsonNode images = read(body).get("images");
        if (images == null || !images.isArray()) {
            throw malformed("an \"images\" array");
        }
        List<Image> out = new ArrayList<>(images.size());
        for (JsonNode n : images) {
            out.add(image(n));
        }
        return out;
    }

    /** The members of {@code {"members": [{"member_id", "can_share"}]}}. */
    static List<Member> members(String imageId, byte[] body) {
        JsonNode members = read(body).get("members");
        if (members == null || !members.isArray()) {
            throw malformed("a \"members\" array");
        }
        List<Member> out = new ArrayList<>(members.size());
        for (JsonNode m : members) {
            String id = text(m, "member_id");
            if (id == null) {
                throw malformed("a member_id in every member");
            }
            out.add(new Member(imageId, id, null, bool(m, "can_share"), null, null));
        }
        return out;
    }

    /** The images of {@code {"shared_images": [{"image_id", "can_share"}]}}. */
    static List<SharedImage> sharedImages(byte[] body) {
        JsonNode shared = read(body).get("shared_images");
        if (shared == null || !shared.isArray()) {
            throw malformed("a \"shared_images\" array");
        }
        List<SharedImage> out = new ArrayList<>(shared.size());
        for (JsonNode s : shared) {
            String id = text(s, "image_id");
            if (id == null) {
                throw malformed("an image_id in every shared image");
            }
            Boolean canShare = bool(s, "can_share");
            out.add(new SharedImage(id, canShare != null && canShare));
        }
        return out;
    }

    /** {@code {"memberships": [{"member_id", "can_share"}]}} for {@code PUT /v1/images/{id}/members}. */
    static byte[] memberships(List<Membership> memberships) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode list = root.putArray("memberships");
        for (Membership m : memberships) {
            list.addObject().put("member_id", m.memberId()).put("can_share", m.canShare());
        }
        return write(root);
    }

    /** {@code {"member": {"can_share": b}}} for {@code PUT /v1/images/{id}/members/{tenant}}. */
    static byte[] member(boolean canShare) {
        ObjectNode root = MAPPER.createObjectNode();
        root.putObject("member").put("can_share", canShare);
        return write(root);
    }

    private static Image image(JsonNode n) {
        Image.Builder b = Image.builder();
        if (text(n, "id") == null) {
            throw malformed("an id in every image");
        }
        for (V1Field f : V1Field.values()) {
            String v = text(n, f.wireName());
            if (v != null && !v.equals(V1HeaderValues.NONE)) {
                // The service stores text as the client sent it: percent-encoded where it was not ASCII.
                V1HeaderCodec.apply(b, f, f == V1Field.NAME ? V1HeaderValues.decode(v) : v);
            }
        }
        JsonNode props = n.get("properties");
        if (props != null && props.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = props.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isNull()) {
                    // Glance stores property values as strings; anything else is kept as its JSON text.
                    b.property(V1HeaderValues.decode(e.getKey()), e.getValue().isTextual()
                            ? V1HeaderValues.decode(e.getValue().textValue()) : e.getValue().toString());
                }
            }
        }
        return b.build();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return v.isTextual() ? v.textValue() : v.asText();
    }

    private static Boolean bool(JsonNode n, String field) {
        String t = text(n, field);
        return t == null ? null : V1HeaderValues.parseBool(field, t);
    }

    private static JsonNode read(byte[] body) {
        try {
            JsonNode root = MAPPER.readTree(body);
            if (root == null || !root.isObject()) {
                throw malformed("a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw new ImageSdkClientException("The service sent a body that is not JSON: " + e.getMessage(), e);
        }
    }

    private static byte[] write(JsonNode n) {
        try {
            return MAPPER.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new ImageSdkClientException("Could not write a request body", e);
        }
    }

    private static ImageSdkClientException malformed(String expected) {
        return new ImageSdkClientException("The service's v1 response does not have the expected shape: "
                + "expected " + expected);
    }
}
