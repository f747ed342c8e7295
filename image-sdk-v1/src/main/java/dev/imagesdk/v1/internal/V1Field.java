package dev.imagesdk.v1.internal;

import java.util.Locale;
import java.util.Optional;

/**
 * The {@code x-image-meta-*} names Glance API v1 accepts: its whitelist. Any other
 * {@code x-image-meta-<name>} header is refused by the service with 400 "Bad header", so the codec can
 * only write names listed here. {@link #writable()} marks the ones a client may set; the others are
 * reported by the service and only ever read.
 */
enum V1Field {
    ID("id", true),
    NAME("name", true),
    STATUS("status", false),
    IS_PUBLIC("is_public", true),
    PROTECTED("protected", true),
    DISK_FORMAT("disk_format", true),
    CONTAINER_FORMAT("container_format", true),
    SIZE("size", true),
    VIRTUAL_SIZE("virtual_size", false),
    CHECKSUM("checksum", true),
    MIN_RAM("min_ram", true),
    MIN_DISK("min_disk", true),
    OWNER("owner", true),
    LOCATION("location", true),
    STORE("store", true),
    COPY_FROM("copy_from", false),
    URI("uri", false),
    CREATED_AT("created_at", false),
    UPDATED_AT("updated_at", false),
    DELETED_AT("deleted_at", false),
    DELETED("deleted", false);

    /** Prefix of every image attribute header. */
    static final String PREFIX = "x-image-meta-";

    private final String wireName;
    private final boolean writable;

    V1Field(String wireName, boolean writable) {
        this.wireName = wireName;
        this.writable = writable;
    }

    /** The attribute name as v1 spells it ({@code disk_format}). */
    String wireName() {
        return wireName;
    }

    /** The header name, lower case as Glance writes it ({@code x-image-meta-disk_format}). */
    String header() {
        return PREFIX + wireName;
    }

    /** {@code true} if a client may send it. */
    boolean writable() {
        return writable;
    }

    /** The field for a header name (any case), if it is one of the whitelisted attribute headers. */
    static Optional<V1Field> fromHeader(String headerName) {
        String lower = headerName.toLowerCase(Locale.ROOT);
        if (!lower.startsWith(PREFIX)) {
            return Optional.empty();
        }
        // The service may spell the separator either way (WSGI maps both '-' and '_' to '_').
        String name = lower.substring(PREFIX.length()).replace('-', '_');
        for (V1Field f : values()) {
            if (f.wireName.equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
