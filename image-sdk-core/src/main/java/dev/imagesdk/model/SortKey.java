package dev.imagesdk.model;

/** The attributes Glance (v1 and v2) can sort image lists by. Others are refused by the service with 400. */
public enum SortKey {
    /** {@code name}. */
    NAME("name"),
    /** {@code status}. */
    STATUS("status"),
    /** {@code container_format}. */
    CONTAINER_FORMAT("container_format"),
    /** {@code disk_format}. */
    DISK_FORMAT("disk_format"),
    /** {@code size}. */
    SIZE("size"),
    /** {@code id}. */
    ID("id"),
    /** {@code created_at}. */
    CREATED_AT("created_at"),
    /** {@code updated_at}. */
    UPDATED_AT("updated_at");

    private final String wireName;

    SortKey(String wireName) {
        this.wireName = wireName;
    }

    /** {@return the name the API uses} */
    public String wireName() {
        return wireName;
    }
}
