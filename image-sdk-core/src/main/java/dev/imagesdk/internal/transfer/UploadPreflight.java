package dev.imagesdk.internal.transfer;

import dev.imagesdk.ImageData;
import dev.imagesdk.UploadOptions;
import dev.imagesdk.exception.DiskFormatMismatchException;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.UnsafeImageException;
import dev.imagesdk.inspect.DiskImageInspector;
import dev.imagesdk.inspect.DiskImageReport;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * The disk-image check every upload path of both API versions runs before the bytes leave (see
 * {@link UploadOptions} for the rules users read). One place, so v1 and v2 refuse the same images:
 * <ul>
 * <li>{@link #prepare}: a replayable source is opened once more and inspected now, before the caller sends any
 *     request; a one-shot source is wrapped so that it is inspected as the upload reads it
 *     ({@link InspectedStream}), and the upload's read fails when the verdict is bad;</li>
 * <li>{@link #refusalOr}: after a failed upload, the typed refusal hidden in the transport's failure, so the
 *     caller cleans up and throws {@link DiskFormatMismatchException} / {@link UnsafeImageException}, not a
 *     read error.</li>
 * </ul>
 */
public final class UploadPreflight {

    /** Container formats whose payload is the disk image itself, so its format can be checked. */
    private static final Set<ContainerFormat> BARE_PAYLOAD = Set.of(ContainerFormat.BARE, ContainerFormat.AMI,
            ContainerFormat.ARI, ContainerFormat.AKI);

    private UploadPreflight() {
    }

    /**
     * Checks {@code data} against the declared format and for safety, as {@code options} ask.
     *
     * @param declared  the declared {@code disk_format}, or null (then only safety is checked)
     * @param container the declared {@code container_format}, or null (treated as bare)
     * @return the source to upload: {@code data} itself when it was inspected here (or inspection is off), a
     *         one-shot wrapper inspecting as it passes otherwise
     * @throws DiskFormatMismatchException if a replayable source's content contradicts {@code declared}
     * @throws UnsafeImageException        if a replayable source's image is unsafe
     * @throws ImageSdkClientException     if a replayable source cannot be read
     */
    public static ImageData prepare(ImageData data, DiskFormat declared, ContainerFormat container,
                                    UploadOptions options) {
        UploadOptions o = options == null ? UploadOptions.defaults() : options;
        if (o.inspectionOff()) {
            return data;
        }
        DiskFormat checked = o.verifyDiskFormat() && (container == null || BARE_PAYLOAD.contains(container))
                ? declared : null;
        if (!data.isReplayable()) {
            return ImageData.fromStream(new InspectedStream(data, report -> refusal(report, checked, o)),
                    data.length().orElse(-1));
        }
        DiskImageReport report;
        try (InputStream in = data.open()) {
            report = DiskImageInspector.inspect(in);
        } catch (IOException e) {
            throw new ImageSdkClientException("Could not inspect the image data (" + data + "): " + e.getMessage(), e);
        }
        ImageSdkClientException refused = refusal(report, checked, o);
        if (refused != null) {
            throw refused;
        }
        return data;
    }

    /**
     * The refusal a verdict earns, or null when the image may be uploaded.
     *
     * @param declared the format to check the content against, or null for none
     */
    static ImageSdkClientException refusal(DiskImageReport report, DiskFormat declared, UploadOptions options) {
        DiskFormatMismatchException mismatch = declared != null && options.verifyDiskFormat()
                && report.contradicts(declared) ? new DiskFormatMismatchException(declared, report) : null;
        if (!report.isSafe() && !options.allowUnsafe()) {
            UnsafeImageException unsafe = new UnsafeImageException(report);
            if (mismatch != null) {
                unsafe.addSuppressed(mismatch);
            }
            return unsafe;
        }
        return mismatch;
    }

    /**
     * The typed refusal that made a one-shot upload fail (found in {@code failure}'s causes), with
     * {@code failure} attached as suppressed; else {@code failure} itself.
     */
    public static RuntimeException refusalOr(RuntimeException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InspectedStream.Refused r) {
                ImageSdkClientException typed = r.refusal();
                if (typed != failure) {
                    typed.addSuppressed(failure);
                }
                return typed;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return failure;
    }
}
