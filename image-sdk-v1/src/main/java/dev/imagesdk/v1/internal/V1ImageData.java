package dev.imagesdk.v1.internal;

import dev.imagesdk.ImageData;
import dev.imagesdk.ImageDownload;
import dev.imagesdk.ImageService;
import dev.imagesdk.TransferListener;
import dev.imagesdk.UploadOptions;
import dev.imagesdk.exception.ChecksumMismatchException;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.internal.ImageCleanup;
import dev.imagesdk.internal.transfer.UploadPreflight;
import dev.imagesdk.internal.retry.RetryPolicy;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageSpec;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.imagesdk.v1.internal.V1Images.IMAGES;
import static dev.imagesdk.v1.internal.V1Images.idFor;
import static dev.imagesdk.v1.internal.V1Images.imagePath;
import static dev.imagesdk.v1.internal.V1Images.md5;
import static dev.imagesdk.v1.internal.V1Images.requireNonNull;

/**
 * Glance v1's image data: the body of a create-with-data {@code POST /v1/images} or of a {@code PUT} to a queued
 * image, and the verified download ({@code GET /v1/images/{id}}). Uploads from a replayable source are retried
 * by {@link V1UploadRetry} after reading the image's status; a one-shot stream is sent once. The recorded MD5 and
 * size are compared with what was sent; a corrupt image is deleted unless configured otherwise.
 */
final class V1ImageData {

    private final V1Http http;
    private final boolean deleteOnChecksumMismatch;
    private final V1UploadRetry uploads;
    /** The whole service, through which a failed or corrupt image is deleted ({@link ImageCleanup}). */
    private final ImageService owner;

    /**
     * @param deleteOnChecksumMismatch whether an upload whose stored checksum differs from the bytes sent
     *                                 deletes the image (else it is left for inspection)
     * @param retry the client's retry policy, which also bounds the status-aware upload retries
     */
    V1ImageData(V1Http http, V1Images images, boolean deleteOnChecksumMismatch, RetryPolicy retry,
                ImageService owner) {
        this.http = http;
        this.uploads = new V1UploadRetry(http, retry, images::get);
        this.deleteOnChecksumMismatch = deleteOnChecksumMismatch;
        this.owner = owner;
    }

    Image createWithData(ImageSpec spec, ImageData source, String expectedMd5, TransferListener listener,
                         boolean keepOnFailure, UploadOptions options) {
        requireNonNull("spec", spec);
        requireNonNull("data", source);
        // before the POST that creates the image: a refused image is never made
        ImageData data = UploadPreflight.prepare(source, spec.diskFormat(), spec.containerFormat(), options);
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
            RuntimeException failure = UploadPreflight.refusalOr(e);
            boolean keepCorrupt = e instanceof ChecksumMismatchException && !deleteOnChecksumMismatch;
            if (!keepOnFailure && !keepCorrupt) {
                // a 409 means the caller's id is someone else's image: never delete it (v2's rule too)
                ImageCleanup.deleteAfterFailedCreate(owner, id, failure);
            }
            throw failure;
        }
    }

    /**
     * Uploads to a queued image. The image's {@code disk_format} is not read first: the content is checked for
     * safety, and against {@link UploadOptions#expectedDiskFormat()} when given.
     */
    Image upload(String imageId, ImageData source, TransferListener listener, UploadOptions options) {
        requireNonNull("data", source);
        UploadOptions o = options == null ? UploadOptions.defaults() : options;
        ImageData data = UploadPreflight.prepare(source, o.expectedDiskFormat().orElse(null), null, o);
        V1Request put = dataPut(imageId, data, null);
        try {
            return verified(uploads.send(imageId, put, put, data, listener(listener)));
        } catch (ChecksumMismatchException e) {
            if (deleteOnChecksumMismatch) {
                ImageCleanup.deleteQuietly(owner, imageId, e); // a corrupt image is never left looking valid
            }
            throw e;
        } catch (RuntimeException e) {
            throw UploadPreflight.refusalOr(e); // a refused one-shot upload: Glance leaves the image queued
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
    private Image verified(V1UploadRetry.Outcome out) {
        if (out.upload() != null) {
            verifyUpload(out.image(), out.upload());
        }
        return out.image();
    }

    private void verifyUpload(Image image, V1Http.Upload up) {
        if (image.checksum() != null) {
            http.verified(up, image.checksum().equalsIgnoreCase(up.md5()));
        }
        if (image.checksum() != null && !image.checksum().equalsIgnoreCase(up.md5())) {
            throw ChecksumMismatchException.upload(image.id(), "md5", up.md5(), image.checksum());
        }
        if (image.size() != null && image.size() != up.bytes()) {
            throw new ImageSdkClientException("Image " + image.id() + ": the service recorded " + image.size()
                    + " bytes but " + up.bytes() + " were sent");
        }
    }

    ImageDownload download(String imageId) {
        return http.download(imageId, V1Request.of("GET", imagePath(imageId)));
    }

    private static TransferListener listener(TransferListener l) {
        return l == null ? TransferListener.NONE : l;
    }
}
