package dev.imagesdk.model;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The status of a project's membership of a shared image (API v2): {@code pending} until the member project accepts or rejects it. {@link #ALL} exists only as a list filter.
 *
 * <p>An open value: {@link #of(String)} returns the constant for a known value and keeps any other value
 * the server sends (see {@link OpenValue}).
 */
public final class MemberStatus extends OpenValue {
    private static final Map<String, MemberStatus> KNOWN = new LinkedHashMap<>();

    /** {@code pending} */
    public static final MemberStatus PENDING = known("pending");
    /** {@code accepted} */
    public static final MemberStatus ACCEPTED = known("accepted");
    /** {@code rejected} */
    public static final MemberStatus REJECTED = known("rejected");
    /** {@code all} */
    public static final MemberStatus ALL = known("all");

    private MemberStatus(String value, boolean known) {
        super(value, known);
    }

    private static MemberStatus known(String value) {
        MemberStatus v = new MemberStatus(value, true);
        KNOWN.put(value, v);
        return v;
    }

    /**
     * {@return the constant for {@code value}, or an unknown value that keeps it verbatim}
     *
     * @param value the value as Glance spells it on the wire; not null
     * @throws NullPointerException if {@code value} is null
     */
    public static MemberStatus of(String value) {
        MemberStatus k = KNOWN.get(value.toLowerCase(java.util.Locale.ROOT));
        return k != null ? k : new MemberStatus(value, false);
    }

    /** {@return the constants this SDK version knows, in declaration order} */
    public static Collection<MemberStatus> knownValues() {
        return java.util.Collections.unmodifiableCollection(KNOWN.values());
    }
}
