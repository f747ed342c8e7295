package dev.imagesdk.v2.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageData;
import dev.imagesdk.ImageDownload;
import dev.imagesdk.PagedIterable;
import dev.imagesdk.TransferListener;
import dev.imagesdk.UploadOptions;
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
import dev.imagesdk.v2.Metadefs;
import dev.imagesdk.v2.StoreInfo;
import dev.imagesdk.v2.Task;
import dev.imagesdk.v2.TaskQuery;
import dev.imagesdk.v2.Usage;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Glance API v2 implementation of {@link ImageServiceV2}: a facade that hands each call to the class for its
 * Glance resource, all sharing one {@link V2Context} (JSON calls go through a Feign {@link GlanceV2Api} under a
 * {@link CallRunner}; image bytes through a {@link DataTransfer}):
 * {@link V2Images} (images, actions, waiting), {@link V2ImageData} (upload, stage, download),
 * {@link V2Imports} (import, discovery, stores), {@link V2Tags}, {@link V2Members}, {@link V2Tasks},
 * {@link V2Cache}, {@link V2Locations}, {@link V2Schemas} and {@link V2Metadefs}.
 *
 * <p>Retry-sensitive operations: a create sends a client-generated id, so it is retried, and a 409 on a
 * retry is resolved by reading the image back and comparing it with the spec; a delete (image, tag, member,
 * store location) that answers 404 on a retry succeeded on an earlier attempt. PATCH and import are
 * sent once.
 */
public final class V2ImageService implements ImageServiceV2 {

    private final String endpointRoot;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final V2Images images;
    private final V2ImageData data;
    private final V2Imports imports;
    private final V2Tags tags;
    private final V2Members members;
    private final V2Tasks tasks;
    private final V2Cache cache;
    private final V2Locations locations;
    private final V2Schemas schemas;
    private final V2Metadefs metadefs;
    private final dev.imagesdk.identity.Identity identity;
    // What a view (withOptions) shares with this service.
    private final GlanceV2Api api;
    private final JsonGet gets;
    private final CallRunner calls;
    private final ErrorMapping errors;
    private final DataTransfer dataTransfer;
    private final ObjectMapper json;
    private final V2Settings settings;

    /**
     * @param endpointRoot the image endpoint as in the catalog (e.g. {@code http://host:9292} or
     *                     {@code https://host/image}); {@code /v2/...} paths are appended to it
     * @param gets the lean GET of the hottest calls (one image, a list page), on the same HTTP client as {@code api}
     * @param onClose releases what the service owns (HTTP client, threads); run once
     */
    public V2ImageService(GlanceV2Api api, JsonGet gets, CallRunner calls, ErrorMapping errors, DataTransfer data,
                          String endpointRoot, ObjectMapper json, V2Settings settings, Runnable onClose) {
        this(api, gets, calls, errors, data, endpointRoot, json, settings, onClose, null);
    }

    /** As above, with the Keystone lookups {@link #identity()} returns (null: none). */
    public V2ImageService(GlanceV2Api api, JsonGet gets, CallRunner calls, ErrorMapping errors, DataTransfer data,
                          String endpointRoot, ObjectMapper json, V2Settings settings, Runnable onClose,
                          dev.imagesdk.identity.Identity identity) {
        this.identity = identity;
        this.api = api;
        this.gets = gets;
        this.calls = calls;
        this.errors = errors;
        this.dataTransfer = data;
        this.json = json;
        this.settings = settings;
        V2Context ctx = new V2Context(api, gets, calls, errors, data, endpointRoot, json, settings);
        this.endpointRoot = ctx.endpointRoot;
        this.onClose = onClose == null ? () -> { } : onClose;
        this.tags = new V2Tags(ctx);
        this.images = new V2Images(ctx, tags);
        this.data = new V2ImageData(ctx, images, this);
        this.imports = new V2Imports(ctx, images, this.data, this);
        this.members = new V2Members(ctx);
        this.tasks = new V2Tasks(ctx);
        this.cache = new V2Cache(ctx);
        this.locations = new V2Locations(ctx);
        this.schemas = new V2Schemas(ctx);
        this.metadefs = new V2Metadefs(ctx);
    }

    @Override
    public ApiVersion apiVersion() {
        return ApiVersion.V2;
    }

    // ---- images ----

    @Override
    public Image create(ImageSpec spec) {
        return images.create(spec);
    }

    @Override
    public CreatedImage createDetailed(ImageSpec spec) {
        return images.createDetailed(spec);
    }

    @Override
    public Image get(String imageId) {
        return images.get(imageId);
    }

    @Override
    public PagedIterable<Image> list(ImageQuery query) {
        return images.list(query);
    }

    @Override
    public Image update(String imageId, ImageUpdate update) {
        return images.update(imageId, update);
    }

    @Override
    public void delete(String imageId) {
        images.delete(imageId);
    }

    @Override
    public void deactivate(String imageId) {
        images.deactivate(imageId);
    }

    @Override
    public void reactivate(String imageId) {
        images.reactivate(imageId);
    }

    @Override
    public Image waitForStatus(String imageId, ImageStatus status, Duration timeout) {
        return images.waitForStatus(imageId, status, timeout);
    }

    // ---- image data ----

    @Override
    public Image upload(String imageId, ImageData source, TransferListener listener, UploadOptions options) {
        return data.upload(imageId, source, listener, options);
    }

    @Override
    public Image uploadToStore(String imageId, String storeId, ImageData source, TransferListener listener,
                               UploadOptions options) {
        return data.uploadToStore(imageId, storeId, source, listener, options);
    }

    @Override
    public Image createAndUpload(ImageSpec spec, ImageData source, TransferListener listener, boolean keepOnFailure,
                                 UploadOptions options) {
        return data.createAndUpload(spec, source, listener, keepOnFailure, options);
    }

    @Override
    public ImageDownload download(String imageId) {
        return data.download(imageId);
    }

    @Override
    public void stage(String imageId, ImageData source, TransferListener listener, UploadOptions options) {
        data.stage(imageId, source, listener, options);
    }

    // ---- import, discovery, stores ----

    @Override
    public void importImage(String imageId, ImportRequest request) {
        imports.importImage(imageId, request);
    }

    @Override
    public Image createAndImport(ImageSpec spec, ImageData source, ImportRequest request, TransferListener listener,
                                 Duration timeout, boolean keepOnFailure, UploadOptions options) {
        return imports.createAndImport(spec, source, request, listener, timeout, keepOnFailure, options);
    }

    @Override
    public List<ImportMethod> importMethods() {
        return imports.importMethods();
    }

    @Override
    public List<StoreInfo> stores() {
        return imports.stores();
    }

    @Override
    public List<StoreInfo> storesDetail() {
        return imports.storesDetail();
    }

    @Override
    public void deleteFromStore(String storeId, String imageId) {
        imports.deleteFromStore(storeId, imageId);
    }

    @Override
    public Map<String, Usage> usage() {
        return imports.usage();
    }

    // ---- tags, members ----

    @Override
    public void addTag(String imageId, String tag) {
        tags.addTag(imageId, tag);
    }

    @Override
    public void removeTag(String imageId, String tag) {
        tags.removeTag(imageId, tag);
    }

    @Override
    public List<Member> members(String imageId) {
        return members.members(imageId);
    }

    @Override
    public Member addMember(String imageId, String projectId) {
        return members.addMember(imageId, projectId);
    }

    @Override
    public void removeMember(String imageId, String projectId) {
        members.removeMember(imageId, projectId);
    }

    @Override
    public Member updateMemberStatus(String imageId, String projectId, MemberStatus status) {
        return members.updateMemberStatus(imageId, projectId, status);
    }

    // ---- tasks, locations, cache, schemas, metadefs ----

    @Override
    public List<Task> imageTasks(String imageId) {
        return tasks.imageTasks(imageId);
    }

    @Override
    public Task task(String taskId) {
        return tasks.task(taskId);
    }

    @Override
    public Task createTask(String type, Map<String, ?> input) {
        return tasks.createTask(type, input);
    }

    @Override
    public PagedIterable<Task> tasks(TaskQuery query) {
        return tasks.tasks(query);
    }

    @Override
    public List<ImageLocation> locations(String imageId) {
        return locations.locations(imageId);
    }

    @Override
    public void addLocation(String imageId, String url, Map<String, String> validationData) {
        locations.addLocation(imageId, url, validationData);
    }

    @Override
    public CacheState cache() {
        return cache.cache();
    }

    @Override
    public void queueForCache(String imageId) {
        cache.queueForCache(imageId);
    }

    @Override
    public void removeFromCache(String imageId) {
        cache.removeFromCache(imageId);
    }

    @Override
    public void clearCache(String target) {
        cache.clearCache(target);
    }

    @Override
    public String schema(String name) {
        return schemas.schema(name);
    }

    @Override
    public Metadefs metadefs() {
        return metadefs;
    }

    @Override
    public String metadefNamespaces() {
        return metadefs.namespacesDocument();
    }

    @Override
    public dev.imagesdk.identity.Identity identity() {
        return identity != null ? identity : ImageServiceV2.super.identity();
    }

    /**
     * A view on the same API client, lean GET, data transfer, token and listener whose calls run with
     * {@code options}; its {@link #close()} does nothing (views are not closed separately).
     */
    @Override
    public ImageServiceV2 withOptions(dev.imagesdk.CallOptions options) {
        if (options == null) {
            throw new dev.imagesdk.exception.InvalidInputException("options", null, "use CallOptions.none() for none");
        }
        return new V2ImageService(api, gets, calls.withOptions(options), errors, dataTransfer, endpointRoot, json,
                settings, () -> { }, identity);
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

    @Override
    public String toString() {
        return "V2ImageService{" + endpointRoot + '}';
    }
}
