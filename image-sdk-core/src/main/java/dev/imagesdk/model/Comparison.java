package dev.imagesdk.model;

/** The comparison operators Glance API v2 accepts on time filters ({@code created_at=gte:2024-01-01T00:00:00Z}). */
public enum Comparison {
    GT, GTE, EQ, NEQ, LT, LTE;

    /** The operator as the API spells it ({@code gt}, {@code gte}, ...). */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
