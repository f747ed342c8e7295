package dev.imagesdk.inspect;

import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.model.DiskFormat;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The verdict of {@link DiskImageInspector} on one image: the format its content has, its virtual size (the
 * size of the disk a guest sees) and the safety findings. Immutable and thread-safe.
 *
 * <p>The format is {@link DiskFormat#RAW} when no other format's signature matches, as in Glance. The
 * formats detected are raw, qcow2, vhd, vhdx, vmdk, vdi, iso and {@link DiskImageInspector#QED qed}.
 */
public final class DiskImageReport {
    private static final Set<DiskFormat> RAW_FAMILY = Set.of(DiskFormat.RAW, DiskFormat.AMI, DiskFormat.ARI,
            DiskFormat.AKI);
    private static final Set<DiskFormat> INSPECTED = Set.of(DiskFormat.QCOW2, DiskFormat.VHD, DiskFormat.VHDX,
            DiskFormat.VMDK, DiskFormat.VDI, DiskFormat.ISO, DiskImageInspector.QED);

    private final DiskFormat format;
    private final long virtualSize;
    private final List<Finding> findings;
    private final long bytesExamined;

    private DiskImageReport(DiskFormat format, long virtualSize, List<Finding> findings, long bytesExamined) {
        this.format = format;
        this.virtualSize = virtualSize;
        this.findings = findings;
        this.bytesExamined = bytesExamined;
    }

    /**
     * {@return a report with the given values (the inspector makes these; tests and callers may too)}
     *
     * @param format        the detected format
     * @param virtualSize   the virtual size in bytes, or -1 when unknown
     * @param findings      the safety findings, empty for a safe image (copied)
     * @param bytesExamined how far into the image the inspector read or skipped, in bytes
     * @throws NullPointerException     if {@code format} or {@code findings} (or one of them) is null
     * @throws InvalidInputException   if {@code virtualSize < -1} or {@code bytesExamined < 0}
     */
    public static DiskImageReport of(DiskFormat format, long virtualSize, List<Finding> findings, long bytesExamined) {
        Objects.requireNonNull(format, "format");
        if (virtualSize < -1) {
            throw new InvalidInputException("virtualSize", virtualSize, "must be -1 (unknown) or at least 0");
        }
        if (bytesExamined < 0) {
            throw new InvalidInputException("bytesExamined", bytesExamined, "must be at least 0");
        }
        return new DiskImageReport(format, virtualSize, List.copyOf(findings), bytesExamined);
    }

    /** {@return the format of the content: raw when nothing else matched} */
    public DiskFormat format() {
        return format;
    }

    /**
     * {@return the virtual size in bytes as the format's header states it; for a raw or iso file inspected by path,
     * the file's size (iso: the volume size its descriptor states)} Empty when unknown: a raw image read from
     * a stream, a header too damaged to read it, or a vmdk whose create type Glance does not size.
     */
    public OptionalLong virtualSize() {
        return virtualSize < 0 ? OptionalLong.empty() : OptionalLong.of(virtualSize);
    }

    /** {@return the safety findings in the order found; empty when the image is safe} At most 16 are kept. */
    public List<Finding> findings() {
        return findings;
    }

    /**
     * {@return {@code true} when there are no findings: no backing or data file, no unknown feature, a sound header}
     */
    public boolean isSafe() {
        return findings.isEmpty();
    }

    /**
     * {@return how far into the image the inspector went (read or skipped), in bytes; never more than 64 MiB + 64 KiB}
     */
    public long bytesExamined() {
        return bytesExamined;
    }

    /**
     * Whether the content contradicts the {@code disk_format} a caller declares for it:
     * <ul>
     * <li>raw, ami, ari, aki (raw bytes): contradicted by any content other than raw or iso (an iso is a raw
     *     byte layout), e.g. a qcow2 labelled raw, which a hypervisor would boot as garbage or, worse, with
     *     its backing file exposed;</li>
     * <li>qcow2, vhd, vhdx, vmdk, vdi, iso, qed: contradicted by content of any other format, raw included
     *     (a vhd whose footer is only at its end, a "fixed" vhd, is seen as raw);</li>
     * <li>any other value (ploop, formats unknown to this SDK): never contradicted, as there is nothing to
     *     check against.</li>
     * </ul>
     *
     * @param declared the {@code disk_format} the caller declared; null contradicts nothing
     * @return {@code true} if the content is another format than {@code declared}
     * @throws NullPointerException if {@code declared} is null
     */
    public boolean contradicts(DiskFormat declared) {
        Objects.requireNonNull(declared, "declared");
        if (RAW_FAMILY.contains(declared)) {
            return !format.equals(DiskFormat.RAW) && !format.equals(DiskFormat.ISO);
        }
        if (INSPECTED.contains(declared)) {
            return !format.equals(declared);
        }
        return false;
    }

    /** Equal when format, virtual size, findings and bytes examined are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof DiskImageReport r && r.format.equals(format) && r.virtualSize == virtualSize
                && r.findings.equals(findings) && r.bytesExamined == bytesExamined;
    }

    /** Consistent with {@link #equals}. */
    @Override
    public int hashCode() {
        return Objects.hash(format, virtualSize, findings, bytesExamined);
    }

    /** e.g. {@code qcow2 virtual_size=10737418240 safe} or {@code qcow2 ... unsafe [BACKING_FILE(base.qcow2)]}. */
    @Override
    public String toString() {
        return format + " virtual_size=" + (virtualSize < 0 ? "unknown" : String.valueOf(virtualSize))
                + (findings.isEmpty() ? " safe" : " unsafe " + findings);
    }
}
