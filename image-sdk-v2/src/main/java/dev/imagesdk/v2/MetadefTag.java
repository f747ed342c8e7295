package dev.imagesdk.v2;

import java.time.Instant;
import java.util.Objects;

/**
 * A metadata definition tag.
 *
 * @param name the tag
 * @param createdAt when created, or null
 * @param updatedAt when last changed, or null
 * @param json the whole tag document as JSON text
 */
public record MetadefTag(String name, Instant createdAt, Instant updatedAt, String json) {
    /**
     * Checks the required parts.
     *
     * @param name the tag
     * @param createdAt when created, or null
     * @param updatedAt when last changed, or null
     * @param json the whole tag document as JSON text
     * @throws NullPointerException if name or json is null
     */
    public MetadefTag {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(json, "json");
    }
}
