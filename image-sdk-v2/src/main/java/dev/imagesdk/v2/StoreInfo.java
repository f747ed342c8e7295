package dev.imagesdk.v2;

import java.util.Map;
import java.util.Objects;

/**
 * One backend store, as {@code GET /v2/info/stores} (or {@code /detail}, admin only) reports it.
 *
 * @param id the store id (e.g. {@code file1})
 * @param description the operator's description, or null
 * @param isDefault whether it is the default store
 * @param readOnly whether it is read-only (e.g. an http store)
 * @param type the driver type ({@code file}, {@code rbd}...), only from the detail call, else null
 * @param properties driver properties as JSON text values (only from the detail call; may contain paths)
 */
public record StoreInfo(String id, String description, boolean isDefault, boolean readOnly, String type,
                        Map<String, String> properties) {
    /**
     * Checks the id and copies the properties (null becomes empty).
     *
     * @param id the store id (e.g. {@code file1})
     * @param description the operator's description, or null
     * @param isDefault whether it is the default store
     * @param readOnly whether it is read-only (e.g. an http store)
     * @param type the driver type ({@code file}, {@code rbd}...), only from the detail call, else null
     * @param properties driver properties as JSON text values (only from the detail call; may contain paths)
     * @throws NullPointerException if id is null
     */
    public StoreInfo {
        Objects.requireNonNull(id, "id");
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }
}
