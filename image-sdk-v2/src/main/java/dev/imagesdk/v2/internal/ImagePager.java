package dev.imagesdk.v2.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagesdk.Page;
import dev.imagesdk.PagedIterable;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageQuery;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Fetches image list pages: the first from the encoded query, every later one from the {@code next} link
 * exactly as Glance sent it ({@code /v2/images?...&marker=<last id>}, relative to the endpoint root, already
 * encoded). Glance sends {@code next} whenever a page is full, so an exactly-full last page is followed by
 * one empty page without {@code next}; {@link PagedIterable} ends there.
 *
 * <p>Without a page size in the query the listing is {@link PagedIterable#growing growing}: each request,
 * the first and every {@code next} link, carries the {@code limit} the listing asks for at that page (Glance
 * echoes the request's own {@code limit} in {@code next}; it is replaced, or added if missing). With a page
 * size, links are followed exactly as sent.
 */
public final class ImagePager implements PagedIterable.PageFetcher<Image>, PagedIterable.SizedPageFetcher<Image> {

    private final String firstPage;
    private final Function<String, ImageJson.ImagePage> get;

    /**
     * @param firstPage the path and query of the first page (see {@link QueryEncoder#firstPage})
     * @param get performs {@code GET <endpoint root><pathAndQuery>} and returns the JSON body
     */
    public ImagePager(String firstPage, Function<String, JsonNode> get) {
        this(firstPage, Objects.requireNonNull(get, "get").andThen(ImageJson::toPage), true);
    }

    /** With pages parsed by the caller as they stream in (see {@link ImageJson#readPage}). */
    private ImagePager(String firstPage, Function<String, ImageJson.ImagePage> pages, boolean parsed) {
        this.firstPage = Objects.requireNonNull(firstPage, "firstPage");
        this.get = Objects.requireNonNull(pages, "pages");
    }

    /**
     * A lazy listing of {@code query}.
     *
     * @throws dev.imagesdk.exception.InvalidInputException at once if the query cannot be sent to API v2
     */
    public static PagedIterable<Image> list(ImageQuery query, Function<String, JsonNode> get) {
        Objects.requireNonNull(get, "get");
        return listPages(query, get.andThen(ImageJson::toPage));
    }

    /**
     * As {@link #list}, with {@code pages} performing the GET and parsing the body (as a stream) itself.
     *
     * @throws dev.imagesdk.exception.InvalidInputException at once if the query cannot be sent to API v2
     */
    public static PagedIterable<Image> listPages(ImageQuery query, Function<String, ImageJson.ImagePage> pages) {
        String first = QueryEncoder.firstPage(query);
        long limit = query.limit().isPresent() ? query.limit().getAsLong() : -1;
        ImagePager pager = new ImagePager(first, pages, true);
        return query.pageSize().isPresent() ? PagedIterable.of(pager, limit) : PagedIterable.growing(pager, limit);
    }

    @Override
    public Page<Image> fetch(String next) {
        return fetchFrom(next == null ? firstPage : next);
    }

    @Override
    public Page<Image> fetch(String next, int pageSize) {
        return fetchFrom(withLimit(next == null ? firstPage : next, pageSize));
    }

    private Page<Image> fetchFrom(String target) {
        ImageJson.ImagePage page = get.apply(target);
        List<Image> images = page.imagesOrNull();
        if (images == null) {
            throw new ImageSdkClientException("Malformed image list from the service: no \"images\" array (GET "
                    + target + ")");
        }
        String link = page.nextOrNull();
        return new Page<>(images, link == null || link.isEmpty() ? null : checkLink(link));
    }

    /**
     * {@code link} with its {@code limit} query parameter set to {@code limit}: the first {@code limit=}
     * replaced in place (any further ones dropped), else {@code limit=} appended. Every other parameter is kept
     * verbatim, encoding included.
     */
    static String withLimit(String link, int limit) {
        int q = link.indexOf('?');
        StringBuilder out = new StringBuilder(link.length() + 12).append(link, 0, q < 0 ? link.length() : q);
        char sep = '?';
        boolean set = false;
        if (q >= 0) {
            for (String param : link.substring(q + 1).split("&")) {
                if (param.isEmpty()) {
                    continue;
                }
                int eq = param.indexOf('=');
                boolean isLimit = (eq < 0 ? param : param.substring(0, eq)).equals("limit");
                if (isLimit && set) {
                    continue;
                }
                out.append(sep).append(isLimit ? "limit=" + limit : param);
                set |= isLimit;
                sep = '&';
            }
        }
        if (!set) {
            out.append(sep).append("limit=").append(limit);
        }
        return out.toString();
    }

    /** A {@code next} link must be a path on the same endpoint; anything else could leak the token elsewhere. */
    static String checkLink(String link) {
        if (!link.startsWith("/") || link.startsWith("//")) {
            throw new ImageSdkClientException("Refusing to follow a next link that is not a path on the image "
                    + "endpoint: " + link);
        }
        return link;
    }
}
