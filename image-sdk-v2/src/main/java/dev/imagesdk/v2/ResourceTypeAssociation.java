package dev.imagesdk.v2;

import java.time.Instant;
import java.util.Objects;

/**
 * A resource type (e.g. {@code OS::Glance::Image}), either as listed by {@code GET /v2/metadefs/resource_types}
 * (prefix and target null) or as associated with a namespace.
 *
 * @param name the resource type name
 * @param prefix the property-name prefix for this resource type (e.g. {@code hw_}), or null
 * @param propertiesTarget where the properties apply (e.g. {@code image} for Cinder volumes), or null
 * @param createdAt when created, or null
 * @param updatedAt when last changed, or null
 * @param json the whole document as JSON text
 */
public record ResourceTypeAssociation(String name, String prefix, String propertiesTarget, Instant createdAt,
                                      Instant updatedAt, String json) {
    /**
     * Checks the required parts.
     *
     * @param name the resource type name
     * @param prefix the property-name prefix for this resource type (e.g. {@code hw_}), or null
     * @param propertiesTarget where the properties apply (e.g. {@code image} for Cinder volumes), or null
     * @param createdAt when created, or null
     * @param updatedAt when last changed, or null
     * @param json the whole document as JSON text
     * @throws NullPointerException if name or json is null
     */
    public ResourceTypeAssociation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(json, "json");
    }
}
