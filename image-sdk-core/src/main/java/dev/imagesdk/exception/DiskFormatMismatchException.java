package dev.imagesdk.exception;

import dev.imagesdk.inspect.DiskImageReport;
import dev.imagesdk.model.DiskFormat;

import java.util.Objects;

/**
 * An upload was refused before it left: the image's content is not the {@code disk_format} declared for it
 * (e.g. a raw file declared {@code qcow2}, which Glance would store and a hypervisor would fail to boot).
 * Nothing was sent for a replayable source; a one-shot stream's upload was aborted. Never retried. Switch the
 * check off per call with {@link dev.imagesdk.UploadOptions.Builder#verifyDiskFormat(boolean)}.
 */
public class DiskFormatMismatchException extends ImageSdkClientException {
    private static final long serialVersionUID = 1L;

    /** The {@code disk_format} the caller declared. */
    private final DiskFormat declared;
    /** The format the inspector found in the content. */
    private final DiskFormat detected;
    private final transient DiskImageReport report;

    /**
     * @param declared the {@code disk_format} the caller declared
     * @param report   the inspector's verdict on the content
     */
    public DiskFormatMismatchException(DiskFormat declared, DiskImageReport report) {
        super("The image's content is " + Objects.requireNonNull(report, "report").format()
                + ", but its disk_format is declared as " + Objects.requireNonNull(declared, "declared")
                + "; declare disk_format " + report.format()
                + " (or switch the check off with UploadOptions.verifyDiskFormat(false))");
        this.declared = declared;
        this.detected = report.format();
        this.report = report;
    }

    /** {@return the {@code disk_format} the caller declared} */
    public DiskFormat declared() {
        return declared;
    }

    /** {@return the format the content has} */
    public DiskFormat detected() {
        return detected;
    }

    /** {@return the whole verdict (null after deserialization)} */
    public DiskImageReport report() {
        return report;
    }
}
