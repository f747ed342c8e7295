package dev.imagesdk.model;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The status of an image, as Glance reports it. The life cycle: {@code queued} (no data yet), {@code saving} (v1/v2 upload in progress), {@code uploading} (staged for import), {@code importing}, {@code active}; {@code deactivated} (data not downloadable), {@code killed} (an upload or import failed), {@code deleted}, {@code pending_delete} (delayed delete).
 *
 * <p>An open value: {@link #of(String)} returns the constant for a known value and keeps any other value
 * the server sends (see {@link OpenValue}).
 */
public final class ImageStatus extends OpenValue {
    private static final Map<String, ImageStatus> KNOWN = new LinkedHashMap<>();

    /** {@code queued} */
    public static final ImageStatus QUEUED = known("queued");
    /** {@code saving} */
    public static final ImageStatus SAVING = known("saving");
    /** {@code uploading} */
    public static final ImageStatus UPLOADING = known("uploading");
    /** {@code importing} */
    public static final ImageStatus IMPORTING = known("importing");
    /** {@code active} */
    public static final ImageStatus ACTIVE = known("active");
    /** {@code deactivated} */
    public static final ImageStatus DEACTIVATED = known("deactivated");
    /** {@code killed} */
    public static final ImageStatus KILLED = known("killed");
    /** {@code deleted} */
    public static final ImageStatus DELETED = known("deleted");
    /** {@code pending_delete} */
    public static final ImageStatus PENDING_DELETE = known("pending_delete");

    private ImageStatus(String value, boolean known) {
        super(value, known);
    }

    private static ImageStatus known(String value) {
        ImageStatus v = new ImageStatus(value, true);
        KNOWN.put(value, v);
        return v;
    }

    /**
     * {@return the constant for {@code value}, or an unknown value that keeps it verbatim}
     *
     * @param value the value as Glance spells it on the wire; not null
     * @throws NullPointerException if {@code value} is null
     */
    public static ImageStatus of(String value) {
        ImageStatus k = KNOWN.get(value.toLowerCase(java.util.Locale.ROOT));
        return k != null ? k : new ImageStatus(value, false);
    }

    /** {@return the constants this SDK version knows, in declaration order} */
    public static Collection<ImageStatus> knownValues() {
        return java.util.Collections.unmodifiableCollection(KNOWN.values());
    }
}
