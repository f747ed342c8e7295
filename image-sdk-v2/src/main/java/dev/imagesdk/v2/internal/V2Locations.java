package dev.imagesdk.v2.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagesdk.model.ImageLocation;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static dev.imagesdk.v2.internal.V2Context.NODES;
import static dev.imagesdk.v2.internal.V2Context.checkId;
import static dev.imagesdk.v2.internal.V2Context.imagePath;

/**
 * An image's locations ({@code /v2/images/{id}/locations}): list them (a bare array or a {@code locations}
 * member) and add one (sent once) with optional validation data.
 */
final class V2Locations {

    private final V2Context ctx;

    V2Locations(V2Context ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    List<ImageLocation> locations(String imageId) {
        URI target = ctx.url(imagePath(imageId) + "/locations");
        return ctx.calls.run("list locations", "GET", true, token -> {
            JsonNode body = ctx.api.locations(target, token);
            JsonNode arr = body != null && body.isArray() ? body : body == null ? null : body.get("locations");
            List<ImageLocation> out = new ArrayList<>();
            if (arr != null && arr.isArray()) {
                arr.forEach(n -> {
                    String url = ImageJson.text(n, "url");
                    if (url != null) {
                        Map<String, String> meta = new LinkedHashMap<>();
                        JsonNode m = n.get("metadata");
                        if (m != null && m.isObject()) {
                            m.fields().forEachRemaining(e -> meta.put(e.getKey(), e.getValue().isTextual()
                                    ? e.getValue().textValue() : e.getValue().toString()));
                        }
                        out.add(new ImageLocation(url, meta));
                    }
                });
            }
            return out;
        });
    }

    void addLocation(String imageId, String url, Map<String, String> validationData) {
        URI target = ctx.url(imagePath(imageId) + "/locations");
        checkId("url", url);
        ObjectNode body = NODES.objectNode();
        body.put("url", url);
        if (validationData != null && !validationData.isEmpty()) {
            ObjectNode v = body.putObject("validation_data");
            validationData.forEach(v::put);
        }
        ctx.calls.run("add location", "POST", false, token -> {
            ctx.api.addLocation(target, token, body);
            return null;
        });
    }
}
