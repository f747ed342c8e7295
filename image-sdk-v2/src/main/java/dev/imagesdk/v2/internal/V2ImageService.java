package dev.imagesdk.v2.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageData;
import dev.imagesdk.ImageDownload;
import dev.imagesdk.PagedIterable;
import dev.imagesdk.TransferListener;
import dev.imagesdk.exception.ChecksumMismatchException;
import dev.imagesdk.exception.ConflictException;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.exception.ImageServiceException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.exception.NotFoundException;
import dev.imagesdk.internal.ImageCleanup;
import dev.imagesdk.internal.StatusWaiter;
import dev.imagesdk.internal.http.JsonGet;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageLocation;
import dev.imagesdk.model.ImageQuery;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.ImageStatus;
import dev.imagesdk.model.ImageUpdate;
import dev.imagesdk.model.Member;
import dev.imagesdk.model.MemberStatus;
import dev.imagesdk.v2.CacheState;
import dev.imagesdk.v2.CreatedImage;
import dev.imagesdk.v2.ImageServiceV2;
import dev.imagesdk.v2.ImportMethod;
import dev.imagesdk.v2.ImportRequest;
import dev.imagesdk.v2.StoreInfo;
import dev.imagesdk.v2.Task;
import dev.imagesdk.v2.TaskQuery;
import dev.imagesdk.v2.Metadefs;
import dev.imagesdk.v2.Usage;
import feign.Response;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Glance API v2 implementation of {@link ImageServiceV2}. JSON calls go through a Feign
 * {@link GlanceV2Api} under a {@link CallRunner} (token, retries, re-authentication); image bytes through a
 * {@link DataTransfer}.
 *
 * <p>Retry-sensitive operations: a create sends a client-generated id, so it is retried, and a 409 on a
 * retry is resolved by reading the image back and comparing it with the spec; a delete (image, tag, member,
 * store location) that answers 404 on a retry succeeded on an earlier attempt. PATCH and import are
 * sent once.
 */
public final class V2ImageService implements ImageServiceV2 {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String HEADER_IMPORT_METHODS = "OpenStack-image-import-methods";
    private static final String HEADER_STORE_IDS = "OpenStack-image-store-ids";
    /**
     * Upload requests from a replayable source, all counted (the status-aware retry of {@link #recoverUpload}
     * and the transport's own resends share it).
     */
    static final int MAX_UPLOAD_ATTEMPTS = 3;

    private final GlanceV2Api api;
    private final JsonGet gets;
    private final CallRunner calls;
    private final ErrorMapping errors;
    private final DataTransfer data;
    private final String endpointRoot;
    private final ObjectMapper json;
    private final V2Settings settings;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Metadefs metadefs;

    /**
     * @param endpointRoot the image endpoint as in the catalog (e.g. {@code http://host:9292} or
     *                     {@code https://host/image}); {@code /v2/...} paths are appended to it
     * @param gets the lean GET of the hottest calls (one image, a list page), on the same HTTP client as {@code api}
     * @param onClose releases what the service owns (HTTP client, threads); run once
     */
    public V2ImageService(GlanceV2Api api, JsonGet gets, CallRunner calls, ErrorMapping errors, DataTransfer data,
                          String endpointRoot, ObjectMapper json, V2Settings settings, Runnable onClose) {
        this.api = Objects.requireNonNull(api, "api");
        this.gets = Objects.requireNonNull(gets, "gets");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.data = Objects.requireNonNull(data, "data");
        this.endpointRoot = stripTrailingSlash(Objects.requireNonNull(endpointRoot, "endpointRoot"));
        this.json = Objects.requireNonNull(json, "json");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.onClose = onClose == null ? () -> { } : onClose;
        this.metadefs = new V2Metadefs(api, calls, json, this.endpointRoot);
    }

    @Override
    public ApiVersion apiVersion() {
        return ApiVersion.V2;
    }

    // ---- images ----------------------------------------------------------------------------------------

    @Override
    public Image create(ImageSpec spec) {
        return createDetailed(spec).image();
    }

    @Override
    public CreatedImage createDetailed(ImageSpec spec) {
        notNull("spec", spec);
        String id = ImageJson.idFor(spec);
        JsonNode body = ImageJson.createBody(spec, id);
        AtomicInteger attempts = new AtomicInteger();
        return calls.run("create image", "POST", true, token -> {
            int attempt = attempts.incrementAndGet();
            try (Response r = api.create(token, body)) {
                byte[] bytes = readBody(r);
                Map<String, List<String>> headers = headers(r);
                if (r.status() >= 200 && r.status() < 300) {
                    Image image = ImageJson.toImage(parse(bytes));
                    return new CreatedImage(image, importMethodsHeader(headers), storeIdsHeader(headers));
                }
                ImageServiceException e = errors.map(r.status(), headers, bytes);
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
            existing = ImageJson.toImage(api.get(token, id));
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

    @Override
    public Image get(String imageId) {
        checkId("imageId", imageId);
        URI url = linkUri("/v2/images/" + QueryEncoder.encode(imageId));
        // The lean GET, parsed straight into Image: no Feign templating and no JSON tree on the hottest call.
        return calls.run("get image", "GET", true, token -> gets.get(url, token, ImageJson::readImage));
    }

    @Override
    public PagedIterable<Image> list(ImageQuery query) {
        notNull("query", query);
        return ImagePager.listPages(query, p -> getImagePage("list images", p));
    }

    /** GET of an image list page, parsed as a stream into Images (no JSON tree of up to 1000 images). */
    private ImageJson.ImagePage getImagePage(String operation, String pathAndQuery) {
        URI url = linkUri(pathAndQuery);
        return calls.run(operation, "GET", true, token -> gets.get(url, token, ImageJson::readPage));
    }

    private URI linkUri(String pathAndQuery) {
        try {
            return URI.create(endpointRoot + pathAndQuery);
        } catch (IllegalArgumentException e) {
            throw new ImageSdkClientException("The service sent a link that is not a valid URI: " + pathAndQuery, e);
        }
    }

    /** GET of a path (with its encoded query) under the endpoint root, e.g. a {@code next} link. */
    JsonNode getPath(String operation, String pathAndQuery) {
        URI url = linkUri(pathAndQuery);
        return calls.run(operation, "GET", true, token -> api.getUrl(url, token));
    }

    @Override
    public Image update(String imageId, ImageUpdate update) {
        checkId("imageId", imageId);
        notNull("update", update);
        Image current = JsonPatch.needsCurrentImage(update) ? get(imageId) : null;
        JsonPatch.Plan plan = JsonPatch.plan(update, current);
        Image result = null;
        if (!plan.ops().isEmpty()) {
            ArrayNode doc = plan.document();
            result = calls.run("update image", "PATCH", false,
                    token -> ImageJson.toImage(api.patch(token, imageId, doc)));
        }
        plan.tagsToAdd().forEach(t -> addTag(imageId, t));
        plan.tagsToRemove().forEach(t -> removeTag(imageId, t));
        if (result == null || !plan.tagsToAdd().isEmpty() || !plan.tagsToRemove().isEmpty()) {
            result = get(imageId);
        }
        return result;
    }

    @Override
    public void delete(String imageId) {
        checkId("imageId", imageId);
        deleteCall("delete image", token -> api.delete(token, imageId));
    }

    // ---- data --------------------------------------------------------------------------------------------

    @Override
    public Image upload(String imageId, ImageData source, TransferListener listener) {
        return uploadVerified(imageId, source, listener, settings.deleteOnChecksumMismatch());
    }

    @Override
    public Image uploadToStore(String imageId, String storeId, ImageData source, TransferListener listener) {
        checkId("storeId", storeId);
        if (storeId.startsWith("os_glance_")) {
            throw new InvalidInputException("storeId", storeId, "is a store reserved for Glance itself");
        }
        return uploadVerified(imageId, source, listener, settings.deleteOnChecksumMismatch(), storeId);
    }

    private Image uploadVerified(String imageId, ImageData source, TransferListener listener, boolean deleteOnMismatch) {
        return uploadVerified(imageId, source, listener, deleteOnMismatch, settings.defaultStore());
    }

    private Image uploadVerified(String imageId, ImageData source, TransferListener listener, boolean deleteOnMismatch,
                                 String store) {
        checkId("imageId", imageId);
        notNull("data", source);
        TransferListener progress = listener == null ? TransferListener.NONE : listener;
        Map<String, String> headers = uploadHeaders(source);
        if (store != null) {
            headers.put("X-Image-Meta-Store", store);
        }
        UploadHashes sent;
        int[] requests = {0}; // every request, the transport's own resends included: one budget, not nested loops
        for (int attempt = 1; ; attempt++) {
            try {
                sent = data.upload("upload image data", imagePath(imageId) + "/file", headers, source, progress,
                        () -> requests[0]++);
                break;
            } catch (ImageSdkException failure) {
                Image recovered = recoverUpload(imageId, source, failure, attempt, requests[0], deleteOnMismatch);
                if (recovered != null) {
                    return recovered;
                }
            }
        }
        Image stored = get(imageId);
        verify(stored, sent, deleteOnMismatch);
        return stored;
    }

    /**
     * After a failed upload attempt: decides from the image's status whether to send again. {@code queued}
     * (Glance restores it after a failed upload) means nothing was stored, so a replayable source is sent again;
     * {@code active} means the service stored everything before the failure reached us, so the source is hashed
     * once more (a second read, only on this path) and compared. Anything else, a one-shot source, a
     * non-transient failure or the last attempt: the failure is thrown.
     *
     * @return the verified image if the failed attempt had in fact succeeded, or null to send again
     */
    private Image recoverUpload(String imageId, ImageData source, ImageSdkException failure, int attempt,
                                int requestsSent, boolean deleteOnMismatch) {
        boolean transientFailure = failure instanceof dev.imagesdk.exception.TransportException
                || (failure instanceof ImageServiceException && ((ImageServiceException) failure).isRetryable());
        if (!transientFailure || !source.isReplayable() || requestsSent >= MAX_UPLOAD_ATTEMPTS) {
            throw failure;
        }
        Image now;
        try {
            now = get(imageId);
        } catch (ImageSdkException e) {
            failure.addSuppressed(e);
            throw failure;
        }
        if (ImageStatus.QUEUED.equals(now.status())) {
            pause(settings.pollInitial().multipliedBy(attempt), failure);
            return null;
        }
        if (ImageStatus.ACTIVE.equals(now.status())) {
            verify(now, SourceHashes.of(source), deleteOnMismatch);
            return now;
        }
        throw failure;
    }

    private void pause(Duration d, ImageSdkException failure) {
        try {
            settings.pause().sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

    /**
     * Compares what the service recorded with what was sent: {@code checksum} (MD5), {@code os_hash_value}
     * when its algorithm is SHA-512, and {@code size}. Nothing recorded at all is a failure too: a verified
     * upload is never reported without a comparison.
     */
    private void verify(Image stored, UploadHashes sent, boolean deleteOnMismatch) {
        ChecksumMismatchException mismatch = null;
        if (stored.checksum() != null && !stored.checksum().equalsIgnoreCase(sent.md5())) {
            mismatch = new ChecksumMismatchException(stored.id(), "md5", stored.checksum(), sent.md5());
        } else if ("sha512".equalsIgnoreCase(stored.osHashAlgo()) && stored.osHashValue() != null
                && !stored.osHashValue().equalsIgnoreCase(sent.sha512())) {
            mismatch = new ChecksumMismatchException(stored.id(), "sha512", stored.osHashValue(), sent.sha512());
        } else if (stored.size() != null && stored.size() != sent.bytes()) {
            mismatch = new ChecksumMismatchException(stored.id(), "size", Long.toString(stored.size()),
                    Long.toString(sent.bytes()));
        }
        if (mismatch == null && stored.checksum() == null && stored.osHashValue() == null) {
            throw new ImageSdkClientException("Image " + stored.id() + " has no checksum after the upload (status "
                    + stored.status() + "); the data cannot be verified");
        }
        if (mismatch != null) {
            if (deleteOnMismatch) {
                ImageCleanup.deleteQuietly(this, stored.id(), mismatch);
            }
            throw mismatch;
        }
    }

    @Override
    public Image createAndUpload(ImageSpec spec, ImageData source, TransferListener listener, boolean keepOnFailure) {
        notNull("data", source);
        notNull("spec", spec);
        // The id is fixed here so that a create that fails after reaching the service can be cleaned up.
        String id = ImageJson.idFor(spec);
        Image created;
        try {
            created = create(spec.toBuilder().id(id).build());
        } catch (ConflictException | InvalidInputException e) {
            throw e; // the id is someone else's (or nothing was sent): never delete it
        } catch (ImageSdkException e) {
            // e.g. the first POST created the image but its answer was lost, and reading it back failed
            if (!keepOnFailure) {
                ImageCleanup.deleteQuietly(this, id, e);
            }
            throw e;
        }
        try {
            return uploadVerified(created.id(), source, listener, false);
        } catch (RuntimeException e) {
            if (!keepOnFailure) {
                ImageCleanup.deleteQuietly(this, created.id(), e);
            }
            throw e;
        }
    }

    @Override
    public ImageDownload download(String imageId) {
        checkId("imageId", imageId);
        return data.download(imageId, () -> get(imageId));
    }

    @Override
    public void stage(String imageId, ImageData source, TransferListener listener) {
        stageHashes(imageId, source, listener);
    }

    private UploadHashes stageHashes(String imageId, ImageData source, TransferListener listener) {
        checkId("imageId", imageId);
        notNull("data", source);
        return data.upload("stage image data", imagePath(imageId) + "/stage", uploadHeaders(source), source,
                listener == null ? TransferListener.NONE : listener);
    }

    private static Map<String, String> uploadHeaders(ImageData source) {
        Map<String, String> h = new LinkedHashMap<>();
        source.length().ifPresent(len -> h.put("x-openstack-image-size", Long.toString(len)));
        return h;
    }

    // ---- import ------------------------------------------------------------------------------------------

    @Override
    public void importImage(String imageId, ImportRequest request) {
        checkId("imageId", imageId);
        notNull("request", request);
        JsonNode body = importBody(request);
        calls.run("import image", "POST", false, token -> {
            api.importImage(token, imageId, body);
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

    @Override
    public Image createAndImport(ImageSpec spec, ImageData source, ImportRequest request, TransferListener listener,
                                 Duration timeout, boolean keepOnFailure) {
        notNull("data", source);
        notNull("request", request);
        notNull("timeout", timeout);
        if (!ImportMethod.GLANCE_DIRECT.equals(request.method())) {
            throw new InvalidInputException("method", request.method(),
                    "createAndImport stages the data, so it needs glance-direct");
        }
        Image created = create(spec);
        try {
            UploadHashes sent = stageHashes(created.id(), source, listener);
            importImage(created.id(), request);
            Image imported = waitForStatus(created.id(), ImageStatus.ACTIVE, timeout);
            verify(imported, sent, false);
            return imported;
        } catch (RuntimeException e) {
            if (!keepOnFailure) {
                ImageCleanup.deleteQuietly(this, created.id(), e);
            }
            throw e;
        }
    }

    @Override
    public List<ImportMethod> importMethods() {
        return calls.run("get import info", "GET", true, token -> V2Json.importMethods(api.importInfo(token)));
    }

    @Override
    public List<StoreInfo> stores() {
        return calls.run("list stores", "GET", true, token -> V2Json.stores(api.stores(token)));
    }

    @Override
    public List<StoreInfo> storesDetail() {
        return calls.run("list stores detail", "GET", true, token -> V2Json.stores(api.storesDetail(token)));
    }

    @Override
    public void deleteFromStore(String storeId, String imageId) {
        checkId("storeId", storeId);
        checkId("imageId", imageId);
        deleteCall("delete image from store", token -> api.deleteFromStore(token, storeId, imageId));
    }

    @Override
    public Map<String, Usage> usage() {
        return calls.run("get usage", "GET", true, token -> V2Json.usage(api.usage(token)));
    }

    @Override
    public List<Task> imageTasks(String imageId) {
        checkId("imageId", imageId);
        return calls.run("list image tasks", "GET", true, token -> V2Json.tasks(api.imageTasks(token, imageId)));
    }

    @Override
    public Task task(String taskId) {
        checkId("taskId", taskId);
        return calls.run("get task", "GET", true, token -> V2Json.task(api.task(token, taskId)));
    }

    @Override
    public String schema(String name) {
        checkId("schema name", name);
        if (!name.matches("[a-z_]+(/[a-z_]+)?")) {
            throw new InvalidInputException("schema name", name, "must be like image, images, member or "
                    + "metadefs/namespace");
        }
        return calls.run("get schema", "GET", true, token -> api.schema(token, name).toString());
    }

    @Override
    public List<ImageLocation> locations(String imageId) {
        checkId("imageId", imageId);
        return calls.run("list locations", "GET", true, token -> {
            JsonNode body = api.locations(token, imageId);
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

    @Override
    public void addLocation(String imageId, String url, Map<String, String> validationData) {
        checkId("imageId", imageId);
        checkId("url", url);
        ObjectNode body = NODES.objectNode();
        body.put("url", url);
        if (validationData != null && !validationData.isEmpty()) {
            ObjectNode v = body.putObject("validation_data");
            validationData.forEach(v::put);
        }
        calls.run("add location", "POST", false, token -> {
            api.addLocation(token, imageId, body);
            return null;
        });
    }

    @Override
    public CacheState cache() {
        return calls.run("get cache", "GET", true, token -> V2Json.cache(api.cache(token)));
    }

    @Override
    public void queueForCache(String imageId) {
        checkId("imageId", imageId);
        calls.run("queue image for cache", "PUT", true, token -> {
            api.queueForCache(token, imageId);
            return null;
        });
    }

    @Override
    public void removeFromCache(String imageId) {
        checkId("imageId", imageId);
        deleteCall("remove image from cache", token -> api.removeFromCache(token, imageId));
    }

    @Override
    public void clearCache(String target) {
        if (target != null && !target.equals("cache") && !target.equals("queue")) {
            throw new InvalidInputException("target", target, "must be cache, queue, or null for both");
        }
        calls.run("clear cache", "DELETE", true, token -> {
            api.clearCache(token, target);
            return null;
        });
    }

    @Override
    public Task createTask(String type, Map<String, ?> input) {
        if (type == null || type.isBlank()) {
            throw new InvalidInputException("type", type, "must not be blank");
        }
        notNull("input", input);
        ObjectNode body = NODES.objectNode();
        body.put("type", type);
        try {
            body.set("input", json.valueToTree(input));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("input", input.keySet(), "cannot be written as JSON: " + e.getMessage());
        }
        return calls.run("create task", "POST", false, token -> V2Json.task(api.createTask(token, body)));
    }

    @Override
    public PagedIterable<Task> tasks(TaskQuery query) {
        notNull("query", query);
        StringBuilder q = new StringBuilder();
        query.type().ifPresent(v -> param(q, "type", v));
        query.status().ifPresent(v -> param(q, "status", v));
        query.sortKey().ifPresent(v -> param(q, "sort_key", v));
        query.sortDir().ifPresent(v -> param(q, "sort_dir", v));
        query.pageSize().ifPresent(v -> param(q, "limit", Integer.toString(v)));
        String first = "/v2/tasks" + (q.length() == 0 ? "" : "?" + q);
        return PagedIterable.of(new JsonPager<>(first, "tasks", p -> getPath("list tasks", p), V2Json::task), -1);
    }

    static void param(StringBuilder q, String name, String value) {
        if (q.length() > 0) {
            q.append('&');
        }
        q.append(name).append('=').append(QueryEncoder.encode(value));
    }

    @Override
    public Metadefs metadefs() {
        return metadefs;
    }

    @Override
    public String metadefNamespaces() {
        return calls.run("list metadef namespaces", "GET", true, token -> api.metadefNamespaces(token).toString());
    }

    // ---- actions, tags, members --------------------------------------------------------------------------

    @Override
    public void deactivate(String imageId) {
        checkId("imageId", imageId);
        // Deactivating a deactivated image is a no-op on the service, so a retry is harmless.
        calls.run("deactivate image", "POST", true, token -> {
            api.deactivate(token, imageId);
            return null;
        });
    }

    @Override
    public void reactivate(String imageId) {
        checkId("imageId", imageId);
        calls.run("reactivate image", "POST", true, token -> {
            api.reactivate(token, imageId);
            return null;
        });
    }

    @Override
    public void addTag(String imageId, String tag) {
        checkId("imageId", imageId);
        checkTag(tag);
        calls.run("add tag", "PUT", true, token -> {
            api.addTag(token, imageId, tag);
            return null;
        });
    }

    @Override
    public void removeTag(String imageId, String tag) {
        checkId("imageId", imageId);
        checkTag(tag);
        deleteCall("remove tag", token -> api.removeTag(token, imageId, tag));
    }

    @Override
    public List<Member> members(String imageId) {
        checkId("imageId", imageId);
        return calls.run("list members", "GET", true, token -> V2Json.members(api.members(token, imageId)));
    }

    @Override
    public Member addMember(String imageId, String projectId) {
        checkId("imageId", imageId);
        checkId("projectId", projectId);
        ObjectNode body = NODES.objectNode().put("member", projectId);
        AtomicInteger attempts = new AtomicInteger();
        return calls.run("add member", "POST", true, token -> {
            int attempt = attempts.incrementAndGet();
            try {
                return V2Json.member(api.addMember(token, imageId, body));
            } catch (ConflictException e) {
                if (attempt == 1) {
                    throw e;
                }
                // A retry saw "duplicated": the first attempt added it.
                for (Member m : V2Json.members(api.members(token, imageId))) {
                    if (projectId.equals(m.memberId())) {
                        return m;
                    }
                }
                throw e;
            }
        });
    }

    @Override
    public void removeMember(String imageId, String projectId) {
        checkId("imageId", imageId);
        checkId("projectId", projectId);
        deleteCall("remove member", token -> api.removeMember(token, imageId, projectId));
    }

    @Override
    public Member updateMemberStatus(String imageId, String projectId, MemberStatus status) {
        checkId("imageId", imageId);
        checkId("projectId", projectId);
        notNull("status", status);
        if (MemberStatus.ALL.equals(status)) {
            throw new InvalidInputException("status", status, "'all' is only a list filter; use accepted, rejected "
                    + "or pending");
        }
        ObjectNode body = NODES.objectNode().put("status", status.value());
        return calls.run("update member", "PUT", true,
                token -> V2Json.member(api.updateMember(token, imageId, projectId, body)));
    }

    // ---- waiter ------------------------------------------------------------------------------------------

    @Override
    public Image waitForStatus(String imageId, ImageStatus status, Duration timeout) {
        checkId("imageId", imageId);
        notNull("status", status);
        notNull("timeout", timeout);
        return new StatusWaiter(settings.pollInitial(), settings.pollMax(), settings.pause()::sleep,
                settings.nanoTime()).await(imageId, status, timeout, this::get);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                onClose.run();
            } catch (RuntimeException ignored) {
                // close() never throws; there is nothing a caller could do about a failed release.
            }
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface VoidCall {
        void run(String token) throws Exception;
    }

    /** A DELETE that counts 404 on a retry as success: an earlier attempt deleted it. */
    private void deleteCall(String name, VoidCall call) {
        AtomicInteger attempts = new AtomicInteger();
        calls.run(name, "DELETE", true, token -> {
            int attempt = attempts.incrementAndGet();
            try {
                call.run(token);
            } catch (NotFoundException e) {
                if (attempt == 1) {
                    throw e;
                }
            }
            return null;
        });
    }

    private static String imagePath(String imageId) {
        return "/v2/images/" + QueryEncoder.encode(imageId);
    }

    private static List<ImportMethod> importMethodsHeader(Map<String, List<String>> headers) {
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
            return json.readTree(body);
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

    private static void checkId(String field, String id) {
        if (id == null || id.isBlank()) {
            throw new InvalidInputException(field, id, "must not be empty");
        }
        if (id.indexOf('/') >= 0 && !"schema name".equals(field) && !"url".equals(field)) {
            throw new InvalidInputException(field, id, "must not contain '/'");
        }
    }

    private static void checkTag(String tag) {
        if (tag == null || tag.isEmpty()) {
            throw new InvalidInputException("tag", tag, "must not be empty");
        }
        if (tag.length() > 255 || tag.indexOf('/') >= 0 || tag.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("tag", tag, "must be at most 255 characters without '/' or control "
                    + "characters");
        }
    }

    private static void notNull(String field, Object value) {
        if (value == null) {
            throw new InvalidInputException(field, null, "must not be null");
        }
    }

    private static String stripTrailingSlash(String url) {
        String u = url;
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }

    @Override
    public String toString() {
        return "V2ImageService{" + endpointRoot + '}';
    }
}
