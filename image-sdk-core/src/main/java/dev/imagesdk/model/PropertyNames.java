package dev.imagesdk.model;

import dev.imagesdk.exception.InvalidInputException;

import java.util.Set;

/** Rules every custom property name and value must meet, shared by the builders. */
final class PropertyNames {
    /** Glance's limit on a property name (and the column size of its value in practice). */
    static final int MAX_NAME = 255;
    /** Glance stores property values in a TEXT column; its API refuses values above 65535 characters. */
    static final int MAX_VALUE = 65535;

    /** Image attributes: never custom properties (Glance answers 403 or 400 for them). */
    static final Set<String> ATTRIBUTES = Set.of(
            "id", "name", "status", "visibility", "protected", "os_hidden", "checksum", "os_hash_algo",
            "os_hash_value", "owner", "size", "virtual_size", "container_format", "disk_format", "created_at",
            "updated_at", "tags", "direct_url", "min_ram", "min_disk", "self", "file", "stores", "schema",
            "locations", "deleted", "deleted_at", "is_public", "location", "members");

    private PropertyNames() {
    }

    static void check(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("property name", name, "must not be empty");
        }
        if (name.length() > MAX_NAME) {
            throw new InvalidInputException("property name", name, "must be at most " + MAX_NAME + " characters");
        }
        if (ATTRIBUTES.contains(name)) {
            throw new InvalidInputException("property name", name,
                    "is an image attribute, not a custom property; use the builder's own setter for it");
        }
        if (name.startsWith("os_glance")) {
            throw new InvalidInputException("property name", name,
                    "the os_glance prefix is reserved for Glance itself");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || c == '/') {
                throw new InvalidInputException("property name", name,
                        "must not contain control characters or '/' (position " + i + ")");
            }
        }
    }

    static void checkValue(String name, String value) {
        if (value == null) {
            throw new InvalidInputException(name, null, "a property value must not be null (remove it instead)");
        }
        if (value.length() > MAX_VALUE) {
            throw new InvalidInputException(name, value, "must be at most " + MAX_VALUE + " characters");
        }
    }
}
