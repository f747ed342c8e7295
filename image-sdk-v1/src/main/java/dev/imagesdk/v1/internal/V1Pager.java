package dev.imagesdk.v1.internal;

import dev.imagesdk.Page;
import dev.imagesdk.PagedIterable;
import dev.imagesdk.model.Image;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Marker paging for v1 lists. v1 returns no "next" link: the next page starts after the last id of this
 * one. A short page does not prove the end, because Glance caps {@code limit} at {@code api_limit_max}
 * (1000 by default) without saying so; stopping at the first page shorter than the requested size (as
 * openstack4j does) would silently lose images. So the pager stops only on an empty page, or on a page
 * shorter than the largest page already seen (the service had fewer left than it was willing to send).
 *
 * <p>The cursor handed to {@link PagedIterable} carries that largest size with the marker, so the fetcher
 * keeps no state and every iteration starts afresh.
 *
 * <p>Without a page size in the query the listing is {@link PagedIterable#growing growing} (25, 200, then
 * 1000 per request): the rule above still holds, since a growing page that comes back shorter than asked but
 * not shorter than an earlier one may be capped; it costs at most one more (empty) request at the end.
 */
final class V1Pager {

    private V1Pager() {
    }

    /**
     * @param fetch fetches the page after a marker (null for the query's own start)
     * @param limit the most images in all, negative for no limit
     */
    static PagedIterable<Image> paged(Function<String, List<Image>> fetch, long limit) {
        return PagedIterable.of(cursor -> page(cursor, fetch), limit);
    }

    /**
     * A growing listing.
     *
     * @param fetch fetches {@code size} images after a marker (null for the query's own start)
     * @param limit the most images in all, negative for no limit
     */
    static PagedIterable<Image> growing(BiFunction<String, Integer, List<Image>> fetch, long limit) {
        return PagedIterable.growing((cursor, size) -> page(cursor, marker -> fetch.apply(marker, size)), limit);
    }

    private static Page<Image> page(String cursor, Function<String, List<Image>> fetch) {
        Cursor c = Cursor.parse(cursor);
        List<Image> items = fetch.apply(c.marker);
        return new Page<>(items, nextCursor(c.largest, items));
    }

    /** The cursor for the page after {@code items}, or null if it was the last page. */
    static String nextCursor(int largestBefore, List<Image> items) {
        if (items.isEmpty() || items.size() < largestBefore) {
            return null;
        }
        return items.size() + ":" + items.get(items.size() - 1).id();
    }

    private record Cursor(int largest, String marker) {
        static Cursor parse(String s) {
            if (s == null) {
                return new Cursor(0, null);
            }
            int colon = s.indexOf(':');
            return new Cursor(Integer.parseInt(s.substring(0, colon)), s.substring(colon + 1));
        }
    }
}
