package dev.imagesdk.model;

/** The comparison operators Glance API v2 accepts on time filters ({@code created_at=gte:2024-01-01T00:00:00Z}). */
public enum Comparison {
    /** Strictly after. */
    GT,
    /** At or after. */
    GTE,
    /** Exactly at. */
    EQ,
    /** Not at. */
    NEQ,
    /** Strictly before. */
    LT,
    /** At or before. */
    LTE;

    /** {@return the operator as the API spells it ({@code gt}, {@code gte}, ...)} */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
