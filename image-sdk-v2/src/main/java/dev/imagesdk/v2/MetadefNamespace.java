package dev.imagesdk.v2;

import java.time.Instant;
import java.util.Objects;

/**
 * A metadata definition namespace as the service returned it. The common fields are typed; everything else the
 * service sent (embedded {@code properties}, {@code objects}, {@code tags}, {@code resource_type_associations},
 * fields of newer releases) is kept verbatim in {@link #json()}.
 *
 * @param namespace the namespace name (its id in URLs)
 * @param displayName the display name, or null
 * @param description the description, or null
 * @param visibility {@code public} or {@code private} (kept verbatim), or null
 * @param isProtected whether deletion is refused
 * @param owner the owning project, or null
 * @param createdAt when created, or null
 * @param updatedAt when last changed, or null
 * @param json the whole namespace document as JSON text
 */
public record MetadefNamespace(String namespace, String displayName, String description, String visibility,
                               boolean isProtected, String owner, Instant createdAt, Instant updatedAt,
                               String json) {
    /**
     * Checks the required parts.
     *
     * @param namespace the namespace name (its id in URLs)
     * @param displayName the display name, or null
     * @param description the description, or null
     * @param visibility {@code public} or {@code private} (kept verbatim), or null
     * @param isProtected whether deletion is refused
     * @param owner the owning project, or null
     * @param createdAt when created, or null
     * @param updatedAt when last changed, or null
     * @param json the whole namespace document as JSON text
     * @throws NullPointerException if namespace or json is null
     */
    public MetadefNamespace {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(json, "json");
    }
}
