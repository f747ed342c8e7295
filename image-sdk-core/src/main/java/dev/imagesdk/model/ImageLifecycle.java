package dev.imagesdk.model;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HP Cloud management console's {@code com.hp__1__image_lifecycle} property: {@code active} images are offered, {@code deprecated} ones hidden from the console.
 *
 * <p>An open value: {@link #of(String)} returns the constant for a known value and keeps any other value
 * the server sends (see {@link OpenValue}).
 */
public final class ImageLifecycle extends OpenValue {
    private static final Map<String, ImageLifecycle> KNOWN = new LinkedHashMap<>();

    /** {@code active} */
    public static final ImageLifecycle ACTIVE = known("active");
    /** {@code deprecated} */
    public static final ImageLifecycle DEPRECATED = known("deprecated");

    private ImageLifecycle(String value, boolean known) {
        super(value, known);
    }

    private static ImageLifecycle known(String value) {
        ImageLifecycle v = new ImageLifecycle(value, true);
        KNOWN.put(value, v);
        return v;
    }

    /**
     * {@return the constant for {@code value}, or an unknown value that keeps it verbatim}
     *
     * @param value the value as Glance spells it on the wire; not null
     * @throws NullPointerException if {@code value} is null
     */
    public static ImageLifecycle of(String value) {
        ImageLifecycle k = KNOWN.get(value);
        return k != null ? k : new ImageLifecycle(value, false);
    }

    /** {@return the constants this SDK version knows, in declaration order} */
    public static Collection<ImageLifecycle> knownValues() {
        return java.util.Collections.unmodifiableCollection(KNOWN.values());
    }
}
