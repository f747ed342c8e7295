package dev.imagesdk.v2.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.TransferListener;
import dev.imagesdk.UploadOptions;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.internal.ImageCleanup;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.ImageStatus;
import dev.imagesdk.v2.ImportMethod;
import dev.imagesdk.v2.ImportRequest;
import dev.imagesdk.v2.StoreInfo;
import dev.imagesdk.v2.Usage;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static dev.imagesdk.v2.internal.V2Context.NODES;
import static dev.imagesdk.v2.internal.V2Context.checkId;
import static dev.imagesdk.v2.internal.V2Context.imagePath;
import static dev.imagesdk.v2.internal.V2Context.segment;
import static dev.imagesdk.v2.internal.V2Context.notNull;

/**
 * Glance's interoperable image import ({@code /v2/images/{id}/import}) with what it needs to know: the
 * discovery calls ({@code /v2/info/import}, {@code /v2/info/stores}, {@code /v2/info/usage}, and the
 * {@code OpenStack-image-import-methods} / {@code OpenStack-image-store-ids} headers of a create) and the stores
 * ({@code /v2/stores/{store}/{id}}). An import is sent once (a second one is a 409 while the first runs);
 * {@code createAndImport} stages, imports, waits and verifies, deleting the image on failure unless asked not to.
 */
final class V2Imports {

    private static final String HEADER_IMPORT_METHODS = "OpenStack-image-import-methods";
    private static final String HEADER_STORE_IDS = "OpenStack-image-store-ids";

    private final V2Context ctx;
    private final V2Images images;
    private final V2ImageData data;
    /** The whole service, through which a failed import's image is deleted ({@link ImageCleanup}). */
    private final ImageService owner;

    V2Imports(V2Context ctx, V2Images images, V2ImageData data, ImageService owner) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.images = Objects.requireNonNull(images, "images");
        this.data = Objects.requireNonNull(data, "data");
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    void importImage(String imageId, ImportRequest request) {
        URI url = ctx.url(imagePath(imageId) + "/import");
        notNull("request", request);
        JsonNode body = importBody(request);
        ctx.calls.run("import image", "POST", false, token -> {
            ctx.api.importImage(url, token, body);
            return null;
        });
    }

    static ObjectNode importBody(ImportRequest r) {
        ObjectNode body = NODES.objectNode();
        ObjectNode method = body.putObject("method");
        method.put("name", r.method().value());
        r.uri().ifPresent(u -> method.put("uri", u.toString()));
        r.remoteRegion().ifPresent(v -> method.put("glance_region", v));
        r.remoteImageId().ifPresent(v -> method.put("glance_image_id", v));
        r.remoteServiceInterface().ifPresent(v -> method.put("glance_service_interface", v));
        if (!r.stores().isEmpty()) {
            ArrayNode stores = body.putArray("stores");
            r.stores().forEach(stores::add);
        }
        r.allStores().ifPresent(v -> body.put("all_stores", v));
        r.allStoresMustSucceed().ifPresent(v -> body.put("all_stores_must_succeed", v));
        return body;
    }

    Image createAndImport(ImageSpec spec, ImageData source, ImportRequest request, TransferListener listener,
                          Duration timeout, boolean keepOnFailure, UploadOptions options) {
        notNull("data", source);
        notNull("request", request);
        notNull("timeout", timeout);
        if (!ImportMethod.GLANCE_DIRECT.equals(request.method())) {
            throw new InvalidInputException("method", request.method(),
                    "createAndImport stages the data, so it needs glance-direct");
        }
        notNull("spec", spec);
        ImageData checked = V2ImageData.preflight(source, spec, options); // before the create
        Image created = images.create(spec);
        try {
            UploadHashes sent = data.stageHashes(created.id(), checked, listener);
            importImage(created.id(), request);
            Image imported = images.waitForStatus(created.id(), ImageStatus.ACTIVE, timeout);
            data.verify(imported, sent, false);
            return imported;
        } catch (RuntimeException e) {
            if (!keepOnFailure) {
                ImageCleanup.deleteQuietly(owner, created.id(), e);
            }
            throw e;
        }
    }

    // ---- discovery (/v2/info) ----

    List<ImportMethod> importMethods() {
        return ctx.calls.run("get import info", "GET", true, token -> V2Json.importMethods(ctx.api.importInfo(token)));
    }

    List<StoreInfo> stores() {
        return ctx.calls.run("list stores", "GET", true, token -> V2Json.stores(ctx.api.stores(token)));
    }

    List<StoreInfo> storesDetail() {
        return ctx.calls.run("list stores detail", "GET", true, token -> V2Json.stores(ctx.api.storesDetail(token)));
    }

    Map<String, Usage> usage() {
        return ctx.calls.run("get usage", "GET", true, token -> V2Json.usage(ctx.api.usage(token)));
    }

    /** The import methods a create response advertises. */
    static List<ImportMethod> importMethodsHeader(Map<String, List<String>> headers) {
        List<ImportMethod> out = new ArrayList<>();
        split(header(headers, HEADER_IMPORT_METHODS)).forEach(m -> out.add(ImportMethod.of(m)));
        return out;
    }

    /** The store ids header lists Glance's internal stores too; no client may target them. */
    static List<String> storeIdsHeader(Map<String, List<String>> headers) {
        List<String> out = new ArrayList<>();
        for (String s : split(header(headers, HEADER_STORE_IDS))) {
            if (!s.startsWith("os_glance_")) {
                out.add(s);
            }
        }
        return out;
    }

    private static List<String> split(String value) {
        return ImageJson.stores(value);
    }

    private static String header(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : String.join(",", v);
    }

    // ---- stores ----

    void deleteFromStore(String storeId, String imageId) {
        checkId("storeId", storeId);
        checkId("imageId", imageId);
        URI url = ctx.url("/v2/stores/" + segment("storeId", storeId) + "/" + segment("imageId", imageId));
        ctx.deleteCall("delete image from store", token -> ctx.api.deleteFromStore(url, token));
    }
}
