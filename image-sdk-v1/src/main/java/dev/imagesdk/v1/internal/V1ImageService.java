package dev.imagesdk.v1.internal;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageData;
import dev.imagesdk.ImageDownload;
import dev.imagesdk.PagedIterable;
import dev.imagesdk.TransferListener;
import dev.imagesdk.UploadOptions;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.internal.http.ClientContext;
import dev.imagesdk.internal.retry.RetryPolicy;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageQuery;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.ImageStatus;
import dev.imagesdk.model.ImageUpdate;
import dev.imagesdk.model.Member;
import dev.imagesdk.model.MemberStatus;
import dev.imagesdk.v1.ImageServiceV1;
import dev.imagesdk.v1.Membership;
import dev.imagesdk.v1.SharedImage;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The v1 implementation of {@link ImageServiceV1} over a {@link V1Http}: a facade that hands each call to the
 * class for its Glance resource, {@link V1Images} (create, read, list, update, delete, waiting),
 * {@link V1ImageData} (uploads and the verified download) and {@link V1Members} (members, shared images); what
 * v1 does not have (tags, member statuses) is refused here. Stateless apart from the transport; thread-safe.
 * Data uploads (to a queued image, or create-with-data) from a replayable source are retried by
 * {@link V1UploadRetry} after reading the image's status; a one-shot stream is sent once.
 */
final class V1ImageService implements ImageServiceV1 {

    private static final Duration FIRST_POLL = Duration.ofSeconds(1);
    private static final Duration MAX_POLL = Duration.ofSeconds(15);

    private final V1Http http;
    private final V1Images images;
    private final V1ImageData data;
    private final V1Members members;
    private final dev.imagesdk.identity.Identity identity;
    // What a view (withOptions) is built with.
    private final Duration firstPoll;
    private final Duration maxPoll;
    private final boolean deleteOnChecksumMismatch;
    private final RetryPolicy retry;

    /**
     * @param deleteOnChecksumMismatch whether an upload whose stored checksum differs from the bytes sent
     *                                 deletes the image (else it is left for inspection)
     * @param retry the client's retry policy, which also bounds the status-aware upload retries
     */
    V1ImageService(V1Http http, Duration firstPoll, Duration maxPoll, boolean deleteOnChecksumMismatch,
                   RetryPolicy retry) {
        this(http, firstPoll, maxPoll, deleteOnChecksumMismatch, retry, null);
    }

    /** As above, with the Keystone lookups {@link #identity()} returns (null: none). */
    V1ImageService(V1Http http, Duration firstPoll, Duration maxPoll, boolean deleteOnChecksumMismatch,
                   RetryPolicy retry, dev.imagesdk.identity.Identity identity) {
        this.identity = identity;
        this.http = http;
        this.firstPoll = firstPoll;
        this.maxPoll = maxPoll;
        this.deleteOnChecksumMismatch = deleteOnChecksumMismatch;
        this.retry = retry;
        this.images = new V1Images(http, firstPoll, maxPoll);
        this.data = new V1ImageData(http, images, deleteOnChecksumMismatch, retry, this);
        this.members = new V1Members(http);
    }

    /** A service on {@code ctx} with the production status polls (1 s, growing to 15 s). */
    static V1ImageService create(ClientContext ctx) {
        return create(ctx, FIRST_POLL, MAX_POLL);
    }

    /** A service on {@code ctx} polling from {@code firstPoll} up to {@code maxPoll}. */
    static V1ImageService create(ClientContext ctx, Duration firstPoll, Duration maxPoll) {
        return new V1ImageService(new ContextV1Http(ctx), firstPoll, maxPoll,
                ctx.config().deleteImageOnChecksumMismatch(), ctx.callExecutor().policy(),
                dev.imagesdk.internal.auth.KeystoneIdentity.of(ctx));
    }

    @Override
    public dev.imagesdk.identity.Identity identity() {
        return identity != null ? identity : ImageServiceV1.super.identity();
    }

    @Override
    public ApiVersion apiVersion() {
        return ApiVersion.V1;
    }

    // ---- images -------------------------------------------------------------------------------------

    @Override
    public Image create(ImageSpec spec) {
        return images.create(spec);
    }

    @Override
    public Image createCopyFrom(ImageSpec spec, URI source) {
        return images.createCopyFrom(spec, source);
    }

    @Override
    public Image createWithLocation(ImageSpec spec, URI location, String expectedMd5) {
        return images.createWithLocation(spec, location, expectedMd5);
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
    public PagedIterable<Image> listSummaries(ImageQuery query) {
        return images.listSummaries(query);
    }

    @Override
    public Image update(String imageId, ImageUpdate update) {
        return images.update(imageId, update);
    }

    @Override
    public Image makePublic(String imageId) {
        return images.makePublic(imageId);
    }

    @Override
    public Image deprecate(String imageId) {
        return images.deprecate(imageId);
    }

    @Override
    public void delete(String imageId) {
        images.delete(imageId);
    }

    @Override
    public Image waitForStatus(String imageId, ImageStatus status, Duration timeout) {
        return images.waitForStatus(imageId, status, timeout);
    }

    // ---- image data ---------------------------------------------------------------------------------

    @Override
    public Image createWithData(ImageSpec spec, ImageData source, String expectedMd5, TransferListener listener) {
        return data.createWithData(spec, source, expectedMd5, listener, false, UploadOptions.defaults());
    }

    @Override
    public Image createAndUpload(ImageSpec spec, ImageData source, TransferListener listener, boolean keepOnFailure,
                                 UploadOptions options) {
        return data.createWithData(spec, source, null, listener, keepOnFailure, options);
    }

    @Override
    public Image upload(String imageId, ImageData source, TransferListener listener, UploadOptions options) {
        return data.upload(imageId, source, listener, options);
    }

    @Override
    public ImageDownload download(String imageId) {
        return data.download(imageId);
    }

    // ---- members (v1 has no tags and no member statuses) ---------------------------------------------

    @Override
    public List<Member> members(String imageId) {
        return members.members(imageId);
    }

    @Override
    public Member addMember(String imageId, String projectId) {
        return addMember(imageId, projectId, false);
    }

    @Override
    public Member addMember(String imageId, String tenantId, boolean canShare) {
        return members.addMember(imageId, tenantId, canShare);
    }

    @Override
    public void removeMember(String imageId, String projectId) {
        members.removeMember(imageId, projectId);
    }

    @Override
    public void replaceMembers(String imageId, List<Membership> memberships) {
        members.replaceMembers(imageId, memberships);
    }

    @Override
    public List<SharedImage> sharedImages(String tenantId) {
        return members.sharedImages(tenantId);
    }

    @Override
    public Member updateMemberStatus(String imageId, String projectId, MemberStatus status) {
        throw new ImageSdkClientException("Glance API v1 has no member statuses (members need not accept); "
                + "use API v2");
    }

    @Override
    public void addTag(String imageId, String tag) {
        throw new ImageSdkClientException("Glance API v1 has no tags; use a custom property or API v2");
    }

    @Override
    public void removeTag(String imageId, String tag) {
        throw new ImageSdkClientException("Glance API v1 has no tags; use a custom property or API v2");
    }

    /**
     * A view on the same client, token, data path and listener whose metadata calls run with {@code options}; its
     * {@link #close()} does nothing (views are not closed separately).
     */
    @Override
    public ImageServiceV1 withOptions(dev.imagesdk.CallOptions options) {
        if (options == null) {
            throw new dev.imagesdk.exception.InvalidInputException("options", null, "use CallOptions.none() for none");
        }
        return new V1ImageService(http.withOptions(options), firstPoll, maxPoll, deleteOnChecksumMismatch, retry,
                identity);
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (RuntimeException e) {
            // close() never throws
        }
    }
}
