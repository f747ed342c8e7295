package dev.imagesdk.model;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The format of an image's disk data ({@code disk_format}).
 *
 * <p>An open value: {@link #of(String)} returns the constant for a known value and keeps any other value
 * the server sends (see {@link OpenValue}).
 */
public final class DiskFormat extends OpenValue {
    private static final Map<String, DiskFormat> KNOWN = new LinkedHashMap<>();

    /** {@code ami} */
    public static final DiskFormat AMI = known("ami");
    /** {@code ari} */
    public static final DiskFormat ARI = known("ari");
    /** {@code aki} */
    public static final DiskFormat AKI = known("aki");
    /** {@code vhd} */
    public static final DiskFormat VHD = known("vhd");
    /** {@code vhdx} */
    public static final DiskFormat VHDX = known("vhdx");
    /** {@code vmdk} */
    public static final DiskFormat VMDK = known("vmdk");
    /** {@code raw} */
    public static final DiskFormat RAW = known("raw");
    /** {@code qcow2} */
    public static final DiskFormat QCOW2 = known("qcow2");
    /** {@code vdi} */
    public static final DiskFormat VDI = known("vdi");
    /** {@code iso} */
    public static final DiskFormat ISO = known("iso");
    /** {@code ploop} */
    public static final DiskFormat PLOOP = known("ploop");

    private DiskFormat(String value, boolean known) {
        super(value, known);
    }

    private static DiskFormat known(String value) {
        DiskFormat v = new DiskFormat(value, true);
        KNOWN.put(value, v);
        return v;
    }

    /**
     * {@return the constant for {@code value}, or an unknown value that keeps it verbatim}
     *
     * @param value the value as Glance spells it on the wire; not null
     * @throws NullPointerException if {@code value} is null
     */
    public static DiskFormat of(String value) {
        DiskFormat k = KNOWN.get(value.toLowerCase(java.util.Locale.ROOT));
        return k != null ? k : new DiskFormat(value, false);
    }

    /** {@return the constants this SDK version knows, in declaration order} */
    public static Collection<DiskFormat> knownValues() {
        return java.util.Collections.unmodifiableCollection(KNOWN.values());
    }
}
