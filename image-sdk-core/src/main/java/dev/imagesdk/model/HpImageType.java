package dev.imagesdk.model;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HP Cloud management console's {@code com.hp__1__image_type} property: {@code disk} for single-part qcow2 images, {@code kernel}, {@code ramdisk}, {@code machine} for multi-part images.
 *
 * <p>An open value: {@link #of(String)} returns the constant for a known value and keeps any other value
 * the server sends (see {@link OpenValue}).
 */
public final class HpImageType extends OpenValue {
    private static final Map<String, HpImageType> KNOWN = new LinkedHashMap<>();

    /** {@code disk} */
    public static final HpImageType DISK = known("disk");
    /** {@code kernel} */
    public static final HpImageType KERNEL = known("kernel");
    /** {@code ramdisk} */
    public static final HpImageType RAMDISK = known("ramdisk");
    /** {@code machine} */
    public static final HpImageType MACHINE = known("machine");

    private HpImageType(String value, boolean known) {
        super(value, known);
    }

    private static HpImageType known(String value) {
        HpImageType v = new HpImageType(value, true);
        KNOWN.put(value, v);
        return v;
    }

    /**
     * {@return the constant for {@code value}, or an unknown value that keeps it verbatim}
     *
     * @param value the value as Glance spells it on the wire; not null
     * @throws NullPointerException if {@code value} is null
     */
    public static HpImageType of(String value) {
        HpImageType k = KNOWN.get(value);
        return k != null ? k : new HpImageType(value, false);
    }

    /** {@return the constants this SDK version knows, in declaration order} */
    public static Collection<HpImageType> knownValues() {
        return java.util.Collections.unmodifiableCollection(KNOWN.values());
    }
}
