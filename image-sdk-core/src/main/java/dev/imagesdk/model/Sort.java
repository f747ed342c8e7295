package dev.imagesdk.model;

import java.util.Objects;

/**
 * One sort criterion of a list.
 *
 * @param key the attribute
 * @param direction ascending or descending
 */
public record Sort(SortKey key, SortDirection direction) {
    /**
     * Checks both parts.
     *
     * @param key the attribute
     * @param direction ascending or descending
     * @throws NullPointerException if key or direction is null
     */
    public Sort {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(direction, "direction");
    }
}
