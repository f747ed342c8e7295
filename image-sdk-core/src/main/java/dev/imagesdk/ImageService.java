package dev.imagesdk;

import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.identity.Identity;
import dev.imagesdk.identity.ProjectRef;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageQuery;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.ImageStatus;
import dev.imagesdk.model.ImageUpdate;
import dev.imagesdk.model.Member;
import dev.imagesdk.model.MemberStatus;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The image service: what Glance API v1 and v2 have in common, behind one interface. Get one from
 * {@link #builder()}; it authenticates, finds the image endpoint and chooses the API version (or uses the
 * one pinned in the configuration). One instance is thread-safe, holds one pooled HTTP client, and should
 * be shared and closed when done.
 *
 * <p><b>Failures.</b> Every method throws only {@link ImageSdkException} subclasses: service errors as
 * {@link dev.imagesdk.exception.ImageServiceException} (with status, Glance's message and request id),
 * client-side ones as {@link dev.imagesdk.exception.ImageSdkClientException}.
 *
 * <p><b>Ids and names in paths.</b> Every image id, tag, member id (and, in the versioned interfaces, store id,
 * task id and metadata-definition name) that goes into a request path is sent as exactly one percent-encoded
 * segment, so {@code %41}, {@code %2F}, {@code ?}, {@code #} or {@code /} in it can never address another
 * resource, behind path-normalising proxies too. Refused before any request with
 * {@link dev.imagesdk.exception.InvalidInputException} naming the field: null, blank, {@code .} and
 * {@code ..} (which such proxies resolve as directory steps whatever their encoding), values over 255
 * characters, and in API v2 image, member, task and store ids and tags containing {@code /} or control
 * characters.
 *
 * <p><b>Retries.</b> Connection failures and 429/502/503/504 are retried with backoff (honouring
 * {@code Retry-After}) where it is safe: reads and deletes always; creates because the SDK sends a
 * client-generated id (a 409 on a retry is resolved by reading the image back); uploads only from a
 * replayable {@link ImageData}; updates only when no byte of the request was sent. A 401 triggers one
 * re-authentication and one replay. Checksum mismatches are never retried.
 *
 * <p><b>Integrity.</b> Uploads compute MD5 and SHA-512 in one pass and compare them with what the service
 * recorded; downloads are verified before they are reported as complete (see {@link ImageDownload}).
 */
public interface ImageService extends AutoCloseable {

    /** {@return a builder that configures authentication, endpoint and API version} */
    static ImageServiceBuilder builder() {
        return new ImageServiceBuilder();
    }

    /** {@return the API version this instance speaks} */
    ApiVersion apiVersion();

    /**
     * Creates an image (metadata only; status {@code queued}). If the spec has no id, the SDK generates one
     * so that a retried create cannot create a duplicate.
     *
     * @param spec the new image's attributes; null is refused ({@code InvalidInputException})
     * @return the created image as the service reports it, {@code queued}
     */
    Image create(ImageSpec spec);

    /**
     * Creates an image and uploads its data, then verifies it. If the upload or verification fails, the
     * image is deleted before the exception is thrown (no orphan), unless {@code keepOnFailure} is true.
     * This includes a create that failed after the service may have made the image (a lost answer). If
     * the service refuses that delete too, the exception carries a suppressed
     * {@link dev.imagesdk.exception.ImageSdkClientException} naming the image left behind.
     *
     * <p>Before anything is created, the data is inspected as {@link UploadOptions#defaults()} describe: a
     * content that contradicts the spec's {@code disk_format}, or an unsafe image, is refused and nothing is
     * created (a one-shot stream is inspected as it is sent, and the image is deleted when refused).
     *
     * @param spec the new image's attributes; null is refused ({@code InvalidInputException})
     * @param data the image bytes to send; null is refused ({@code InvalidInputException})
     * @param listener receives transfer progress; may be null for none
     * @param keepOnFailure {@code true} to keep the image when the upload or verification fails, {@code false} to
     *         delete it
     * @return the image, {@code active} with verified checksums
     * @throws dev.imagesdk.exception.DiskFormatMismatchException if the content is not the declared format
     * @throws dev.imagesdk.exception.UnsafeImageException if the image has safety findings
     */
    default Image createAndUpload(ImageSpec spec, ImageData data, TransferListener listener, boolean keepOnFailure) {
        return createAndUpload(spec, data, listener, keepOnFailure, UploadOptions.defaults());
    }

    /**
     * {@link #createAndUpload(ImageSpec, ImageData, TransferListener, boolean)} with per-call options, e.g.
     * {@code UploadOptions.builder().verifyDiskFormat(false).build()} to upload content under a
     * {@code disk_format} the inspector disagrees with.
     *
     * @param spec the new image's attributes; null is refused ({@code InvalidInputException})
     * @param data the image bytes to send; null is refused ({@code InvalidInputException})
     * @param listener receives transfer progress; may be null for none
     * @param keepOnFailure {@code true} to keep the image when the upload or verification fails, {@code false} to
     *         delete it
     * @param options the inspection to run (see {@link UploadOptions}); null means the defaults
     * @return the image, {@code active} with verified checksums
     * @throws dev.imagesdk.exception.DiskFormatMismatchException if the content is not the declared format and
     *         {@code options} verify it
     * @throws dev.imagesdk.exception.UnsafeImageException if the image has safety findings and {@code options}
     *         do not allow them
     */
    Image createAndUpload(ImageSpec spec, ImageData data, TransferListener listener, boolean keepOnFailure,
                          UploadOptions options);

    /**
     * {@link #createAndUpload(ImageSpec, ImageData, TransferListener, boolean)} deleting on failure.
     *
     * @param spec the new image's attributes; null is refused ({@code InvalidInputException})
     * @param data the image bytes to send; null is refused ({@code InvalidInputException})
     * @param listener receives transfer progress; may be null for none
     * @return the image, {@code active} with verified checksums
     */
    default Image createAndUpload(ImageSpec spec, ImageData data, TransferListener listener) {
        return createAndUpload(spec, data, listener, false);
    }

    /**
     * {@link #createAndUpload(ImageSpec, ImageData, TransferListener, boolean)} without a progress listener,
     * deleting the image on failure, with the default inspection ({@link UploadOptions#defaults()}).
     *
     * @param spec the new image's attributes; null is refused ({@code InvalidInputException})
     * @param data the image bytes to send; null is refused ({@code InvalidInputException})
     * @return the image, {@code active} with verified checksums
     * @throws dev.imagesdk.exception.DiskFormatMismatchException if the content is not the declared format
     * @throws dev.imagesdk.exception.UnsafeImageException if the image has safety findings
     */
    default Image createAndUpload(ImageSpec spec, ImageData data) {
        return createAndUpload(spec, data, TransferListener.NONE, false);
    }

    /**
     * Reads an image's metadata.
     *
     * @param imageId the id of the image (values refused before any request: see the class comment)
     * @return the image's metadata as the service reports it
     * @throws dev.imagesdk.exception.NotFoundException if it does not exist or is not visible
     */
    Image get(String imageId);

    /**
     * Reads an image's metadata, or empty if it does not exist or is not visible (404).
     *
     * @param imageId the id of the image (values refused before any request: see the class comment)
     * @return the image's metadata, or empty on a 404
     */
    default Optional<Image> find(String imageId) {
        try {
            return Optional.of(get(imageId));
        } catch (dev.imagesdk.exception.NotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * Lists images lazily, page by page (see {@link PagedIterable}). Nothing is fetched until iteration.
     *
     * @param query the filters, sort and page size of the listing; null is refused ({@code InvalidInputException})
     * @return a lazy listing of the matching images
     * @throws dev.imagesdk.exception.InvalidInputException at once if the query uses a filter this API
     *         version cannot send
     */
    PagedIterable<Image> list(ImageQuery query);

    /**
     * Applies an update and returns the image as the service reports it afterwards.
     *
     * @param imageId the id of the image (values refused before any request: see the class comment)
     * @param update the changes to apply; null is refused ({@code InvalidInputException})
     * @return the image as the service reports it after the update
     */
    Image update(String imageId, ImageUpdate update);

    /**
     * Deletes an image. A 404 on a retried delete counts as success (the first attempt deleted it).
     *
     * @param imageId the id of the image (values refused before any request: see the class comment)
     * @throws dev.imagesdk.exception.NotFoundException if the image did not exist at the first attempt
     * @throws dev.imagesdk.exception.ForbiddenException if the image is protected
     */
    void delete(String imageId);

    /**
     * Uploads the data of a {@code queued} image, streaming it in constant memory, and verifies the
     * service's checksums against MD5/SHA-512 computed over the bytes sent.
     *
     * <p>Before the first request the data is checked for safety ({@link UploadOptions#defaults()}); the image's
     * {@code disk_format} is not read from the service, so the format is checked only when
     * {@link UploadOptions.Builder#expectedDiskFormat} names it. A one-shot stream is inspected as it is sent;
     * when refused, the upload is aborted and Glance leaves the image {@code queued}.
     *
     * @param imageId the id of the image (values refused before any request: see the class comment)
     * @param data the image bytes to send; null is refused ({@code InvalidInputException})
     * @param listener receives transfer progress; may be null for none
     * @return the image after the upload, {@code active}
     * @throws dev.imagesdk.exception.ChecksumMismatchException if the service recorded different checksums
     * @throws dev.imagesdk.exception.UnsafeImageException if the image has safety findings
     */
    default Image upload(String imageId, ImageData data, TransferListener listener) {
        return upload(imageId, data, listener, UploadOptions.defaults());
    }

    /**
     * {@link #upload(String, ImageData, TransferListener)} with per-call options.
     *
     * @param imageId the id of the image (values refused before any request: see the class comment)
     * @param data the image bytes to send; null is refused ({@code InvalidInputException})
     * @param listener receives transfer progress; may be null for none
     * @param options the inspection to run (see {@link UploadOptions}); null means the defaults
     * @return the image after the upload, {@code active}
     * @throws dev.imagesdk.exception.DiskFormatMismatchException if the content contradicts
     *         {@link UploadOptions#expectedDiskFormat()}
     * @throws dev.imagesdk.exception.UnsafeImageException if the image has safety findings and {@code options}
     *         do not allow them
     */
    Image upload(String imageId, ImageData data, TransferListener listener, UploadOptions options);

    /**
     * {@link #upload(String, ImageData, TransferListener)} without progress.
     *
     * @param imageId the id of the image (values refused before any request: see the class comment)
     * @param data the image bytes to send; null is refused ({@code InvalidInputException})
     * @return the image after the upload, {@code active}
     */
    default Image upload(String imageId, ImageData data) {
        return upload(imageId, data, TransferListener.NONE);
    }

    /**
     * {@return a pending, verified download of the image's data (nothing is transferred until a terminal call)}
     *
     * @param imageId the id of the image (values refused before any request: see the class comment)
     */
    ImageDownload download(String imageId);

    /**
     * Adds a tag (idempotent). API v1 has no tags: its implementation throws
     * {@link dev.imagesdk.exception.ImageSdkClientException}.
     *
     * @param imageId the id of the image (values refused before any request: see the class comment)
     * @param tag the tag to add
     */
    void addTag(String imageId, String tag);

    /**
     * Removes a tag.
     *
     * @param imageId the id of the image (values refused before any request: see the class comment)
     * @param tag the tag to remove
     */
    void removeTag(String imageId, String tag);

    /**
     * {@return the projects the image is shared with}
     *
     * @param imageId the id of the image (values refused before any request: see the class comment)
     */
    List<Member> members(String imageId);

    /**
     * Shares the image with a project (API v2: the member starts {@code pending}).
     *
     * @param imageId the id of the image (values refused before any request: see the class comment)
     * @param projectId the id of the project to share the image with
     * @return the new membership
     */
    Member addMember(String imageId, String projectId);

    /**
     * Shares the image with a project given by id or by name ({@link ProjectRef#byName}), resolving a name
     * through {@link #identity()} first.
     *
     * @param imageId the id of the image (values refused before any request: see the class comment)
     * @param project the project, by id or by name
     * @return the new membership
     * @throws dev.imagesdk.exception.InvalidInputException naming {@code projectName} if Keystone knows no
     *         project of that name
     * @throws dev.imagesdk.exception.ForbiddenException if the name is not one of the caller's projects and
     *         Keystone refuses to list projects (the message names the refused call)
     */
    default Member addMember(String imageId, ProjectRef project) {
        return addMember(imageId, identity().resolve(project));
    }

    /**
     * Keystone lookups with this service's token: the current project, the caller's projects, projects by
     * name. No call is made until a method of the result is used.
     *
     * @return the Keystone lookups of this service
     * @throws dev.imagesdk.exception.ImageSdkClientException if this implementation has none
     */
    default Identity identity() {
        throw new dev.imagesdk.exception.ImageSdkClientException(getClass().getSimpleName()
                + " offers no Keystone lookups");
    }

    /**
     * Stops sharing the image with a project.
     *
     * @param imageId the id of the image (values refused before any request: see the class comment)
     * @param projectId the id of the project
     */
    void removeMember(String imageId, String projectId);

    /**
     * Sets the caller's own membership status for an image shared with its project (API v2: accept or
     * reject).
     *
     * @param imageId the id of the image (values refused before any request: see the class comment)
     * @param projectId the id of the caller's project, a member of the image
     * @param status the new status ({@code accepted}, {@code rejected} or {@code pending})
     * @return the membership after the change
     */
    Member updateMemberStatus(String imageId, String projectId, MemberStatus status);

    /**
     * Polls the image until it reaches {@code status}, with backoff, failing fast when it cannot get there
     * ({@code killed}, deleted, or a failed import).
     *
     * @param imageId the id of the image (values refused before any request: see the class comment)
     * @param status the status to wait for
     * @param timeout how long to wait at most; positive
     * @return the image once it has {@code status}
     * @throws dev.imagesdk.exception.WaiterException on timeout or a terminal failure
     */
    Image waitForStatus(String imageId, ImageStatus status, Duration timeout);

    /**
     * A view of this service whose calls use {@code options} on top of the service's own settings (in the style of
     * OkHttp's {@code newBuilder()}): another call timeout, attempt timeout or number of attempts, and extra
     * request headers. The view shares everything else with this service: the HTTP client and its connection
     * pool, the token provider (one token, one refresh), the listener and the transfer threads; creating one is
     * cheap and sends nothing. A view of a view combines both options, the later ones winning.
     *
     * <p>Scope: the options apply to the view's metadata calls (JSON and header requests, including the metadata
     * requests of uploads and downloads); image data requests keep the service's settings (the idle timeout).
     *
     * <p>Closing: views are not closed separately. {@link #close()} on a view does nothing (the original stays
     * usable); closing the original releases what both share, after which the view must not be used either.
     *
     * @param options the options; not null ({@link CallOptions#none()} for none)
     * @return a view of this service with the options
     * @throws dev.imagesdk.exception.InvalidInputException naming {@code options} if it is null
     * @throws dev.imagesdk.exception.ImageSdkClientException if this implementation offers no views
     */
    default ImageService withOptions(CallOptions options) {
        throw new dev.imagesdk.exception.ImageSdkClientException(getClass().getSimpleName()
                + " offers no per-call options");
    }

    /** Releases the HTTP client and threads. Idempotent. Never throws. */
    @Override
    void close();
}
