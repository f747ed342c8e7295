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
 * <p>A listing made with {@link #growing} (what the SDK's lists do when the caller gives no page size) asks
 * for pages of growing size: {@value #FIRST_PAGE_SIZE} items first (Glance's default page size, so the first
 * item arrives as soon as from a plain request), then {@value #SECOND_PAGE_SIZE}, then
 * {@value #MAX_PAGE_SIZE} (Glance's default {@code api_limit_max}) for every later page; never more than the
 * items still wanted under the overall limit. The sizes are requests: a service may send fewer (Glance caps
 * {@code limit} at its {@code api_limit_max} without saying so), and paging goes on by the service's
 * {@code next} link or marker, never by counting.
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

    /**
     * Fetches one page of a requested size: {@link #growing} listings.
     *
     * @param <T> the item type
     */
    @FunctionalInterface
    public interface SizedPageFetcher<T> {
        /**
         * Fetches one page, asking the service for {@code pageSize} items.
         *
         * @param next {@code null} for the first page, else the {@link Page#next()} of the previous page
         * @param pageSize the items to ask for (the {@code limit} on the wire), at least 1; the service may send
         *         fewer
         * @return the page; its {@code next} is null on the last page
         */
        Page<T> fetch(String next, int pageSize);
    }

    /** The page size a {@link #growing} listing asks for first: Glance's {@code limit_param_default}. */
    public static final int FIRST_PAGE_SIZE = 25;
    /** The page size a {@link #growing} listing asks for second. */
    public static final int SECOND_PAGE_SIZE = 200;
    /** The page size a {@link #growing} listing asks for from the third page on: Glance's {@code api_limit_max}. */
    public static final int MAX_PAGE_SIZE = 1000;

    private final SizedPageFetcher<T> fetcher;
    private final long limit;
    private final boolean grow;

    private PagedIterable(SizedPageFetcher<T> fetcher, long limit, boolean grow) {
        this.fetcher = fetcher;
        this.limit = limit;
        this.grow = grow;
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
        Objects.requireNonNull(fetcher, "fetcher");
        return new PagedIterable<>((next, ignoredSize) -> fetcher.fetch(next), limit, false);
    }

    /**
     * A listing that asks for pages of growing size (see the class comment), up to {@code limit} items.
     *
     * @param <T> the type of the items
     * @param fetcher fetches a page of the size it is given
     * @param limit the most items to return in all, or a negative number for no limit
     * @return a lazy listing over the pages {@code fetcher} returns
     */
    public static <T> PagedIterable<T> growing(SizedPageFetcher<T> fetcher, long limit) {
        return new PagedIterable<>(Objects.requireNonNull(fetcher, "fetcher"), limit, true);
    }

    /**
     * The page size a {@link #growing} listing asks for.
     *
     * @param pageIndex 0 for the first page
     * @param wanted the items still wanted, or a negative number for no limit
     */
    static int growingPageSize(int pageIndex, long wanted) {
        int size = pageIndex == 0 ? FIRST_PAGE_SIZE : pageIndex == 1 ? SECOND_PAGE_SIZE : MAX_PAGE_SIZE;
        return wanted >= 0 && wanted < size ? (int) Math.max(1, wanted) : size;
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
            private int pages;

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
                    int size = grow ? growingPageSize(pages, limit < 0 ? -1 : limit - returned) : 0;
                    Page<T> page = fetcher.fetch(started ? cursor : null, size);
                    pages++;
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
