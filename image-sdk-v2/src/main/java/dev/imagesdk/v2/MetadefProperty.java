package dev.imagesdk.v2;

import java.util.Objects;

/**
 * A metadata definition property (a JSON-schema fragment) as the service returned it; constraints
 * ({@code enum}, {@code minimum}, {@code items}, ...) and unknown fields are in {@link #json()}.
 *
 * @param name the property name
 * @param title the title, or null
 * @param type the JSON-schema type ({@code string}, {@code integer}, {@code array}, ...), or null
 * @param description the description, or null
 * @param json the whole property document as JSON text (including {@code name})
 */
public record MetadefProperty(String name, String title, String type, String description, String json) {
    /**
     * Checks the required parts.
     *
     * @param name the property name
     * @param title the title, or null
     * @param type the JSON-schema type ({@code string}, {@code integer}, {@code array}, ...), or null
     * @param description the description, or null
     * @param json the whole property document as JSON text (including {@code name})
     * @throws NullPointerException if name or json is null
     */
    public MetadefProperty {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(json, "json");
    }
}
