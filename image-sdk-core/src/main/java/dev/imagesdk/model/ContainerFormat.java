package dev.imagesdk.model;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether an image's data is wrapped in a container with metadata about the VM ({@code container_format}); {@code bare} means no container.
 *
 * <p>An open value: {@link #of(String)} returns the constant for a known value and keeps any other value
 * the server sends (see {@link OpenValue}).
 */
public final class ContainerFormat extends OpenValue {
    private static final Map<String, ContainerFormat> KNOWN = new LinkedHashMap<>();

    /** {@code ami} */
    public static final ContainerFormat AMI = known("ami");
    /** {@code ari} */
    public static final ContainerFormat ARI = known("ari");
    /** {@code aki} */
    public static final ContainerFormat AKI = known("aki");
    /** {@code bare} */
    public static final ContainerFormat BARE = known("bare");
    /** {@code ovf} */
    public static final ContainerFormat OVF = known("ovf");
    /** {@code ova} */
    public static final ContainerFormat OVA = known("ova");
    /** {@code docker} */
    public static final ContainerFormat DOCKER = known("docker");
    /** {@code compressed} */
    public static final ContainerFormat COMPRESSED = known("compressed");

    private ContainerFormat(String value, boolean known) {
        super(value, known);
    }

    private static ContainerFormat known(String value) {
        ContainerFormat v = new ContainerFormat(value, true);
        KNOWN.put(value, v);
        return v;
    }

    /**
     * {@return the constant for {@code value}, or an unknown value that keeps it verbatim}
     *
     * @param value the value as Glance spells it on the wire; not null
     * @throws NullPointerException if {@code value} is null
     */
    public static ContainerFormat of(String value) {
        ContainerFormat k = KNOWN.get(value.toLowerCase(java.util.Locale.ROOT));
        return k != null ? k : new ContainerFormat(value, false);
    }

    /** {@return the constants this SDK version knows, in declaration order} */
    public static Collection<ContainerFormat> knownValues() {
        return java.util.Collections.unmodifiableCollection(KNOWN.values());
    }
}
