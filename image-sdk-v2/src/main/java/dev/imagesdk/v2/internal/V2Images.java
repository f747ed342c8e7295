package dev.imagesdk.v2.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.imagesdk.PagedIterable;
import dev.imagesdk.exception.ConflictException;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.ImageServiceException;
import dev.imagesdk.exception.NotFoundException;
import dev.imagesdk.internal.StatusWaiter;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageQuery;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.ImageStatus;
import dev.imagesdk.model.ImageUpdate;
import dev.imagesdk.v2.CreatedImage;
import feign.Response;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.imagesdk.v2.internal.V2Context.checkId;
import static dev.imagesdk.v2.internal.V2Context.imagePath;
import static dev.imagesdk.v2.internal.V2Context.notNull;

/**
 * Glance's images resource ({@code /v2/images}): create, get, list, update (JSON patch, with single tag changes
 * through {@link V2Tags}), delete; the image actions deactivate and reactivate; and waiting for a status.
 *
 * <p>A create sends a client-generated id, so it is retried, and a 409 on a retry is resolved by reading the
 * image back and comparing it with the spec; a delete that answers 404 on a retry succeeded on an earlier
 * attempt. PATCH is sent once.
 */
final class V2Images {

    private final V2Context ctx;
    private final V2Tags tags;

    V2Images(V2Context ctx, V2Tags tags) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.tags = Objects.requireNonNull(tags, "tags");
    }

    Image create(ImageSpec spec) {
        return createDetailed(spec).image();
    }

    CreatedImage createDetailed(ImageSpec spec) {
        notNull("spec", spec);
        String id = ImageJson.idFor(spec);
        JsonNode body = ImageJson.createBody(spec, id);
        AtomicInteger attempts = new AtomicInteger();
        return ctx.calls.run("create image", "POST", true, token -> {
            int attempt = attempts.incrementAndGet();
            try (Response r = ctx.api.create(token, body)) {
                byte[] bytes = readBody(r);
                Map<String, List<String>> headers = headers(r);
                if (r.status() >= 200 && r.status() < 300) {
                    Image image = ImageJson.toImage(parse(bytes));
                    return new CreatedImage(image, V2Imports.importMethodsHeader(headers),
                            V2Imports.storeIdsHeader(headers));
                }
                ImageServiceException e = ctx.errors.map(r.status(), headers, bytes);
                if (e instanceof ConflictException && attempt > 1) {
                    return new CreatedImage(resolveCreateConflict(token, spec, id, e), List.of(), List.of());
                }
                throw e;
            }
        });
    }

    /** A 409 on a retried create: our earlier attempt probably created it. Ours only if it matches the spec. */
    private Image resolveCreateConflict(String token, ImageSpec spec, String id, ImageServiceException conflict) {
        Image existing;
        try {
            existing = ImageJson.toImage(ctx.api.get(ctx.url(imagePath(id)), token));
        } catch (NotFoundException gone) {
            conflict.addSuppressed(gone);
            throw conflict;
        }
        if (!matches(spec, existing)) {
            throw conflict;
        }
        return existing;
    }

    static boolean matches(ImageSpec spec, Image image) {
        return Objects.equals(spec.name(), image.name())
                && (spec.diskFormat() == null || spec.diskFormat().equals(image.diskFormat()))
                && (spec.containerFormat() == null || spec.containerFormat().equals(image.containerFormat()))
                && (spec.visibility() == null || spec.visibility().equals(image.visibility()))
                && image.tags().containsAll(spec.tags())
                && spec.properties().entrySet().stream()
                        .allMatch(e -> e.getValue().equals(image.properties().get(e.getKey())));
    }

    Image get(String imageId) {
        URI url = ctx.url(imagePath(imageId));
        // The lean GET, parsed straight into Image: no Feign templating and no JSON tree on the hottest call.
        return ctx.calls.run("get image", "GET", true, token -> ctx.gets.get(url, token, ImageJson::readImage));
    }

    PagedIterable<Image> list(ImageQuery query) {
        notNull("query", query);
        return ImagePager.listPages(query, p -> getImagePage("list images", p));
    }

    /** GET of an image list page, parsed as a stream into Images (no JSON tree of up to 1000 images). */
    private ImageJson.ImagePage getImagePage(String operation, String pathAndQuery) {
        URI url = ctx.linkUri(pathAndQuery);
        return ctx.calls.run(operation, "GET", true, token -> ctx.gets.get(url, token, ImageJson::readPage));
    }

    Image update(String imageId, ImageUpdate update) {
        URI url = ctx.url(imagePath(imageId));
        notNull("update", update);
        Image current = JsonPatch.needsCurrentImage(update) ? get(imageId) : null;
        JsonPatch.Plan plan = JsonPatch.plan(update, current);
        Image result = null;
        if (!plan.ops().isEmpty()) {
            ArrayNode doc = plan.document();
            result = ctx.calls.run("update image", "PATCH", false,
                    token -> ImageJson.toImage(ctx.api.patch(url, token, doc)));
        }
        plan.tagsToAdd().forEach(t -> tags.addTag(imageId, t));
        plan.tagsToRemove().forEach(t -> tags.removeTag(imageId, t));
        if (result == null || !plan.tagsToAdd().isEmpty() || !plan.tagsToRemove().isEmpty()) {
            result = get(imageId);
        }
        return result;
    }

    void delete(String imageId) {
        URI url = ctx.url(imagePath(imageId));
        ctx.deleteCall("delete image", token -> ctx.api.delete(url, token));
    }

    // ---- actions (Glance's image_actions: /v2/images/{id}/actions/...) ----

    void deactivate(String imageId) {
        URI url = ctx.url(imagePath(imageId) + "/actions/deactivate");
        // Deactivating a deactivated image is a no-op on the service, so a retry is harmless.
        ctx.calls.run("deactivate image", "POST", true, token -> {
            ctx.api.deactivate(url, token);
            return null;
        });
    }

    void reactivate(String imageId) {
        URI url = ctx.url(imagePath(imageId) + "/actions/reactivate");
        ctx.calls.run("reactivate image", "POST", true, token -> {
            ctx.api.reactivate(url, token);
            return null;
        });
    }

    // ---- waiting for a status ----

    Image waitForStatus(String imageId, ImageStatus status, Duration timeout) {
        checkId("imageId", imageId);
        notNull("status", status);
        notNull("timeout", timeout);
        V2Settings settings = ctx.settings;
        return new StatusWaiter(settings.pollInitial(), settings.pollMax(), settings.pause()::sleep,
                settings.nanoTime()).await(imageId, status, timeout, this::get);
    }

    // ---- the create response ----

    private static Map<String, List<String>> headers(Response r) {
        Map<String, List<String>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, Collection<String>> e : r.headers().entrySet()) {
            out.put(e.getKey(), new ArrayList<>(e.getValue()));
        }
        return out;
    }

    /** A malformed success body is the service's fault, not a transport failure: never retried. */
    private JsonNode parse(byte[] body) {
        try {
            return ctx.json.readTree(body);
        } catch (IOException e) {
            throw new ImageSdkClientException("Malformed JSON in the service response: " + e.getMessage(), e);
        }
    }

    private static byte[] readBody(Response r) throws IOException {
        if (r.body() == null) {
            return new byte[0];
        }
        try (InputStream in = r.body().asInputStream()) {
            return in.readAllBytes();
        }
    }
}
