package dev.imagesdk.v2;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A metadata definition object (a named group of properties) as the service returned it; its
 * {@code properties} map and any unknown fields are in {@link #json()}.
 *
 * @param name the object name
 * @param description the description, or null
 * @param required the names of required properties (empty if none)
 * @param createdAt when created, or null
 * @param updatedAt when last changed, or null
 * @param json the whole object document as JSON text
 */
public record MetadefObject(String name, String description, List<String> required, Instant createdAt,
                            Instant updatedAt, String json) {
    /**
     * Checks the required parts and copies {@code required}.
     *
     * @param name the object name
     * @param description the description, or null
     * @param required the names of required properties (empty if none)
     * @param createdAt when created, or null
     * @param updatedAt when last changed, or null
     * @param json the whole object document as JSON text
     * @throws NullPointerException if name, required or json is null
     */
    public MetadefObject {
        Objects.requireNonNull(name, "name");
        required = List.copyOf(required);
        Objects.requireNonNull(json, "json");
    }
}
