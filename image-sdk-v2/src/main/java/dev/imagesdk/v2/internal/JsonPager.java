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
 * {@link ImagePager} does for images).
 */
final class JsonPager<T> implements PagedIterable.PageFetcher<T> {

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

    @Override
    public Page<T> fetch(String next) {
        String target = next == null ? firstPage : next;
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
