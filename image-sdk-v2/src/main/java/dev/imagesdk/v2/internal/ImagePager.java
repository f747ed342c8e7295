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
 */
public final class ImagePager implements PagedIterable.PageFetcher<Image> {

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
        return PagedIterable.of(new ImagePager(first, pages, true), limit);
    }

    @Override
    public Page<Image> fetch(String next) {
        String target = next == null ? firstPage : next;
        ImageJson.ImagePage page = get.apply(target);
        List<Image> images = page.imagesOrNull();
        if (images == null) {
            throw new ImageSdkClientException("Malformed image list from the service: no \"images\" array (GET "
                    + target + ")");
        }
        String link = page.nextOrNull();
        return new Page<>(images, link == null || link.isEmpty() ? null : checkLink(link));
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
