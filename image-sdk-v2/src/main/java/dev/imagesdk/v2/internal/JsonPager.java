package dev.imagesdk.v2.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagesdk.Page;
import dev.imagesdk.PagedIterable;
import dev.imagesdk.exception.ImageSdkClientException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Pages of a Glance v2 collection other than images (tasks, metadef namespaces): the array under
 * {@code key}, then the {@code next} link exactly as sent (checked to be a path on the image endpoint, as
 * {@link ImagePager} does for images). Used through {@link #listing}: with no page size the listing is
 * {@link PagedIterable#growing growing}, each request's {@code limit} set as {@link ImagePager#withLimit} does.
 */
final class JsonPager<T> implements PagedIterable.PageFetcher<T>, PagedIterable.SizedPageFetcher<T> {

    private final String firstPage;
    private final String key;
    private final Function<String, JsonNode> get;
    private final Function<JsonNode, T> item;

    JsonPager(String firstPage, String key, Function<String, JsonNode> get, Function<JsonNode, T> item) {
        this.firstPage = Objects.requireNonNull(firstPage, "firstPage");
        this.key = Objects.requireNonNull(key, "key");
        this.get = Objects.requireNonNull(get, "get");
        this.item = Objects.requireNonNull(item, "item");
    }

    /**
     * A lazy listing: pages of {@code pageSize} as the first page's own {@code limit} says, or growing ones
     * when {@code pageSize} is 0 (the first page then carries no {@code limit} of its own).
     */
    PagedIterable<T> listing(int pageSize) {
        return pageSize > 0 ? PagedIterable.of(this, -1) : PagedIterable.growing(this, -1);
    }

    @Override
    public Page<T> fetch(String next) {
        return fetchFrom(next == null ? firstPage : next);
    }

    @Override
    public Page<T> fetch(String next, int pageSize) {
        return fetchFrom(ImagePager.withLimit(next == null ? firstPage : next, pageSize));
    }

    private Page<T> fetchFrom(String target) {
        JsonNode body = get.apply(target);
        JsonNode array = body == null ? null : body.get(key);
        if (array == null || !array.isArray()) {
            throw new ImageSdkClientException("Malformed list from the service: no \"" + key + "\" array (GET "
                    + target + ")");
        }
        List<T> items = new ArrayList<>(array.size());
        array.forEach(n -> items.add(item.apply(n)));
        String link = ImageJson.text(body, "next");
        return new Page<>(items, link == null || link.isEmpty() ? null : ImagePager.checkLink(link));
    }
}
