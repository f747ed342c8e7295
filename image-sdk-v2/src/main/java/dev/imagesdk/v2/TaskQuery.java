package dev.imagesdk.v2;

import dev.imagesdk.exception.InvalidInputException;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Filters and order of a task listing ({@code GET /v2/tasks}). Immutable; build with {@link #builder()}.
 * An empty query lists every task the caller may see, newest first (Glance's default order).
 */
public final class TaskQuery {

    private static final Set<String> SORT_KEYS = Set.of(
            "id", "type", "status", "created_at", "updated_at", "expires_at");

    private final String type;
    private final String status;
    private final String sortKey;
    private final String sortDir;
    private final Integer pageSize;

    private TaskQuery(Builder b) {
        this.type = b.type;
        this.status = b.status;
        this.sortKey = b.sortKey;
        this.sortDir = b.sortDir;
        this.pageSize = b.pageSize;
    }

    /** {@return a query without filters} */
    public static TaskQuery all() {
        return builder().build();
    }

    /**
     * A builder of a query without filters yet.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the {@code type} filter, e.g. {@code import} or {@code api_image_import}} */
    public Optional<String> type() {
        return Optional.ofNullable(type);
    }

    /** {@return the {@code status} filter: {@code pending}, {@code processing}, {@code success}, {@code failure}} */
    public Optional<String> status() {
        return Optional.ofNullable(status);
    }

    /**
     * The attribute to sort by.
     *
     * @return the key, or empty for the service's default ({@code created_at})
     */
    public Optional<String> sortKey() {
        return Optional.ofNullable(sortKey);
    }

    /**
     * The sort direction.
     *
     * @return {@code asc} or {@code desc}, or empty for the service's default ({@code desc})
     */
    public Optional<String> sortDir() {
        return Optional.ofNullable(sortDir);
    }

    /** {@return items per page ({@code limit}); absent = growing pages ({@link dev.imagesdk.PagedIterable#growing})} */
    public OptionalInt pageSize() {
        return pageSize == null ? OptionalInt.empty() : OptionalInt.of(pageSize);
    }

    /** Builds a {@link TaskQuery}; setters validate at once with {@link InvalidInputException}. */
    public static final class Builder {
        private String type;
        private String status;
        private String sortKey;
        private String sortDir;
        private Integer pageSize;

        private Builder() {
        }

        /**
         * Lists only tasks of this type.
         *
         * @param type the type (e.g. {@code import}), or null for any
         * @return this builder
         * @throws InvalidInputException naming {@code type} if it is blank
         */
        public Builder type(String type) {
            this.type = nonBlank("type", type);
            return this;
        }

        /**
         * Lists only tasks in this status.
         *
         * @param status {@code pending}, {@code processing}, {@code success} or {@code failure}; null for any
         * @return this builder
         * @throws InvalidInputException naming {@code status} for any other value
         */
        public Builder status(String status) {
            if (status != null && !Set.of("pending", "processing", "success", "failure").contains(status)) {
                throw new InvalidInputException("status", status, "must be pending, processing, success or failure");
            }
            this.status = status;
            return this;
        }

        /**
         * Sorts by this attribute.
         *
         * @param key one of id, type, status, created_at, updated_at, expires_at; null for the default
         * @return this builder
         * @throws InvalidInputException naming {@code sortKey} for any other value
         */
        public Builder sortKey(String key) {
            if (key != null && !SORT_KEYS.contains(key)) {
                throw new InvalidInputException("sortKey", key, "must be one of " + new TreeSet<>(SORT_KEYS));
            }
            this.sortKey = key;
            return this;
        }

        /**
         * The sort direction.
         *
         * @param dir {@code asc} or {@code desc}; null for the default
         * @return this builder
         * @throws InvalidInputException naming {@code sortDir} for any other value
         */
        public Builder sortDir(String dir) {
            if (dir != null && !dir.equals("asc") && !dir.equals("desc")) {
                throw new InvalidInputException("sortDir", dir, "must be asc or desc");
            }
            this.sortDir = dir;
            return this;
        }

        /**
         * Items per page ({@code limit}).
         *
         * @param size 1 to 1000
         * @return this builder
         * @throws InvalidInputException naming {@code pageSize} outside 1..1000
         */
        public Builder pageSize(int size) {
            if (size < 1 || size > 1000) {
                throw new InvalidInputException("pageSize", Integer.toString(size), "must be 1..1000");
            }
            this.pageSize = size;
            return this;
        }

        /**
         * Creates the query (the setters validated already).
         *
         * @return the immutable query
         */
        public TaskQuery build() {
            return new TaskQuery(this);
        }

        private static String nonBlank(String field, String v) {
            if (v != null && v.isBlank()) {
                throw new InvalidInputException(field, v, "must not be blank");
            }
            return v;
        }
    }
}
