package dev.imagesdk.model;

/** The attributes Glance (v1 and v2) can sort image lists by. Others are refused by the service with 400. */
public enum SortKey {
    NAME("name"), STATUS("status"), CONTAINER_FORMAT("container_format"), DISK_FORMAT("disk_format"),
    SIZE("size"), ID("id"), CREATED_AT("created_at"), UPDATED_AT("updated_at");

    private final String wireName;

    SortKey(String wireName) {
        this.wireName = wireName;
    }

    /** The name the API uses. */
    public String wireName() {
        return wireName;
    }
}
