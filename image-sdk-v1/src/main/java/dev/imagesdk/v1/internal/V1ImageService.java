package dev.imagesdk.v1.internal;

import dev.imagesdk.internal.StatusWaiter;
import dev.imagesdk.internal.retry.Sleeper;
import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageData;
import dev.imagesdk.ImageDownload;
import dev.imagesdk.PagedIterable;
import dev.imagesdk.TransferListener;
import dev.imagesdk.exception.ChecksumMismatchException;
import dev.imagesdk.exception.ConflictException;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.internal.ImageCleanup;
import dev.imagesdk.internal.http.ClientContext;
import dev.imagesdk.internal.retry.RetryPolicy;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageQuery;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.ImageStatus;
import dev.imagesdk.model.ImageUpdate;
import dev.imagesdk.model.Member;
import dev.imagesdk.model.MemberStatus;
import dev.imagesdk.model.PartnerImageProfile;
import dev.imagesdk.model.Visibility;
import dev.imagesdk.v1.ImageServiceV1;
import dev.imagesdk.v1.Membership;
import dev.imagesdk.v1.SharedImage;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The v1 implementation of {@link ImageServiceV1} over a {@link V1Http}. Stateless apart from the
 * transport; thread-safe. Data uploads (to a queued image, or create-with-data) from a replayable source are
 * retried by {@link V1UploadRetry} after reading the image's status; a one-shot stream is sent once.
 */
final class V1ImageService implements ImageServiceV1 {

    private static final String IMAGES = "images";
    private static final Duration FIRST_POLL = Duration.ofSeconds(1);
    private static final Duration MAX_POLL = Duration.ofSeconds(15);

    private final V1Http http;
    private final Duration firstPoll;
    private final Duration maxPoll;
    private final boolean deleteOnChecksumMismatch;
    private final V1UploadRetry uploads;

    /**
     * @param deleteOnChecksumMismatch whether an upload whose stored checksum differs from the bytes sent
     *                                 deletes the image (else it is left for inspection)
     * @param retry the client's retry policy, which also bounds the status-aware upload retries
     */
    V1ImageService(V1Http http, Duration firstPoll, Duration maxPoll, boolean deleteOnChecksumMismatch,
                   RetryPolicy retry) {
        this.http = http;
        this.uploads = new V1UploadRetry(http, retry, this::get);
        this.firstPoll = firstPoll;
        this.maxPoll = maxPoll;
        this.deleteOnChecksumMismatch = deleteOnChecksumMismatch;
    }

    /** A service on {@code ctx} with the production status polls (1 s, growing to 15 s). */
    static V1ImageService create(ClientContext ctx) {
        return create(ctx, FIRST_POLL, MAX_POLL);
    }

    /** A service on {@code ctx} polling from {@code firstPoll} up to {@code maxPoll}. */
    static V1ImageService create(ClientContext ctx, Duration firstPoll, Duration maxPoll) {
        return new V1ImageService(new ContextV1Http(ctx), firstPoll, maxPoll,
                ctx.config().deleteImageOnChecksumMismatch(), ctx.callExecutor().policy());
    }

    @Override
    public ApiVersion apiVersion() {
        return ApiVersion.V1;
    }

    // ---- create -------------------------------------------------------------------------------------

    @Override
    public Image create(ImageSpec spec) {
        requireNonNull("spec", spec);
        String id = idFor(spec);
        try {
            return post(spec, V1HeaderCodec.CreateExtras.id(id));
        } catch (ConflictException e) {
            if (spec.id().isPresent()) {
                throw e; // the caller's id is taken
            }
            // Our random id can only clash with our own earlier attempt that the service did complete
            // (its answer was lost and the call retried): that image is the one we created.
            return get(id);
        }
    }

    @Override
    public Image createCopyFrom(ImageSpec spec, URI source) {
        requireNonNull("source", source);
        return post(spec, new V1HeaderCodec.CreateExtras(idFor(spec), null, null, source.toString(), null));
    }

    @Override
    public Image createWithLocation(ImageSpec spec, URI location, String expectedMd5) {
        requireNonNull("location", location);
        return post(spec, new V1HeaderCodec.CreateExtras(idFor(spec), null, md5(expectedMd5), null,
                location.toString()));
    }

    private Image post(ImageSpec spec, V1HeaderCodec.CreateExtras extras) {
        requireNonNull("spec", spec);
        V1Response r = http.send(new V1Request("POST", IMAGES, V1HeaderCodec.forCreate(spec, extras), null));
        return V1Json.image(r.body());
    }

    @Override
    public Image createWithData(ImageSpec spec, ImageData data, String expectedMd5, TransferListener listener) {
        return createWithData(spec, data, expectedMd5, listener, false);
    }

    @Override
    public Image createAndUpload(ImageSpec spec, ImageData data, TransferListener listener, boolean keepOnFailure) {
        return createWithData(spec, data, null, listener, keepOnFailure);
    }

    private Image createWithData(ImageSpec spec, ImageData data, String expectedMd5, TransferListener listener,
                                 boolean keepOnFailure) {
        requireNonNull("spec", spec);
        requireNonNull("data", data);
        String id = idFor(spec);
        Long size = data.length().isPresent() ? data.length().getAsLong() : null;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/octet-stream");
        headers.putAll(V1HeaderCodec.forCreate(spec, new V1HeaderCodec.CreateExtras(id, size, md5(expectedMd5),
                null, null)));
        try {
            V1UploadRetry.Outcome out = uploads.send(id, new V1Request("POST", IMAGES, headers, null),
                    dataPut(id, data, md5(expectedMd5)), data, listener(listener));
            return verified(out);
        } catch (ImageSdkException e) {
            boolean keepCorrupt = e instanceof ChecksumMismatchException && !deleteOnChecksumMismatch;
            if (!keepOnFailure && !keepCorrupt) {
                ImageCleanup.deleteQuietly(this, id, e);
            }
            throw e;
        }
    }

    // ---- read ---------------------------------------------------------------------------------------

    @Override
    public Image get(String imageId) {
        V1Response r = http.send(V1Request.of("HEAD", imagePath(imageId)));
        return V1HeaderCodec.decode(r.headers());
    }

    @Override
    public PagedIterable<Image> list(ImageQuery query) {
        return list(query, IMAGES + "/detail");
    }

    @Override
    public PagedIterable<Image> listSummaries(ImageQuery query) {
        return list(query, IMAGES);
    }

    private PagedIterable<Image> list(ImageQuery query, String path) {
        requireNonNull("query", query);
        Map<String, String> params = V1QueryEncoder.parameters(query); // refuses v2-only filters now
        String start = query.marker().orElse(null);
        return V1Pager.paged(marker -> {
            Map<String, String> p = new LinkedHashMap<>(params);
            String m = marker != null ? marker : start;
            if (m != null) {
                p.put("marker", m);
            }
            String q = V1QueryEncoder.queryString(p);
            return V1Json.images(http.send(V1Request.of("GET", q.isEmpty() ? path : path + "?" + q)).body());
        }, query.limit().orElse(-1));
    }

    // ---- update -------------------------------------------------------------------------------------

    @Override
    public Image update(String imageId, ImageUpdate update) {
        requireNonNull("update", update);
        String path = imagePath(imageId);
        ImageUpdate effective = update.removeProperties().isEmpty() ? update : asReplaceAll(get(imageId), update);
        V1Response r = http.send(new V1Request("PUT", path, V1HeaderCodec.forUpdate(effective), null));
        return V1Json.image(r.body());
    }

    /** v1 removes single properties only by re-sending all the others with purge-props true. */
    private static ImageUpdate asReplaceAll(Image current, ImageUpdate u) {
        ImageUpdate.Builder b = ImageUpdate.builder();
        u.name().ifPresent(b::name);
        u.visibility().ifPresent(b::visibility);
        u.isProtected().ifPresent(b::isProtected);
        u.osHidden().ifPresent(b::osHidden);
        u.minDisk().ifPresent(b::minDisk);
        u.minRam().ifPresent(b::minRam);
        u.diskFormat().ifPresent(b::diskFormat);
        u.containerFormat().ifPresent(b::containerFormat);
        u.replaceTags().ifPresent(b::replaceTags);
        u.addTags().forEach(b::addTag);
        u.removeTags().forEach(b::removeTag);
        for (String name : u.removeProperties()) {
            if (!current.properties().containsKey(name)) {
                throw new InvalidInputException("property name", name, "cannot be removed: image " + current.id()
                        + " has no such property");
            }
        }
        current.properties().forEach((k, v) -> {
            if (!u.removeProperties().contains(k) && !u.setProperties().containsKey(k)) {
                b.property(k, v);
            }
        });
        u.setProperties().forEach(b::property);
        return b.replaceAllProperties().build();
    }

    @Override
    public Image makePublic(String imageId) {
        return update(imageId, ImageUpdate.builder().visibility(Visibility.PUBLIC).build());
    }

    @Override
    public Image deprecate(String imageId) {
        return update(imageId, PartnerImageProfile.deprecate(get(imageId)));
    }

    @Override
    public void delete(String imageId) {
        http.send(V1Request.of("DELETE", imagePath(imageId)).treatingNotFoundOnRetryAsSuccess());
    }

    // ---- data ---------------------------------------------------------------------------------------

    @Override
    public Image upload(String imageId, ImageData data, TransferListener listener) {
        requireNonNull("data", data);
        V1Request put = dataPut(imageId, data, null);
        try {
            return verified(uploads.send(imageId, put, put, data, listener(listener)));
        } catch (ChecksumMismatchException e) {
            if (deleteOnChecksumMismatch) {
                ImageCleanup.deleteQuietly(this, imageId, e); // a corrupt image is never left looking valid
            }
            throw e;
        }
    }

    /** The data {@code PUT} to a queued image; {@code md5} (nullable) is the checksum the service must check. */
    private static V1Request dataPut(String imageId, ImageData data, String md5) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/octet-stream");
        data.length().ifPresent(n -> headers.put("x-image-meta-size", Long.toString(n)));
        if (md5 != null) {
            headers.put("x-image-meta-checksum", md5); // a create continued with PUT keeps the caller's check
        }
        return new V1Request("PUT", imagePath(imageId), headers, null);
    }

    /** A recovered image was verified against the source already; a fresh answer against the bytes sent. */
    private static Image verified(V1UploadRetry.Outcome out) {
        if (out.upload() != null) {
            verifyUpload(out.image(), out.upload());
        }
        return out.image();
    }

    private static void verifyUpload(Image image, V1Http.Upload up) {
        if (image.checksum() != null && !image.checksum().equalsIgnoreCase(up.md5())) {
            throw new ChecksumMismatchException(image.id(), "md5", image.checksum(), up.md5());
        }
        if (image.size() != null && image.size() != up.bytes()) {
            throw new ImageSdkClientException("Image " + image.id() + ": the service recorded " + image.size()
                    + " bytes but " + up.bytes() + " were sent");
        }
    }

    @Override
    public ImageDownload download(String imageId) {
        return http.download(imageId, V1Request.of("GET", imagePath(imageId)));
    }

    // ---- tags and members ---------------------------------------------------------------------------

    @Override
    public void addTag(String imageId, String tag) {
        throw new ImageSdkClientException("Glance API v1 has no tags; use a custom property or API v2");
    }

    @Override
    public void removeTag(String imageId, String tag) {
        throw new ImageSdkClientException("Glance API v1 has no tags; use a custom property or API v2");
    }

    @Override
    public List<Member> members(String imageId) {
        return V1Json.members(imageId, http.send(V1Request.of("GET", imagePath(imageId) + "/members")).body());
    }

    @Override
    public Member addMember(String imageId, String projectId) {
        return addMember(imageId, projectId, false);
    }

    @Override
    public Member addMember(String imageId, String tenantId, boolean canShare) {
        String path = memberPath(imageId, tenantId);
        Map<String, String> json = Map.of("Content-Type", "application/json");
        http.send(new V1Request("PUT", path, json, V1Json.member(canShare)));
        return new Member(imageId, tenantId, null, canShare, null, null);
    }

    @Override
    public void removeMember(String imageId, String projectId) {
        http.send(V1Request.of("DELETE", memberPath(imageId, projectId)).treatingNotFoundOnRetryAsSuccess());
    }

    @Override
    public void replaceMembers(String imageId, List<Membership> members) {
        requireNonNull("members", members);
        http.send(new V1Request("PUT", imagePath(imageId) + "/members", Map.of("Content-Type", "application/json"),
                V1Json.memberships(List.copyOf(members))));
    }

    @Override
    public List<SharedImage> sharedImages(String tenantId) {
        return V1Json.sharedImages(http.send(V1Request.of("GET", "shared-images/" + segment("tenant id", tenantId)))
                .body());
    }

    @Override
    public Member updateMemberStatus(String imageId, String projectId, MemberStatus status) {
        throw new ImageSdkClientException("Glance API v1 has no member statuses (members need not accept); "
                + "use API v2");
    }

    // ---- waiting ------------------------------------------------------------------------------------

    @Override
    public Image waitForStatus(String imageId, ImageStatus status, Duration timeout) {
        requireNonNull("status", status);
        requireNonNull("timeout", timeout);
        return new StatusWaiter(firstPoll, maxPoll, Sleeper.SYSTEM, System::nanoTime)
                .await(imageId, status, timeout, this::get);
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (RuntimeException e) {
            // close() never throws
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static String idFor(ImageSpec spec) {
        return spec.id().orElseGet(() -> UUID.randomUUID().toString());
    }

    private static String md5(String hex) {
        if (hex == null) {
            return null;
        }
        if (!hex.matches("[0-9a-fA-F]{32}")) {
            throw new InvalidInputException("expected MD5", hex, "must be 32 hex digits");
        }
        return hex.toLowerCase(Locale.ROOT);
    }

    private static TransferListener listener(TransferListener l) {
        return l == null ? TransferListener.NONE : l;
    }

    private static String imagePath(String imageId) {
        return IMAGES + "/" + segment("image id", imageId);
    }

    private static String memberPath(String imageId, String tenantId) {
        return imagePath(imageId) + "/members/" + segment("tenant id", tenantId);
    }

    private static String segment(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, value, "must not be blank");
        }
        return V1QueryEncoder.encode(value);
    }

    private static void requireNonNull(String field, Object value) {
        if (value == null) {
            throw new InvalidInputException(field, null, "is required");
        }
    }
}
