package dev.imagesdk.model;

/** Sort direction of a list. */
public enum SortDirection {
    /** Ascending. */
    ASC,
    /** Descending. */
    DESC;

    /** {@return {@code asc} or {@code desc}, as the API spells it} */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
