package dev.imagesdk.model;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who can see an image: {@code public} (everyone), {@code private} (the owner's project), {@code shared} (the owner and the projects it is shared with as members), {@code community} (everyone, but not in default lists). {@link #ALL} exists only as a list filter.
 *
 * <p>An open value: {@link #of(String)} returns the constant for a known value and keeps any other value
 * the server sends (see {@link OpenValue}).
 */
public final class Visibility extends OpenValue {
    private static final Map<String, Visibility> KNOWN = new LinkedHashMap<>();

    /** {@code public} */
    public static final Visibility PUBLIC = known("public");
    /** {@code private} */
    public static final Visibility PRIVATE = known("private");
    /** {@code shared} */
    public static final Visibility SHARED = known("shared");
    /** {@code community} */
    public static final Visibility COMMUNITY = known("community");
    /** {@code all} */
    public static final Visibility ALL = known("all");

    private Visibility(String value, boolean known) {
        super(value, known);
    }

    private static Visibility known(String value) {
        Visibility v = new Visibility(value, true);
        KNOWN.put(value, v);
        return v;
    }

    /**
     * {@return the constant for {@code value}, or an unknown value that keeps it verbatim}
     *
     * @param value the value as Glance spells it on the wire; not null
     * @throws NullPointerException if {@code value} is null
     */
    public static Visibility of(String value) {
        Visibility k = KNOWN.get(value.toLowerCase(java.util.Locale.ROOT));
        return k != null ? k : new Visibility(value, false);
    }

    /** {@return the constants this SDK version knows, in declaration order} */
    public static Collection<Visibility> knownValues() {
        return java.util.Collections.unmodifiableCollection(KNOWN.values());
    }
}
