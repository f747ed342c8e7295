package dev.imagesdk.model;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A CPU architecture, the value of the {@code architecture} image property (libosinfo names, as Glance's image schema lists them). The partner-image profile accepts {@code x86_64} and {@code i686}.
 *
 * <p>An open value: {@link #of(String)} returns the constant for a known value and keeps any other value
 * the server sends (see {@link OpenValue}).
 */
public final class Architecture extends OpenValue {
    private static final Map<String, Architecture> KNOWN = new LinkedHashMap<>();

    /** {@code x86_64} */
    public static final Architecture X86_64 = known("x86_64");
    /** {@code i686} */
    public static final Architecture I686 = known("i686");
    /** {@code aarch64} */
    public static final Architecture AARCH64 = known("aarch64");
    /** {@code armv7l} */
    public static final Architecture ARMV7L = known("armv7l");
    /** {@code ppc64} */
    public static final Architecture PPC64 = known("ppc64");
    /** {@code ppc64le} */
    public static final Architecture PPC64LE = known("ppc64le");
    /** {@code s390x} */
    public static final Architecture S390X = known("s390x");
    /** {@code mips64} */
    public static final Architecture MIPS64 = known("mips64");
    /** {@code mips64el} */
    public static final Architecture MIPS64EL = known("mips64el");
    /** {@code riscv64} */
    public static final Architecture RISCV64 = known("riscv64");
    /** {@code sparc64} */
    public static final Architecture SPARC64 = known("sparc64");
    /** {@code ia64} */
    public static final Architecture IA64 = known("ia64");
    /** {@code alpha} */
    public static final Architecture ALPHA = known("alpha");

    private Architecture(String value, boolean known) {
        super(value, known);
    }

    private static Architecture known(String value) {
        Architecture v = new Architecture(value, true);
        KNOWN.put(value, v);
        return v;
    }

    /**
     * {@return the constant for {@code value}, or an unknown value that keeps it verbatim}
     *
     * @param value the value as Glance spells it on the wire; not null
     * @throws NullPointerException if {@code value} is null
     */
    public static Architecture of(String value) {
        Architecture k = KNOWN.get(value);
        return k != null ? k : new Architecture(value, false);
    }

    /** {@return the constants this SDK version knows, in declaration order} */
    public static Collection<Architecture> knownValues() {
        return java.util.Collections.unmodifiableCollection(KNOWN.values());
    }
}
