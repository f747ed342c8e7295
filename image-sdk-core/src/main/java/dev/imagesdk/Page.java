package dev.imagesdk;

import java.util.List;
import java.util.Objects;

/**
 * One page of a list as the service returned it.
 *
 * @param items the items on this page, possibly empty
 * @param next where the next page starts (a link, or a marker, whatever the fetcher understands), or
 *             {@code null} when this is the last page
 * @param <T> the item type
 */
public record Page<T>(List<T> items, String next) {
    /**
     * Copies the items.
     *
     * @param items the items on this page, possibly empty
     * @param next where the next page starts (a link, or a marker, whatever the fetcher understands), or {@code null}
     *         when this is the last page
     * @throws NullPointerException if items (or one of them) is null
     */
    public Page {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
    }
}
