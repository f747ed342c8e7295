package dev.imagesdk.model;

import java.util.Map;
import java.util.Objects;

/**
 * One location of an image's data as Glance reports it (API v2 {@code locations}, visible only when the
 * deployment shows them).
 *
 * @param url where the data is stored (e.g. {@code file:///var/lib/glance/images/<id>})
 * @param metadata store metadata, e.g. {@code {"store": "file1"}}
 */
public record ImageLocation(String url, Map<String, String> metadata) {
    /**
     * Checks the URL and copies the metadata (null becomes empty).
     *
     * @param url where the data is stored (e.g. {@code file:///var/lib/glance/images/<id>})
     * @param metadata store metadata, e.g. {@code {"store": "file1"}}
     * @throws NullPointerException if url is null
     */
    public ImageLocation {
        Objects.requireNonNull(url, "url");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
