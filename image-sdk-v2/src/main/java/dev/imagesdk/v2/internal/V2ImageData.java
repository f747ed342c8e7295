package dev.imagesdk.v2.internal;

import dev.imagesdk.ImageData;
import dev.imagesdk.ImageDownload;
import dev.imagesdk.ImageService;
import dev.imagesdk.TransferListener;
import dev.imagesdk.UploadOptions;
import dev.imagesdk.exception.ChecksumMismatchException;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.exception.ImageServiceException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.internal.ImageCleanup;
import dev.imagesdk.internal.transfer.UploadPreflight;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.ImageStatus;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import static dev.imagesdk.v2.internal.V2Context.checkId;
import static dev.imagesdk.v2.internal.V2Context.imagePath;
import static dev.imagesdk.v2.internal.V2Context.notNull;

/**
 * Glance's image data ({@code /v2/images/{id}/file} and the import stage {@code /v2/images/{id}/stage}): the
 * verified upload (to the default or a named store), create-and-upload, staging, and the verified download,
 * all through the {@link DataTransfer}.
 *
 * <p>Every upload is verified: the image is read back and its recorded MD5, SHA-512 and size compared with what
 * was sent. A failed upload from a replayable source is sent again only after the image's status says nothing
 * was stored ({@link #MAX_UPLOAD_ATTEMPTS} requests in all, the transport's own resends included).
 */
final class V2ImageData {

    /**
     * Upload requests from a replayable source, all counted (the status-aware retry of {@link #recoverUpload}
     * and the transport's own resends share it).
     */
    static final int MAX_UPLOAD_ATTEMPTS = 3;

    private final V2Context ctx;
    private final V2Images images;
    /** The whole service, through which a failed or corrupt image is deleted ({@link ImageCleanup}). */
    private final ImageService owner;

    V2ImageData(V2Context ctx, V2Images images, ImageService owner) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.images = Objects.requireNonNull(images, "images");
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    Image upload(String imageId, ImageData source, TransferListener listener, UploadOptions options) {
        checkId("imageId", imageId);
        ImageData checked = preflight(source, null, options);
        try {
            return uploadVerified(imageId, checked, listener, ctx.settings.deleteOnChecksumMismatch());
        } catch (RuntimeException e) {
            throw UploadPreflight.refusalOr(e); // a refused one-shot upload: Glance leaves the image queued
        }
    }

    Image uploadToStore(String imageId, String storeId, ImageData source, TransferListener listener,
                        UploadOptions options) {
        checkId("storeId", storeId);
        if (storeId.startsWith("os_glance_")) {
            throw new InvalidInputException("storeId", storeId, "is a store reserved for Glance itself");
        }
        checkId("imageId", imageId);
        ImageData checked = preflight(source, null, options);
        try {
            return uploadVerified(imageId, checked, listener, ctx.settings.deleteOnChecksumMismatch(), storeId);
        } catch (RuntimeException e) {
            throw UploadPreflight.refusalOr(e);
        }
    }

    /**
     * The shared disk-image check ({@link UploadPreflight}) against the spec's formats, or (spec null) against the
     * caller's expected format only.
     */
    static ImageData preflight(ImageData source, ImageSpec spec, UploadOptions options) {
        notNull("data", source);
        UploadOptions o = options == null ? UploadOptions.defaults() : options;
        return spec == null
                ? UploadPreflight.prepare(source, o.expectedDiskFormat().orElse(null), null, o)
                : UploadPreflight.prepare(source, spec.diskFormat(), spec.containerFormat(), o);
    }

    private Image uploadVerified(String imageId, ImageData source, TransferListener listener, boolean deleteOnMismatch) {
        return uploadVerified(imageId, source, listener, deleteOnMismatch, ctx.settings.defaultStore());
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
                sent = ctx.data.upload("upload image data", imagePath(imageId) + "/file", headers, source, progress,
                        () -> requests[0]++);
                break;
            } catch (ImageSdkException failure) {
                Image recovered = recoverUpload(imageId, source, failure, attempt, requests[0], deleteOnMismatch);
                if (recovered != null) {
                    return recovered;
                }
            }
        }
        Image stored = images.get(imageId);
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
            now = images.get(imageId);
        } catch (ImageSdkException e) {
            failure.addSuppressed(e);
            throw failure;
        }
        if (ImageStatus.QUEUED.equals(now.status())) {
            pause(ctx.settings.pollInitial().multipliedBy(attempt), failure);
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
            ctx.settings.pause().sleep(d);
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
    void verify(Image stored, UploadHashes sent, boolean deleteOnMismatch) {
        ChecksumMismatchException mismatch = null;
        if (stored.checksum() != null && !stored.checksum().equalsIgnoreCase(sent.md5())) {
            mismatch = ChecksumMismatchException.upload(stored.id(), "md5", sent.md5(), stored.checksum());
        } else if ("sha512".equalsIgnoreCase(stored.osHashAlgo()) && stored.osHashValue() != null
                && !stored.osHashValue().equalsIgnoreCase(sent.sha512())) {
            mismatch = ChecksumMismatchException.upload(stored.id(), "sha512", sent.sha512(), stored.osHashValue());
        } else if (stored.size() != null && stored.size() != sent.bytes()) {
            mismatch = ChecksumMismatchException.upload(stored.id(), "size", Long.toString(sent.bytes()),
                    Long.toString(stored.size()));
        }
        if (mismatch != null || stored.checksum() != null || stored.osHashValue() != null) {
            ctx.data.verified(sent, mismatch == null);
        }
        if (mismatch == null && stored.checksum() == null && stored.osHashValue() == null) {
            throw new ImageSdkClientException("Image " + stored.id() + " has no checksum after the upload (status "
                    + stored.status() + "); the data cannot be verified");
        }
        if (mismatch != null) {
            if (deleteOnMismatch) {
                ImageCleanup.deleteQuietly(owner, stored.id(), mismatch);
            }
            throw mismatch;
        }
    }

    Image createAndUpload(ImageSpec spec, ImageData source, TransferListener listener, boolean keepOnFailure,
                          UploadOptions options) {
        notNull("data", source);
        notNull("spec", spec);
        ImageData checked = preflight(source, spec, options); // before the create: a refused image is never made
        // The id is fixed here so that a create that fails after reaching the service can be cleaned up.
        String id = ImageJson.idFor(spec);
        Image created;
        try {
            created = images.create(spec.toBuilder().id(id).build());
        } catch (ImageSdkException e) {
            // e.g. the first POST created the image but its answer was lost, and reading it back failed; but a
            // 409 (the id is someone else's) or refused input (nothing sent) never deletes
            if (!keepOnFailure) {
                ImageCleanup.deleteAfterFailedCreate(owner, id, e);
            }
            throw e;
        }
        try {
            return uploadVerified(created.id(), checked, listener, false);
        } catch (RuntimeException e) {
            RuntimeException failure = UploadPreflight.refusalOr(e);
            if (!keepOnFailure) {
                ImageCleanup.deleteQuietly(owner, created.id(), failure);
            }
            throw failure;
        }
    }

    ImageDownload download(String imageId) {
        checkId("imageId", imageId);
        return ctx.data.download(imageId, () -> images.get(imageId));
    }

    void stage(String imageId, ImageData source, TransferListener listener, UploadOptions options) {
        checkId("imageId", imageId);
        stageHashes(imageId, preflight(source, null, options), listener);
    }

    /**
     * Stages the data for a {@code glance-direct} import; returns what was sent, for verifying the import. The
     * caller ran {@link #preflight} on {@code source}; a refusal of a one-shot source is thrown typed.
     */
    UploadHashes stageHashes(String imageId, ImageData source, TransferListener listener) {
        checkId("imageId", imageId);
        notNull("data", source);
        try {
            return ctx.data.upload("stage image data", imagePath(imageId) + "/stage", uploadHeaders(source), source,
                    listener == null ? TransferListener.NONE : listener);
        } catch (RuntimeException e) {
            throw UploadPreflight.refusalOr(e);
        }
    }

    private static Map<String, String> uploadHeaders(ImageData source) {
        Map<String, String> h = new LinkedHashMap<>();
        source.length().ifPresent(len -> h.put("x-openstack-image-size", Long.toString(len)));
        return h;
    }
}
