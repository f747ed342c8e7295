package dev.imagesdk.inspect;

import java.util.Objects;

/**
 * One reason an image is unsafe to hand to Glance (and to the hypervisor that boots it). Every finding
 * makes {@link DiskImageReport#isSafe()} false.
 *
 * @param kind   what was found
 * @param detail the evidence in words, e.g. the backing file's name or the unknown feature bits; printable
 *               ASCII, at most 200 characters (longer or non-printable values from the image are cut and escaped)
 */
public record Finding(Kind kind, String detail) {

    /** The kinds of finding; the Javadoc of each says which formats produce it. */
    public enum Kind {
        /** qcow2 or qed names a backing file, or a vhd, vhdx or vdi is a differencing image with a parent. */
        BACKING_FILE,
        /** qcow2 keeps its data in an external data file (incompatible feature bit 2). */
        DATA_FILE,
        /** qcow2 sets incompatible feature bits above bit 3, which Glance does not know. */
        UNKNOWN_INCOMPATIBLE_FEATURES,
        /** vmdk descriptor's {@code createType} is missing or other than monolithicSparse / streamOptimized. */
        VMDK_CREATE_TYPE,
        /** vmdk descriptor names an extent in another file, more than one extent, or no extent at all. */
        VMDK_EXTENT,
        /** A format Glance detects but always refuses (qed). */
        UNSUPPORTED_FORMAT,
        /** A header field or structure is invalid (bad signature, version, checksum, offset, descriptor line). */
        INVALID_HEADER,
        /** The image ends before the headers its format requires. */
        TRUNCATED
    }

    /**
     * Checks both parts.
     *
     * @param kind what was found
     * @param detail the evidence in words, e.g. the backing file's name or the unknown feature bits; printable ASCII,
     *         at most 200 characters (longer or non-printable values from the image are cut and escaped)
     * @throws NullPointerException if {@code kind} or {@code detail} is null
     */
    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    /** {@code KIND(detail)}. */
    @Override
    public String toString() {
        return kind + "(" + detail + ")";
    }
}
