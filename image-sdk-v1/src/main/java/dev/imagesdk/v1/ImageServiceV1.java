package dev.imagesdk.v1;

import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.TransferListener;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.Member;

import java.net.URI;
import java.util.List;

/**
 * Glance image API v1: the shared {@link ImageService} plus what only v1 has. Get one from
 * {@link ImageService#builder()} with API version 1 and {@link #of(ImageService)}.
 *
 * <p><b>How v1 differs.</b> Metadata travels in {@code x-image-meta-*} headers, which the SDK writes and
 * reads; the caller never does. v1 has no tags and no member statuses: {@link #addTag}, {@link #removeTag}
 * and {@link #updateMemberStatus} throw {@link dev.imagesdk.exception.ImageSdkClientException}. Custom
 * property names v1 would change (upper case, {@code -}) are refused with
 * {@link dev.imagesdk.exception.InvalidInputException} listing each name and what v1 would store.
 *
 * <p><b>Updates never delete properties by accident.</b> A v1 update deletes every custom property it
 * does not name unless told otherwise; {@link #update} always sends
 * {@code x-glance-registry-purge-props: False}, except for
 * {@link dev.imagesdk.model.ImageUpdate.Builder#replaceAllProperties()} ({@code --purge-props}), which
 * sends {@code True}. Removing single properties reads the image and replaces all its properties in one
 * request; a concurrent change to the image's properties between the two can be lost.
 *
 * <p><b>Integrity.</b> Uploads compute MD5 and SHA-512 in one pass over the bytes sent and compare the MD5
 * with the {@code checksum} the service recorded; downloads are verified against
 * {@code x-image-meta-checksum}. A mismatch is a {@link dev.imagesdk.exception.ChecksumMismatchException}.
 */
public interface ImageServiceV1 extends ImageService {

    /**
     * {@return the v1 view of a service built by {@link ImageService#builder()}}
     *
     * @param service a service built by {@link ImageService#builder()}
     * @throws dev.imagesdk.exception.ImageSdkClientException if the service speaks another API version (or is null)
     */
    static ImageServiceV1 of(ImageService service) {
        if (service instanceof ImageServiceV1) {
            return (ImageServiceV1) service;
        }
        throw new dev.imagesdk.exception.ImageSdkClientException("This image service speaks API "
                + (service == null ? "null" : service.apiVersion()) + ", not v1; pin ApiVersion.V1 in the builder");
    }

    /**
     * Lists images with the summary fields only ({@code GET /v1/images}: id, name, formats, checksum,
     * size), lazily and with the same filters and paging as {@link #list}.
     *
     * @param query the filters, sort and page size of the listing; null is refused ({@code InvalidInputException})
     * @return a lazy listing of the matching images, summary fields only
     */
    dev.imagesdk.PagedIterable<Image> listSummaries(dev.imagesdk.model.ImageQuery query);

    /**
     * Creates an image and uploads its data in one {@code POST}, streaming the body in constant memory
     * and sending {@code x-image-meta-size} when the length is known. If {@code expectedMd5} is given it
     * is sent as {@code x-image-meta-checksum} so the service verifies the bytes too. The service's
     * {@code checksum} is then compared with the MD5 of the bytes sent; on a mismatch the image is deleted.
     *
     * <p>Before the {@code POST}, the data is inspected with {@link dev.imagesdk.UploadOptions#defaults()}: content
     * that contradicts the spec's {@code disk_format}, or an unsafe image, is refused and nothing is created (a
     * one-shot stream is inspected as it is sent). To switch the checks off, use
     * {@link #createAndUpload(ImageSpec, ImageData, TransferListener, boolean, dev.imagesdk.UploadOptions)}, which
     * sends the same request (without {@code expectedMd5}).
     *
     * @param spec the new image's attributes; null is refused ({@code InvalidInputException})
     * @param data the image bytes to send; null is refused ({@code InvalidInputException})
     * @param expectedMd5 hex MD5 of the data, or null
     * @param listener receives transfer progress; may be null for none
     * @return the image, {@code active}
     * @throws dev.imagesdk.exception.ChecksumMismatchException if the service recorded another checksum
     * @throws dev.imagesdk.exception.BadRequestException if the service refused the data (e.g. size or
     *         checksum mismatch on its side)
     * @throws dev.imagesdk.exception.DiskFormatMismatchException if the content is not the declared format
     * @throws dev.imagesdk.exception.UnsafeImageException if the image has safety findings
     */
    Image createWithData(ImageSpec spec, ImageData data, String expectedMd5, TransferListener listener);

    /**
     * {@link #createWithData(ImageSpec, ImageData, String, TransferListener)} without a known MD5.
     *
     * @param spec the new image's attributes; null is refused ({@code InvalidInputException})
     * @param data the image bytes to send; null is refused ({@code InvalidInputException})
     * @param listener receives transfer progress; may be null for none
     * @return the image, {@code active} with a verified checksum
     */
    default Image createWithData(ImageSpec spec, ImageData data, TransferListener listener) {
        return createWithData(spec, data, null, listener);
    }

    /**
     * Creates an image whose data the service copies from {@code source} itself
     * ({@code x-glance-api-copy-from}); returns at once, typically {@code queued} or {@code saving}. Wait
     * with {@link #waitForStatus}.
     *
     * @param spec the new image's attributes; null is refused ({@code InvalidInputException})
     * @param source the URL the service reads the data from
     * @return the created image
     */
    Image createCopyFrom(ImageSpec spec, URI source);

    /**
     * Creates an image whose data stays at an external {@code location} ({@code x-image-meta-location});
     * the service does not read it, and the image has no checksum unless {@code expectedMd5} is given.
     *
     * @param spec the new image's attributes; null is refused ({@code InvalidInputException})
     * @param location the external URL of the data
     * @param expectedMd5 hex MD5 of the data at the location, or null
     * @return the created image
     */
    Image createWithLocation(ImageSpec spec, URI location, String expectedMd5);

    /**
     * Makes the image public ({@code x-image-meta-is_public: True}), keeping its properties. The
     * service may refuse it (403) unless the project is allowed to publish images.
     *
     * @param imageId the id of the image (values refused before any request: see {@link ImageService})
     * @return the image after the change
     */
    Image makePublic(String imageId);

    /**
     * Deprecates a partner image as seed 004 asks: sets {@code com.hp__1__image_lifecycle=deprecated} and
     * appends {@code " (deprecated)"} to the name (not twice); other properties are kept.
     *
     * @param imageId the id of the image (values refused before any request: see {@link ImageService})
     * @return the image after the change
     */
    Image deprecate(String imageId);

    /**
     * Shares the image with a tenant ({@code PUT /v1/images/{id}/members/{tenant}}); idempotent.
     *
     * @param imageId the id of the image (values refused before any request: see {@link ImageService})
     * @param tenantId the id of the tenant (project)
     * @param canShare whether the tenant may share the image further
     * @return the membership
     */
    Member addMember(String imageId, String tenantId, boolean canShare);

    /**
     * Replaces the image's whole member list ({@code PUT /v1/images/{id}/members}).
     *
     * @param imageId the id of the image (values refused before any request: see {@link ImageService})
     * @param members the complete new member list
     */
    void replaceMembers(String imageId, List<Membership> members);

    /**
     * {@return the images shared with a tenant ({@code GET /v1/shared-images/{tenant}})}
     *
     * @param tenantId the id of the tenant (project)
     */
    List<SharedImage> sharedImages(String tenantId);

    /**
     * {@inheritDoc}
     *
     * @param options the options; not null ({@link dev.imagesdk.CallOptions#none()} for none)
     * @return a v1 view of this service with the options; closing it does nothing
     */
    @Override
    ImageServiceV1 withOptions(dev.imagesdk.CallOptions options);
}
