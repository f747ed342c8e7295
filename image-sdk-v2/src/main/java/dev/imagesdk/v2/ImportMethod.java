package dev.imagesdk.v2;

import dev.imagesdk.model.OpenValue;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An interoperable image import method (Glance API v2.6+), as {@code GET /v2/info/import} and the
 * {@code OpenStack-image-import-methods} header name it.
 *
 * <p>An open value: {@link #of(String)} returns the constant for a known method and keeps any other name the
 * service reports.
 */
public final class ImportMethod extends OpenValue {
    private static final Map<String, ImportMethod> KNOWN = new LinkedHashMap<>();

    /** {@code glance-direct}: data staged with {@code PUT /stage}, then imported. */
    public static final ImportMethod GLANCE_DIRECT = known("glance-direct");
    /** {@code web-download}: the service fetches the data from a URI. */
    public static final ImportMethod WEB_DOWNLOAD = known("web-download");
    /** {@code copy-image}: copies an active image's data to more stores (admin by default policy). */
    public static final ImportMethod COPY_IMAGE = known("copy-image");
    /** {@code glance-download}: fetches the image from another region's Glance. */
    public static final ImportMethod GLANCE_DOWNLOAD = known("glance-download");

    private ImportMethod(String value, boolean known) {
        super(value, known);
    }

    private static ImportMethod known(String value) {
        ImportMethod m = new ImportMethod(value, true);
        KNOWN.put(value, m);
        return m;
    }

    /**
     * {@return the constant for {@code value}, or an unknown method that keeps it verbatim}
     *
     * @param value the method as Glance spells it, e.g. {@code glance-direct}; not null
     * @throws NullPointerException if {@code value} is null
     */
    public static ImportMethod of(String value) {
        ImportMethod k = KNOWN.get(value.toLowerCase(Locale.ROOT));
        return k != null ? k : new ImportMethod(value, false);
    }

    /** {@return the methods this SDK version knows} */
    public static Collection<ImportMethod> knownValues() {
        return Collections.unmodifiableCollection(KNOWN.values());
    }
}
