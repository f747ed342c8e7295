package dev.imagesdk.v2.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagesdk.PagedIterable;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.exception.NotFoundException;
import dev.imagesdk.internal.http.PathSegment;
import dev.imagesdk.v2.MetadefNamespace;
import dev.imagesdk.v2.MetadefObject;
import dev.imagesdk.v2.MetadefProperty;
import dev.imagesdk.v2.MetadefTag;
import dev.imagesdk.v2.Metadefs;
import dev.imagesdk.v2.ResourceTypeAssociation;

import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * {@link Metadefs} over {@link GlanceV2Api}'s URL-taking calls: paths are built here with every name
 * encoded as one segment by {@link PathSegment} (names may contain {@code /} or spaces; the {@code :} of
 * {@code OS::Glance::Image} is sent as {@code %3A}, which Glance decodes like any other escape). One concept, Glance's metadata definitions catalog (namespaces and
 * their objects, properties, tags and resource types), kept in one file at about 400 lines.
 */
final class V2Metadefs implements Metadefs {

    private static final String ROOT = "/v2/metadefs";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final GlanceV2Api api;
    private final CallRunner calls;
    private final ObjectMapper json;
    private final String endpointRoot;

    V2Metadefs(V2Context ctx) {
        this.api = ctx.api;
        this.calls = ctx.calls;
        this.json = ctx.json;
        this.endpointRoot = ctx.endpointRoot;
    }

    /** {@code GET /v2/metadefs/namespaces} as the service's JSON text (the first page, unparsed). */
    String namespacesDocument() {
        return calls.run("list metadef namespaces", "GET", true, token -> api.metadefNamespaces(token).toString());
    }

    // ---- namespaces ----

    @Override
    public PagedIterable<MetadefNamespace> namespaces(List<String> resourceTypes, String visibility, int pageSize) {
        if (resourceTypes == null) {
            throw new InvalidInputException("resourceTypes", null, "must not be null (use an empty list)");
        }
        if (visibility != null && !visibility.equals("public") && !visibility.equals("private")) {
            throw new InvalidInputException("visibility", visibility, "must be public, private or null");
        }
        if (pageSize < 0) {
            throw new InvalidInputException("pageSize", pageSize, "must not be negative");
        }
        StringBuilder q = new StringBuilder();
        if (!resourceTypes.isEmpty()) {
            resourceTypes.forEach(t -> name("resourceTypes", t));
            V2Context.param(q, "resource_types", String.join(",", resourceTypes));
        }
        if (visibility != null) {
            V2Context.param(q, "visibility", visibility);
        }
        if (pageSize > 0) {
            V2Context.param(q, "limit", Integer.toString(pageSize));
        }
        String first = ROOT + "/namespaces" + (q.length() == 0 ? "" : "?" + q);
        return new JsonPager<>(first, "namespaces",
                p -> calls.run("list metadef namespaces", "GET", true, token -> api.getUrl(url(p), token)),
                V2Metadefs::toNamespace).listing(pageSize);
    }

    @Override
    public MetadefNamespace namespace(String namespace) {
        return toNamespace(get("get metadef namespace", ns(namespace)));
    }

    @Override
    public MetadefNamespace createNamespace(String namespaceJson) {
        ObjectNode body = document("namespaceJson", namespaceJson, "namespace");
        return toNamespace(post("create metadef namespace", ROOT + "/namespaces", null, body));
    }

    @Override
    public MetadefNamespace updateNamespace(String namespace, String namespaceJson) {
        String path = ns(namespace);
        ObjectNode body = document("namespaceJson", namespaceJson, "namespace");
        return toNamespace(put("update metadef namespace", path, body));
    }

    @Override
    public void deleteNamespace(String namespace) {
        delete("delete metadef namespace", ns(namespace));
    }

    // ---- objects ----

    @Override
    public List<MetadefObject> objects(String namespace) {
        return list(get("list metadef objects", ns(namespace) + "/objects"), "objects", V2Metadefs::toObject);
    }

    @Override
    public MetadefObject object(String namespace, String name) {
        return toObject(get("get metadef object", item(namespace, "objects", name)));
    }

    @Override
    public MetadefObject createObject(String namespace, String objectJson) {
        String path = ns(namespace) + "/objects";
        return toObject(post("create metadef object", path, null, document("objectJson", objectJson, "name")));
    }

    @Override
    public MetadefObject updateObject(String namespace, String name, String objectJson) {
        String path = item(namespace, "objects", name);
        return toObject(put("update metadef object", path, document("objectJson", objectJson, "name")));
    }

    @Override
    public void deleteObject(String namespace, String name) {
        delete("delete metadef object", item(namespace, "objects", name));
    }

    // ---- properties ----

    @Override
    public List<MetadefProperty> properties(String namespace) {
        JsonNode body = get("list metadef properties", ns(namespace) + "/properties");
        JsonNode props = body == null ? null : body.get("properties");
        if (props == null || !props.isObject()) {
            throw new ImageSdkClientException("Malformed property list from the service: no \"properties\" object");
        }
        List<MetadefProperty> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            // The list is keyed by name and its entries omit it; put it back so each record is self-contained.
            ObjectNode p = e.getValue().isObject() ? ((ObjectNode) e.getValue()).deepCopy() : NODES.objectNode();
            if (!p.hasNonNull("name")) {
                p.put("name", e.getKey());
            }
            out.add(toProperty(p));
        }
        return out;
    }

    @Override
    public MetadefProperty property(String namespace, String name) {
        return toProperty(get("get metadef property", item(namespace, "properties", name)));
    }

    @Override
    public MetadefProperty createProperty(String namespace, String propertyJson) {
        String path = ns(namespace) + "/properties";
        return toProperty(post("create metadef property", path, null, document("propertyJson", propertyJson, "name")));
    }

    @Override
    public MetadefProperty updateProperty(String namespace, String name, String propertyJson) {
        String path = item(namespace, "properties", name);
        return toProperty(put("update metadef property", path, document("propertyJson", propertyJson, "name")));
    }

    @Override
    public void deleteProperty(String namespace, String name) {
        delete("delete metadef property", item(namespace, "properties", name));
    }

    // ---- resource types ----

    @Override
    public List<ResourceTypeAssociation> resourceTypes() {
        return list(get("list metadef resource types", ROOT + "/resource_types"), "resource_types",
                V2Metadefs::toResourceType);
    }

    @Override
    public List<ResourceTypeAssociation> resourceTypeAssociations(String namespace) {
        return list(get("list metadef resource type associations", ns(namespace) + "/resource_types"),
                "resource_type_associations", V2Metadefs::toResourceType);
    }

    @Override
    public ResourceTypeAssociation associateResourceType(String namespace, String resourceType, String prefix,
                                                         String propertiesTarget) {
        String path = ns(namespace) + "/resource_types";
        ObjectNode body = NODES.objectNode();
        body.put("name", name("resourceType", resourceType));
        if (prefix != null) {
            body.put("prefix", prefix);
        }
        if (propertiesTarget != null) {
            body.put("properties_target", propertiesTarget);
        }
        return toResourceType(post("associate metadef resource type", path, null, body));
    }

    @Override
    public void dissociateResourceType(String namespace, String resourceType) {
        delete("dissociate metadef resource type", item(namespace, "resource_types", "resourceType", resourceType));
    }

    // ---- tags ----

    @Override
    public List<MetadefTag> tags(String namespace) {
        return list(get("list metadef tags", ns(namespace) + "/tags"), "tags", V2Metadefs::toTag);
    }

    @Override
    public MetadefTag tag(String namespace, String name) {
        return toTag(get("get metadef tag", item(namespace, "tags", name)));
    }

    @Override
    public MetadefTag createTag(String namespace, String name) {
        URI url = url(item(namespace, "tags", name));
        return toTag(calls.run("create metadef tag", "POST", false, token -> api.postUrlEmpty(url, token)));
    }

    @Override
    public List<MetadefTag> createTags(String namespace, List<String> names, boolean append) {
        String path = ns(namespace) + "/tags";
        if (names == null || names.isEmpty()) {
            throw new InvalidInputException("names", names, "must name at least one tag");
        }
        ObjectNode body = NODES.objectNode();
        ArrayNode tags = body.putArray("tags");
        names.forEach(n -> tags.addObject().put("name", name("names", n)));
        JsonNode answer = post("create metadef tags", path, append ? "True" : null, body);
        return list(answer, "tags", V2Metadefs::toTag);
    }

    @Override
    public MetadefTag updateTag(String namespace, String name, String newName) {
        String path = item(namespace, "tags", name);
        ObjectNode body = NODES.objectNode();
        body.put("name", name("newName", newName));
        return toTag(put("update metadef tag", path, body));
    }

    @Override
    public void deleteTag(String namespace, String name) {
        delete("delete metadef tag", item(namespace, "tags", name));
    }

    // ---- calls ----

    private JsonNode get(String operation, String path) {
        URI url = url(path);
        return calls.run(operation, "GET", true, token -> api.getUrl(url, token));
    }

    private JsonNode post(String operation, String path, String append, JsonNode body) {
        URI url = url(path);
        return calls.run(operation, "POST", false, token -> api.postUrl(url, token, append, body));
    }

    private JsonNode put(String operation, String path, JsonNode body) {
        URI url = url(path);
        // A PUT replaces the whole document, so repeating it is harmless.
        return calls.run(operation, "PUT", true, token -> api.putUrl(url, token, body));
    }

    /** A DELETE that counts 404 on a retry as success: an earlier attempt deleted it. */
    private void delete(String operation, String path) {
        URI url = url(path);
        AtomicInteger attempts = new AtomicInteger();
        calls.run(operation, "DELETE", true, token -> {
            int attempt = attempts.incrementAndGet();
            try {
                api.deleteUrl(url, token);
            } catch (NotFoundException e) {
                if (attempt == 1) {
                    throw e;
                }
            }
            return null;
        });
    }

    private URI url(String pathAndQuery) {
        try {
            return URI.create(endpointRoot + pathAndQuery);
        } catch (IllegalArgumentException e) {
            throw new ImageSdkClientException("Not a valid URI: " + pathAndQuery, e);
        }
    }

    private static String ns(String namespace) {
        return ROOT + "/namespaces/" + PathSegment.encode("namespace", namespace);
    }

    private static String item(String namespace, String section, String name) {
        return item(namespace, section, "name", name);
    }

    private static String item(String namespace, String section, String field, String name) {
        return ns(namespace) + "/" + section + "/" + PathSegment.encode(field, name);
    }

    private static String name(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, value, "must not be blank");
        }
        return value;
    }

    /** Parses a caller's JSON document: one object with a non-blank string {@code requiredField}. */
    private ObjectNode document(String field, String text, String requiredField) {
        if (text == null) {
            throw new InvalidInputException(field, null, "must not be null");
        }
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(field, abbreviate(text), "is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(field, abbreviate(text), "must be a JSON object");
        }
        JsonNode required = node.get(requiredField);
        if (required == null || !required.isTextual() || required.asText().isBlank()) {
            throw new InvalidInputException(field, abbreviate(text), "needs a non-blank \"" + requiredField + "\"");
        }
        return (ObjectNode) node;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }

    // ---- parsing ----

    private static <T> List<T> list(JsonNode body, String key, Function<JsonNode, T> item) {
        JsonNode array = body == null ? null : body.get(key);
        if (array == null || !array.isArray()) {
            throw new ImageSdkClientException("Malformed list from the service: no \"" + key + "\" array");
        }
        List<T> out = new ArrayList<>(array.size());
        array.forEach(n -> out.add(item.apply(n)));
        return out;
    }

    private static String required(JsonNode n, String field, String what) {
        if (n == null || !n.isObject()) {
            throw new ImageSdkClientException("Malformed " + what + " in the service response: not a JSON object");
        }
        String v = ImageJson.text(n, field);
        if (v == null) {
            throw new ImageSdkClientException("Malformed " + what + " in the service response: no " + field);
        }
        return v;
    }

    static MetadefNamespace toNamespace(JsonNode n) {
        String namespace = required(n, "namespace", "metadef namespace");
        JsonNode p = n.get("protected");
        return new MetadefNamespace(namespace, ImageJson.text(n, "display_name"),
                ImageJson.text(n, "description"), ImageJson.text(n, "visibility"), p != null && p.asBoolean(),
                ImageJson.text(n, "owner"), ImageJson.instant(n, "created_at"), ImageJson.instant(n, "updated_at"),
                n.toString());
    }

    static MetadefObject toObject(JsonNode n) {
        String name = required(n, "name", "metadef object");
        List<String> required = new ArrayList<>();
        JsonNode r = n.get("required");
        if (r != null && r.isArray()) {
            r.forEach(x -> required.add(x.asText()));
        }
        return new MetadefObject(name, ImageJson.text(n, "description"), required,
                ImageJson.instant(n, "created_at"), ImageJson.instant(n, "updated_at"), n.toString());
    }

    static MetadefProperty toProperty(JsonNode n) {
        return new MetadefProperty(required(n, "name", "metadef property"), ImageJson.text(n, "title"),
                ImageJson.text(n, "type"), ImageJson.text(n, "description"), n.toString());
    }

    static MetadefTag toTag(JsonNode n) {
        return new MetadefTag(required(n, "name", "metadef tag"), ImageJson.instant(n, "created_at"),
                ImageJson.instant(n, "updated_at"), n.toString());
    }

    static ResourceTypeAssociation toResourceType(JsonNode n) {
        return new ResourceTypeAssociation(required(n, "name", "metadef resource type"), ImageJson.text(n, "prefix"),
                ImageJson.text(n, "properties_target"), ImageJson.instant(n, "created_at"),
                ImageJson.instant(n, "updated_at"), n.toString());
    }
}
