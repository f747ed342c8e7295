package dev.imagesdk.exception;

import dev.imagesdk.inspect.DiskImageReport;
import dev.imagesdk.inspect.Finding;

import java.util.List;
import java.util.Objects;

/**
 * An upload was refused before it left: the disk image is unsafe to hand to Glance and to a hypervisor (a qcow2
 * naming a backing file or an external data file, unknown qcow2 incompatible features, a vmdk whose extents name
 * other files, a damaged header; see {@link Finding.Kind}). Nothing was sent for a replayable source; a one-shot
 * stream's upload was aborted. Never retried. Allow such images per call with
 * {@link dev.imagesdk.UploadOptions.Builder#allowUnsafe(boolean)}.
 */
public class UnsafeImageException extends ImageSdkClientException {
    private static final long serialVersionUID = 1L;

    private final transient List<Finding> findings;
    private final transient DiskImageReport report;

    /**
     * @param report the inspector's verdict, with at least one finding
     */
    public UnsafeImageException(DiskImageReport report) {
        super("The " + Objects.requireNonNull(report, "report").format() + " image is unsafe to upload: "
                + report.findings() + " (allow it with UploadOptions.allowUnsafe(true))");
        this.findings = report.findings();
        this.report = report;
    }

    /** {@return what made the image unsafe, in the order found (null after deserialization)} */
    public List<Finding> findings() {
        return findings;
    }

    /** {@return the whole verdict (null after deserialization)} */
    public DiskImageReport report() {
        return report;
    }
}
