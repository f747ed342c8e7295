package dev.imagesdk.model;

import java.util.Objects;

/**
 * Base of the model's "open enums": a set of named constants that also accepts any other value a server
 * sends, keeping its raw string instead of failing. {@link #isKnown()} tells the two apart; equality is by
 * type and raw value, so {@code ImageStatus.of("active") == ImageStatus.ACTIVE} holds for known values and
 * {@code equals} holds for all.
 */
public abstract class OpenValue {
    private final String value;
    private final boolean known;

    /**
     * For the subclasses' constants and {@code of(...)} factories.
     *
     * @param value the value as the API spells it
     * @param known whether it is one of the subclass's constants
     * @throws NullPointerException if {@code value} is null
     */
    protected OpenValue(String value, boolean known) {
        this.value = Objects.requireNonNull(value, "value");
        this.known = known;
    }

    /** {@return the value exactly as Glance spells it on the wire} */
    public final String value() {
        return value;
    }

    /** {@return {@code true} if this is one of the constants this SDK version knows} */
    public final boolean isKnown() {
        return known;
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((OpenValue) o).value.equals(value);
    }

    @Override
    public final int hashCode() {
        return getClass().hashCode() * 31 + value.hashCode();
    }

    /** The wire value. */
    @Override
    public final String toString() {
        return value;
    }
}
