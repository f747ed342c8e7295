package dev.imagesdk.v2;

import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.PagedIterable;
import dev.imagesdk.TransferListener;
import dev.imagesdk.UploadOptions;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageLocation;
import dev.imagesdk.model.ImageSpec;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Glance image API v2 client: everything of {@link ImageService} plus what only v2 has (deactivation,
 * interoperable import, stores, tasks, schemas, locations, the image cache).
 *
 * <p>Get one from {@link ImageService#builder()} with the API version pinned to
 * {@link dev.imagesdk.ApiVersion#V2} (or discovered as v2) and cast: the builder finds this module's
 * implementation through {@link java.util.ServiceLoader}. Thread-safe; close it when done. The failure, retry and integrity rules of {@link ImageService} apply to
 * every method here: only {@link dev.imagesdk.exception.ImageSdkException} subclasses are thrown; reads, deletes,
 * tag/cache {@code PUT}s and the deactivate/reactivate actions (no-ops when repeated) are retried on transient
 * failures; {@code POST .../import} and {@code POST .../locations} are sent once (Glance has no idempotency key
 * for them).
 *
 * <p>Admin-only calls (per Glance's default policy) are marked; without the role they fail with
 * {@link dev.imagesdk.exception.ForbiddenException}.
 */
public interface ImageServiceV2 extends ImageService {

    /**
     * {@return the v2 view of a service built by {@link ImageService#builder()}}
     *
     * @param service a service built by {@link ImageService#builder()}
     * @throws dev.imagesdk.exception.ImageSdkClientException if the service speaks another API version
     */
    static ImageServiceV2 of(ImageService service) {
        if (service instanceof ImageServiceV2) {
            return (ImageServiceV2) service;
        }
        throw new dev.imagesdk.exception.ImageSdkClientException("This image service speaks API "
                + (service == null ? "null" : service.apiVersion()) + ", not v2; pin ApiVersion.V2 in the builder");
    }

    /**
     * {@inheritDoc}
     *
     * @param options the options; not null ({@link dev.imagesdk.CallOptions#none()} for none)
     * @return a v2 view of this service with the options; closing it does nothing
     */
    @Override
    ImageServiceV2 withOptions(dev.imagesdk.CallOptions options);

    /**
     * Creates an image like {@link #create(ImageSpec)} and also returns the import methods and store ids the
     * service advertised in the response headers (reserved {@code os_glance_*} stores removed).
     *
     * @param spec the new image's attributes; null is refused ({@code InvalidInputException})
     * @return the created image with the import methods and stores the service offers
     */
    CreatedImage createDetailed(ImageSpec spec);

    /**
     * Deactivates an active image: its data can no longer be downloaded by non-admins (API v2.3+; admin by
     * default policy). Idempotent on the service.
     *
     * @param imageId the id of the image (values refused before any request: see {@link ImageService})
     */
    void deactivate(String imageId);

    /**
     * Reactivates a deactivated image (API v2.3+; admin by default policy).
     *
     * @param imageId the id of the image (values refused before any request: see {@link ImageService})
     */
    void reactivate(String imageId);

    /**
     * Uploads data like {@link #upload(String, ImageData, TransferListener)}, into one store of a multi-store
     * deployment ({@code X-Image-Meta-Store}, API v2.8+), then verifies it the same way.
     *
     * @param imageId the id of the image (values refused before any request: see {@link ImageService})
     * @param storeId a store id from {@link #stores()}; Glance's reserved {@code os_glance_*} stores are refused
     * @param data the image bytes to send; null is refused ({@code InvalidInputException})
     * @param listener receives transfer progress; may be null for none
     * @return the image after the upload, {@code active}
     * @throws dev.imagesdk.exception.BadRequestException if the service does not know the store
     * @throws dev.imagesdk.exception.UnsafeImageException if the image has safety findings (see
     *         {@link UploadOptions})
     */
    default Image uploadToStore(String imageId, String storeId, ImageData data, TransferListener listener) {
        return uploadToStore(imageId, storeId, data, listener, UploadOptions.defaults());
    }

    /**
     * {@link #uploadToStore(String, String, ImageData, TransferListener)} with per-call options.
     *
     * @param imageId the id of the image (values refused before any request: see {@link ImageService})
     * @param storeId the id of the store
     * @param data the image bytes to send; null is refused ({@code InvalidInputException})
     * @param listener receives transfer progress; may be null for none
     * @param options the inspection to run (see {@link UploadOptions}); null means the defaults
     * @return the image after the upload, {@code active}
     * @throws dev.imagesdk.exception.DiskFormatMismatchException if the content contradicts
     *         {@link UploadOptions#expectedDiskFormat()}
     * @throws dev.imagesdk.exception.UnsafeImageException if the image has safety findings and {@code options}
     *         do not allow them
     */
    Image uploadToStore(String imageId, String storeId, ImageData data, TransferListener listener,
                        UploadOptions options);

    /**
     * Uploads data to the staging area for a later {@code glance-direct} import ({@code PUT .../stage}, API
     * v2.6+). The image becomes {@code uploading}. Streams in constant memory; nothing is verified here
     * (Glance computes checksums only during the import).
     *
     * <p>The data is inspected first as {@link UploadOptions#defaults()} describe (safety; the format only
     * against an expected one): Glance's own inspector would refuse an unsafe image only at import, after the
     * whole upload.
     *
     * @param imageId the id of the image (values refused before any request: see {@link ImageService})
     * @param data the image bytes to send; null is refused ({@code InvalidInputException})
     * @param listener receives transfer progress; may be null for none
     * @throws dev.imagesdk.exception.NotFoundException if the image does not exist or glance-direct is disabled
     * @throws dev.imagesdk.exception.UnsafeImageException if the image has safety findings
     */
    default void stage(String imageId, ImageData data, TransferListener listener) {
        stage(imageId, data, listener, UploadOptions.defaults());
    }

    /**
     * {@link #stage(String, ImageData, TransferListener)} with per-call options.
     *
     * @param imageId the id of the image (values refused before any request: see {@link ImageService})
     * @param data the image bytes to send; null is refused ({@code InvalidInputException})
     * @param listener receives transfer progress; may be null for none
     * @param options the inspection to run (see {@link UploadOptions}); null means the defaults
     * @throws dev.imagesdk.exception.DiskFormatMismatchException if the content contradicts
     *         {@link UploadOptions#expectedDiskFormat()}
     * @throws dev.imagesdk.exception.UnsafeImageException if the image has safety findings and {@code options}
     *         do not allow them
     */
    void stage(String imageId, ImageData data, TransferListener listener, UploadOptions options);

    /**
     * Starts an interoperable import ({@code POST .../import}; 202). Returns as soon as the service accepted
     * it; use {@link #waitForStatus} to wait for {@code active}, which fails fast when Glance records the
     * import as failed ({@code os_glance_failed_import}).
     *
     * @param imageId the id of the image (values refused before any request: see {@link ImageService})
     * @param request the import method and its parameters; null is refused ({@code InvalidInputException})
     * @throws dev.imagesdk.exception.ConflictException if an import of this image is already running
     * @throws dev.imagesdk.exception.BadRequestException for an unknown method or a URI the service filters out
     */
    void importImage(String imageId, ImportRequest request);

    /**
     * Creates an image, stages {@code data}, imports it with {@code glance-direct} into the request's stores,
     * waits up to {@code timeout} for {@code active} and verifies the service's checksums against those
     * computed while staging. On any failure the image is deleted unless {@code keepOnFailure}.
     *
     * @param spec the new image's attributes; null is refused ({@code InvalidInputException})
     * @param data the image bytes to send; null is refused ({@code InvalidInputException})
     * @param request the import method and its parameters; null is refused ({@code InvalidInputException})
     * @param listener receives transfer progress; may be null for none
     * @param timeout how long to wait at most; positive
     * @param keepOnFailure {@code true} to keep the image when the upload or verification fails, {@code false} to
     *         delete it
     * @return the imported image, {@code active}
     * @throws dev.imagesdk.exception.ChecksumMismatchException if the imported data differs from what was sent
     * @throws dev.imagesdk.exception.WaiterException if the import failed or did not finish in time
     * @throws dev.imagesdk.exception.DiskFormatMismatchException if the content is not the spec's
     *         {@code disk_format} (checked before the image is created, see {@link UploadOptions})
     * @throws dev.imagesdk.exception.UnsafeImageException if the image has safety findings (likewise)
     */
    default Image createAndImport(ImageSpec spec, ImageData data, ImportRequest request, TransferListener listener,
                                  Duration timeout, boolean keepOnFailure) {
        return createAndImport(spec, data, request, listener, timeout, keepOnFailure, UploadOptions.defaults());
    }

    /**
     * {@link #createAndImport(ImageSpec, ImageData, ImportRequest, TransferListener, Duration, boolean)} with
     * per-call options.
     *
     * @param spec the new image's attributes; null is refused ({@code InvalidInputException})
     * @param data the image bytes to send; null is refused ({@code InvalidInputException})
     * @param request the import method and its parameters; null is refused ({@code InvalidInputException})
     * @param listener receives transfer progress; may be null for none
     * @param timeout how long to wait at most; positive
     * @param keepOnFailure {@code true} to keep the image when the upload or verification fails, {@code false} to
     *         delete it
     * @param options the inspection to run (see {@link UploadOptions}); null means the defaults
     * @return the imported image, {@code active}
     */
    Image createAndImport(ImageSpec spec, ImageData data, ImportRequest request, TransferListener listener,
                          Duration timeout, boolean keepOnFailure, UploadOptions options);

    /** {@return the import methods the service accepts ({@code GET /v2/info/import})} */
    List<ImportMethod> importMethods();

    /** {@return the stores clients may target ({@code GET /v2/info/stores}, API v2.8+)} */
    List<StoreInfo> stores();

    /** {@return the stores with driver type and properties ({@code GET /v2/info/stores/detail}; admin)} */
    List<StoreInfo> storesDetail();

    /**
     * Deletes the image's data from one store ({@code DELETE /v2/stores/{store}/{id}}, API v2.10+; the image's
     * owner or an admin under Glance 25's default policy).
     *
     * @param storeId the id of the store
     * @param imageId the id of the image (values refused before any request: see {@link ImageService})
     * @throws dev.imagesdk.exception.ForbiddenException if that is the image's last store (Glance 25 answers 403),
     *         or the caller does not own the image
     * @throws dev.imagesdk.exception.NotFoundException if the caller cannot see the image
     */
    void deleteFromStore(String storeId, String imageId);

    /** {@return the quota usage of the caller's project ({@code GET /v2/info/usage}), by quota name} */
    Map<String, Usage> usage();

    /**
     * {@return the tasks that worked on an image, e.g. its imports ({@code GET /v2/images/{id}/tasks}, API v2.12+)}
     *
     * @param imageId the id of the image (values refused before any request: see {@link ImageService})
     */
    List<Task> imageTasks(String imageId);

    /**
     * {@return one task ({@code GET /v2/tasks/{id}})}
     *
     * @param taskId the id of the task
     */
    Task task(String taskId);

    /**
     * Creates a task ({@code POST /v2/tasks}; 201), e.g. type {@code import} with input
     * {@code {"import_from": ..., "import_from_format": ..., "image_properties": {...}}}. Sent once (a retry could
     * start a second task). Glance restricts the legacy task API to admins by default policy.
     *
     * @param type the task type
     * @param input the task input; values may be strings, numbers, booleans, nulls, lists and maps of these
     * @return the created task
     * @throws dev.imagesdk.exception.InvalidInputException if type is blank or input null or not JSON-mappable
     * @throws dev.imagesdk.exception.BadRequestException if the service rejects the type or input
     */
    Task createTask(String type, Map<String, ?> input);

    /**
     * {@return a lazy listing of tasks ({@code GET /v2/tasks}), following the service's {@code next} links page by page
     * as iteration goes on} Listed tasks carry no input, result or message (Glance omits them); get them with
     * {@link #task(String)}.
     *
     * @param query the filters, sort and page size of the listing; null is refused ({@code InvalidInputException})
     * @throws dev.imagesdk.exception.InvalidInputException if query is null
     */
    PagedIterable<Task> tasks(TaskQuery query);

    /** {@return the metadata definitions catalog ({@code /v2/metadefs/...}): namespaces, objects, properties, tags} */
    Metadefs metadefs();

    /**
     * A JSON schema as the service serves it ({@code GET /v2/schemas/<name>}), e.g. {@code image},
     * {@code images}, {@code member}, {@code task}, {@code metadefs/namespace}.
     *
     * @param name the schema name, e.g. {@code image} or {@code members}
     * @return the schema document as JSON text
     */
    String schema(String name);

    /**
     * {@return the image's locations ({@code GET /v2/images/{id}/locations}, API v2.17+; service role by policy)}
     *
     * @param imageId the id of the image (values refused before any request: see {@link ImageService})
     */
    List<ImageLocation> locations(String imageId);

    /**
     * Adds a location to a {@code queued} image ({@code POST /v2/images/{id}/locations}, API v2.17+).
     *
     * @param imageId the id of the image (values refused before any request: see {@link ImageService})
     * @param url the location's URL (a store the service can read)
     * @param validationData optional {@code os_hash_algo}/{@code os_hash_value} for the service to check
     */
    void addLocation(String imageId, String url, Map<String, String> validationData);

    /** {@return the cache of the answering API node ({@code GET /v2/cache}, API v2.14+; admin)} */
    CacheState cache();

    /**
     * Queues an image for caching ({@code PUT /v2/cache/{id}}, 202; admin).
     *
     * @param imageId the id of the image (values refused before any request: see {@link ImageService})
     */
    void queueForCache(String imageId);

    /**
     * Removes an image from the cache ({@code DELETE /v2/cache/{id}}; admin).
     *
     * @param imageId the id of the image (values refused before any request: see {@link ImageService})
     */
    void removeFromCache(String imageId);

    /**
     * Clears the cache ({@code DELETE /v2/cache}; admin).
     *
     * @param target {@code cache}, {@code queue}, or null for both
     */
    void clearCache(String target);

    /**
     * {@return the first page of metadata definition namespaces ({@code GET /v2/metadefs/namespaces}) as JSON text; for
     * typed, paged access use {@link #metadefs()}}
     */
    String metadefNamespaces();
}
