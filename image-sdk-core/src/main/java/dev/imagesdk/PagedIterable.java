package dev.imagesdk;

import dev.imagesdk.exception.ImageSdkClientException;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A lazily paged list: iterating fetches one page at a time, only when the previous one is used up, so a
 * listing of any length runs in the memory of one page. Each call to {@link #iterator()} (or
 * {@link #stream()}) starts a fresh listing from the first page.
 *
 * <p>An empty page that still has a {@code next} link is followed (Glance answers an exactly-full last
 * page with a link to an empty page). A service that sends the same {@code next} twice in a row is
 * reported as an {@link ImageSdkClientException} instead of looping. Failures fetching a page surface
 * from {@code hasNext()}/{@code next()} as the SDK's typed exceptions.
 *
 * @param <T> the item type
 */
public final class PagedIterable<T> implements Iterable<T> {

    /** Fetches one page. */
    @FunctionalInterface
    public interface PageFetcher<T> {
        /**
         * Fetches one page.
         *
         * @param next {@code null} for the first page, else the {@link Page#next()} of the previous page
         * @return the page; its {@code next} is null on the last page
         */
        Page<T> fetch(String next);
    }

    private final PageFetcher<T> fetcher;
    private final long limit;

    private PagedIterable(PageFetcher<T> fetcher, long limit) {
        this.fetcher = fetcher;
        this.limit = limit;
    }

    /**
     * A listing that fetches pages with {@code fetcher} as the caller iterates, up to {@code limit} items.
     *
     * @param <T> the type of the items
     * @param fetcher fetches pages
     * @param limit the most items to return in all, or a negative number for no limit
     * @return a lazy listing over the pages {@code fetcher} returns
     */
    public static <T> PagedIterable<T> of(PageFetcher<T> fetcher, long limit) {
        return new PagedIterable<>(Objects.requireNonNull(fetcher, "fetcher"), limit);
    }

    /** A fresh, lazy iterator over every item (up to the limit). */
    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            private Iterator<T> current;
            private String next;
            private boolean started;
            private boolean exhausted;
            private long returned;

            @Override
            public boolean hasNext() {
                if (limit >= 0 && returned >= limit) {
                    return false;
                }
                while (current == null || !current.hasNext()) {
                    if (exhausted) {
                        return false;
                    }
                    if (started && next == null) {
                        exhausted = true;
                        return false;
                    }
                    String cursor = next;
                    Page<T> page = fetcher.fetch(started ? cursor : null);
                    started = true;
                    if (page.next() != null && page.next().equals(cursor)) {
                        throw new ImageSdkClientException("The service returned the same next page link twice ("
                                + cursor + "); stopping instead of looping");
                    }
                    next = page.next();
                    current = page.items().iterator();
                    if (next == null && !current.hasNext()) {
                        exhausted = true;
                        return false;
                    }
                }
                return true;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                returned++;
                return current.next();
            }
        };
    }

    /** {@return a sequential, lazy stream over the items; each call starts a fresh listing} */
    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }
}
