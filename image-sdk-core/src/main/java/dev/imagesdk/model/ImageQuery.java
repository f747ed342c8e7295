package dev.imagesdk.model;

import dev.imagesdk.exception.InvalidInputException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What to list: filters, sort order, page size and an overall limit. An empty query
 * ({@link #all()}) lists what the service lists by default (for API v2: not community, not hidden, shared
 * images only once accepted).
 *
 * <p>Which filters an API version supports: v2 takes every filter except {@link Builder#minRam},
 * {@link Builder#minDisk}, {@link Builder#isPublic} and {@link Builder#changesSince} (v1 only); v1 takes
 * name, status, formats, sizes, {@code min_ram}, {@code min_disk}, {@code is_public}, {@code protected},
 * {@code changes-since} and properties, and refuses the rest. An implementation refuses a filter it cannot
 * send with an {@link InvalidInputException} rather than silently ignoring it.
 *
 * <p>Validated by {@link Builder#build()}: page size &gt; 0, limit &gt;= 0, {@code size_min <= size_max},
 * {@code in:} lists non-empty, exact value and {@code in:} list of the same field not both set, valid tags.
 *
 * <p>One file over 400 lines because it is one concept: every list filter Glance has, its builder and the
 * validation that ties filters together.
 */
public final class ImageQuery {
    private final List<String> names;
    private final List<String> ids;
    private final List<ImageStatus> statuses;
    private final Visibility visibility;
    private final String owner;
    private final MemberStatus memberStatus;
    private final Set<String> tags;
    private final Long sizeMin;
    private final Long sizeMax;
    private final Boolean osHidden;
    private final Boolean isProtected;
    private final List<DiskFormat> diskFormats;
    private final List<ContainerFormat> containerFormats;
    private final TimeFilter createdAt;
    private final TimeFilter updatedAt;
    private final Map<String, String> properties;
    private final Integer minRam;
    private final Integer minDisk;
    private final Boolean isPublic;
    private final Instant changesSince;
    private final List<Sort> sort;
    private final Integer pageSize;
    private final Long limit;
    private final String marker;

    private ImageQuery(Builder b) {
        names = List.copyOf(b.names);
        ids = List.copyOf(b.ids);
        statuses = List.copyOf(b.statuses);
        visibility = b.visibility;
        owner = b.owner;
        memberStatus = b.memberStatus;
        tags = Collections.unmodifiableSet(new LinkedHashSet<>(b.tags));
        sizeMin = b.sizeMin;
        sizeMax = b.sizeMax;
        osHidden = b.osHidden;
        isProtected = b.isProtected;
        diskFormats = List.copyOf(b.diskFormats);
        containerFormats = List.copyOf(b.containerFormats);
        createdAt = b.createdAt;
        updatedAt = b.updatedAt;
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(b.properties));
        minRam = b.minRam;
        minDisk = b.minDisk;
        isPublic = b.isPublic;
        changesSince = b.changesSince;
        sort = List.copyOf(b.sort);
        pageSize = b.pageSize;
        limit = b.limit;
        marker = b.marker;
    }

    /** {@return a query with no filters} */
    public static ImageQuery all() {
        return builder().build();
    }

    /**
     * A builder of a query with no filters yet; {@code build()} validates.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this query's filters, to derive a changed query.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.names.addAll(names);
        b.nameIsList = names.size() > 1;
        b.ids.addAll(ids);
        b.statuses.addAll(statuses);
        b.statusIsList = statuses.size() > 1;
        b.visibility = visibility;
        b.owner = owner;
        b.memberStatus = memberStatus;
        b.tags.addAll(tags);
        b.sizeMin = sizeMin;
        b.sizeMax = sizeMax;
        b.osHidden = osHidden;
        b.isProtected = isProtected;
        b.diskFormats.addAll(diskFormats);
        b.containerFormats.addAll(containerFormats);
        b.createdAt = createdAt;
        b.updatedAt = updatedAt;
        b.properties.putAll(properties);
        b.minRam = minRam;
        b.minDisk = minDisk;
        b.isPublic = isPublic;
        b.changesSince = changesSince;
        b.sort.addAll(sort);
        b.pageSize = pageSize;
        b.limit = limit;
        b.marker = marker;
        return b;
    }

    /** {@return the name filter: one name (exact match) or several ({@code in:} list)} Empty if not filtered. */
    public List<String> names() {
        return names;
    }

    /** {@return the id filter ({@code in:} list)} */
    public List<String> ids() {
        return ids;
    }

    /** {@return the status filter: one status or several ({@code in:} list)} */
    public List<ImageStatus> statuses() {
        return statuses;
    }

    /**
     * The visibility filter.
     *
     * @return the filter, or empty for the service's default listing
     */
    public Optional<Visibility> visibility() {
        return Optional.ofNullable(visibility);
    }

    /**
     * The owner (project id) filter.
     *
     * @return the project id, or empty
     */
    public Optional<String> owner() {
        return Optional.ofNullable(owner);
    }

    /**
     * The member-status filter for shared images.
     *
     * @return the status, or empty
     */
    public Optional<MemberStatus> memberStatus() {
        return Optional.ofNullable(memberStatus);
    }

    /** {@return tags that every listed image must have} */
    public Set<String> tags() {
        return tags;
    }

    /**
     * The smallest size listed, in bytes.
     *
     * @return the bound, or empty
     */
    public OptionalLong sizeMin() {
        return sizeMin == null ? OptionalLong.empty() : OptionalLong.of(sizeMin);
    }

    /**
     * The largest size listed, in bytes.
     *
     * @return the bound, or empty
     */
    public OptionalLong sizeMax() {
        return sizeMax == null ? OptionalLong.empty() : OptionalLong.of(sizeMax);
    }

    /**
     * The {@code os_hidden} filter.
     *
     * @return the flag, or empty for the default listing (visible images only)
     */
    public Optional<Boolean> osHidden() {
        return Optional.ofNullable(osHidden);
    }

    /**
     * The {@code protected} filter.
     *
     * @return the flag, or empty
     */
    public Optional<Boolean> isProtected() {
        return Optional.ofNullable(isProtected);
    }

    /**
     * The disk formats listed (any of them).
     *
     * @return the formats; empty for no filter
     */
    public List<DiskFormat> diskFormats() {
        return diskFormats;
    }

    /**
     * The container formats listed (any of them).
     *
     * @return the formats; empty for no filter
     */
    public List<ContainerFormat> containerFormats() {
        return containerFormats;
    }

    /**
     * The {@code created_at} filter.
     *
     * @return the filter, or empty
     */
    public Optional<TimeFilter> createdAt() {
        return Optional.ofNullable(createdAt);
    }

    /**
     * The {@code updated_at} filter.
     *
     * @return the filter, or empty
     */
    public Optional<TimeFilter> updatedAt() {
        return Optional.ofNullable(updatedAt);
    }

    /** {@return the custom property filters (exact match)} */
    public Map<String, String> properties() {
        return properties;
    }

    /**
     * API v1 only.
     *
     * @return the {@code min_ram} filter in MB (API v1 only), or empty
     */
    public OptionalInt minRam() {
        return minRam == null ? OptionalInt.empty() : OptionalInt.of(minRam);
    }

    /**
     * API v1 only.
     *
     * @return the {@code min_disk} filter in GB (API v1 only), or empty
     */
    public OptionalInt minDisk() {
        return minDisk == null ? OptionalInt.empty() : OptionalInt.of(minDisk);
    }

    /**
     * API v1 only.
     *
     * @return the {@code is_public} filter (API v1 only), or empty
     */
    public Optional<Boolean> isPublic() {
        return Optional.ofNullable(isPublic);
    }

    /**
     * API v1 only.
     *
     * @return the {@code changes-since} filter (API v1 only), or empty
     */
    public Optional<Instant> changesSince() {
        return Optional.ofNullable(changesSince);
    }

    /**
     * {@return the sort criteria, most significant first; empty for the service's default ({@code created_at desc})}
     */
    public List<Sort> sort() {
        return sort;
    }

    /** {@return the images per request ({@code limit} on the wire); empty for growing pages (see {@link dev.imagesdk.PagedIterable#growing})} */
    public OptionalInt pageSize() {
        return pageSize == null ? OptionalInt.empty() : OptionalInt.of(pageSize);
    }

    /** {@return the most images the whole listing returns, across pages} */
    public OptionalLong limit() {
        return limit == null ? OptionalLong.empty() : OptionalLong.of(limit);
    }

    /** {@return the marker: list images after this id (exclusive)} */
    public Optional<String> marker() {
        return Optional.ofNullable(marker);
    }

    @Override
    public String toString() {
        return "ImageQuery{names=" + names + ", ids=" + ids + ", statuses=" + statuses + ", visibility="
                + visibility + ", owner=" + owner + ", memberStatus=" + memberStatus + ", tags=" + tags
                + ", sizeMin=" + sizeMin + ", sizeMax=" + sizeMax + ", osHidden=" + osHidden + ", protected="
                + isProtected + ", diskFormats=" + diskFormats + ", containerFormats=" + containerFormats
                + ", createdAt=" + createdAt + ", updatedAt=" + updatedAt + ", properties=" + properties
                + ", minRam=" + minRam + ", minDisk=" + minDisk + ", isPublic=" + isPublic + ", changesSince="
                + changesSince + ", sort=" + sort + ", pageSize=" + pageSize + ", limit=" + limit + ", marker="
                + marker + '}';
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageQuery && toString().equals(o.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** Builds an {@link ImageQuery}. Not thread-safe. */
    public static final class Builder {
        private final List<String> names = new ArrayList<>();
        private boolean nameIsList;
        private boolean nameIsExact;
        private final List<String> ids = new ArrayList<>();
        private final List<ImageStatus> statuses = new ArrayList<>();
        private boolean statusIsList;
        private boolean statusIsExact;
        private Visibility visibility;
        private String owner;
        private MemberStatus memberStatus;
        private final Set<String> tags = new LinkedHashSet<>();
        private Long sizeMin;
        private Long sizeMax;
        private Boolean osHidden;
        private Boolean isProtected;
        private final List<DiskFormat> diskFormats = new ArrayList<>();
        private final List<ContainerFormat> containerFormats = new ArrayList<>();
        private TimeFilter createdAt;
        private TimeFilter updatedAt;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private Integer minRam;
        private Integer minDisk;
        private Boolean isPublic;
        private Instant changesSince;
        private final List<Sort> sort = new ArrayList<>();
        private Integer pageSize;
        private Long limit;
        private String marker;
        private InvalidInputException deferred;

        private Builder() {
        }

        /**
         * Images with exactly this name.
         *
         * @param name the exact image name
         * @return this builder
         */
        public Builder name(String name) {
            nameIsExact = true;
            names.clear();
            names.add(name);
            return this;
        }

        /**
         * Images whose name is any of these ({@code in:} operator).
         *
         * @param names the names, any of which matches
         * @return this builder
         */
        public Builder nameIn(String... names) {
            nameIsList = true;
            this.names.clear();
            this.names.addAll(Arrays.asList(names));
            return this;
        }

        /**
         * Images whose id is any of these ({@code in:} operator, API v2).
         *
         * @param ids the image ids, any of which matches; at least one, else {@link #build()} throws
         * @return this builder
         */
        public Builder idIn(String... ids) {
            this.ids.clear();
            this.ids.addAll(Arrays.asList(ids));
            if (ids.length == 0) {
                deferred = new InvalidInputException("id", "[]", "an in: list needs at least one value");
            }
            return this;
        }

        /**
         * Images in this status.
         *
         * @param status the status
         * @return this builder
         */
        public Builder status(ImageStatus status) {
            statusIsExact = true;
            statuses.clear();
            statuses.add(status);
            return this;
        }

        /**
         * Images in any of these statuses ({@code in:} operator, API v2).
         *
         * @param statuses the statuses, any of which matches
         * @return this builder
         */
        public Builder statusIn(ImageStatus... statuses) {
            statusIsList = true;
            this.statuses.clear();
            this.statuses.addAll(Arrays.asList(statuses));
            return this;
        }

        /**
         * Visibility filter; {@link Visibility#ALL} lists every image the caller may see (API v2).
         *
         * @param visibility the visibility to list
         * @return this builder
         */
        public Builder visibility(Visibility visibility) {
            this.visibility = visibility;
            return this;
        }

        /**
         * Images owned by this project id.
         *
         * @param owner the owning project id, or null
         * @return this builder
         */
        public Builder owner(String owner) {
            this.owner = owner;
            return this;
        }

        /**
         * Shared images whose membership for the caller's project has this status (API v2).
         *
         * @param memberStatus the caller's membership status to match
         * @return this builder
         */
        public Builder memberStatus(MemberStatus memberStatus) {
            this.memberStatus = memberStatus;
            return this;
        }

        /**
         * Images that have this tag; repeat for images having all of several tags (API v2).
         *
         * @param tag a tag every listed image must have
         * @return this builder
         */
        public Builder tag(String tag) {
            tags.add(tag);
            return this;
        }

        /**
         * Images of at least this many bytes.
         *
         * @param bytes the size in bytes
         * @return this builder
         */
        public Builder sizeMin(long bytes) {
            this.sizeMin = bytes;
            return this;
        }

        /**
         * Images of at most this many bytes.
         *
         * @param bytes the size in bytes
         * @return this builder
         */
        public Builder sizeMax(long bytes) {
            this.sizeMax = bytes;
            return this;
        }

        /**
         * {@code true} lists only hidden images; {@code false} (the default listing) only visible ones.
         *
         * @param osHidden whether the image is hidden from default lists
         * @return this builder
         */
        public Builder osHidden(boolean osHidden) {
            this.osHidden = osHidden;
            return this;
        }

        /**
         * Only protected ({@code true}) or only unprotected ({@code false}) images.
         *
         * @param isProtected the flag
         * @return this builder
         */
        public Builder isProtected(boolean isProtected) {
            this.isProtected = isProtected;
            return this;
        }

        /**
         * Images with any of these disk formats (one value: exact, several: {@code in:}).
         *
         * @param formats the disk formats, any of which matches
         * @return this builder
         */
        public Builder diskFormat(DiskFormat... formats) {
            diskFormats.clear();
            diskFormats.addAll(Arrays.asList(formats));
            return this;
        }

        /**
         * Images with any of these container formats (one value: exact, several: {@code in:}).
         *
         * @param formats the container formats, any of which matches
         * @return this builder
         */
        public Builder containerFormat(ContainerFormat... formats) {
            containerFormats.clear();
            containerFormats.addAll(Arrays.asList(formats));
            return this;
        }

        /**
         * {@code created_at} compared with an instant (API v2).
         *
         * @param comparison how the instant is compared
         * @param instant the instant compared with
         * @return this builder
         */
        public Builder createdAt(Comparison comparison, Instant instant) {
            this.createdAt = new TimeFilter(comparison, instant);
            return this;
        }

        /**
         * {@code updated_at} compared with an instant (API v2).
         *
         * @param comparison how the instant is compared
         * @param instant the instant compared with
         * @return this builder
         */
        public Builder updatedAt(Comparison comparison, Instant instant) {
            this.updatedAt = new TimeFilter(comparison, instant);
            return this;
        }

        /**
         * Images whose custom property {@code name} equals {@code value}.
         *
         * @param name the custom property name
         * @param value the exact value to match
         * @return this builder
         */
        public Builder property(String name, String value) {
            PropertyNames.check(name);
            PropertyNames.checkValue(name, value);
            properties.put(name, value);
            return this;
        }

        /**
         * Images whose typed property equals {@code value}.
         *
         * @param <T> the property's value type
         * @param property the typed property
         * @param value the value to match, written as the property writes it
         * @return this builder
         */
        public <T> Builder property(ImageProperty<T> property, T value) {
            PropertyValue v = property.value(value);
            properties.put(v.name(), v.value());
            return this;
        }

        /**
         * API v1 only: images needing at least this much RAM (MB).
         *
         * @param minRam the minimum RAM in MB
         * @return this builder
         */
        public Builder minRam(int minRam) {
            this.minRam = minRam;
            return this;
        }

        /**
         * API v1 only: images needing at least this much disk (GB).
         *
         * @param minDisk the minimum disk in GB
         * @return this builder
         */
        public Builder minDisk(int minDisk) {
            this.minDisk = minDisk;
            return this;
        }

        /**
         * API v1 only: public ({@code true}) or non-public ({@code false}) images.
         *
         * @param isPublic whether the image is public
         * @return this builder
         */
        public Builder isPublic(boolean isPublic) {
            this.isPublic = isPublic;
            return this;
        }

        /**
         * API v1 only: images changed (including deleted) since this instant.
         *
         * @param since list images changed after this instant (API v1 only)
         * @return this builder
         */
        public Builder changesSince(Instant since) {
            this.changesSince = since;
            return this;
        }

        /**
         * Adds a sort criterion (after any added before).
         *
         * @param key the key
         * @param direction ascending or descending
         * @return this builder
         */
        public Builder sort(SortKey key, SortDirection direction) {
            sort.add(new Sort(key, direction));
            return this;
        }

        /**
         * Images per request, the same for every request. Without it a listing asks for 25 images first, then
         * 200, then 1000 per request ({@link dev.imagesdk.PagedIterable#growing}).
         *
         * @param pageSize images per request; {@link #build()} refuses a value below 1
         * @return this builder
         */
        public Builder pageSize(int pageSize) {
            this.pageSize = pageSize;
            return this;
        }

        /**
         * The most images the whole listing returns.
         *
         * @param limit the most images returned across pages; {@link #build()} refuses a negative value
         * @return this builder
         */
        public Builder limit(long limit) {
            this.limit = limit;
            return this;
        }

        /**
         * Start after this image id.
         *
         * @param marker the id of the image after which the listing starts
         * @return this builder
         */
        public Builder marker(String marker) {
            this.marker = marker;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the query
         * @throws InvalidInputException naming the first refused field and value
         */
        public ImageQuery build() {
            if (deferred != null) {
                throw deferred;
            }
            if (nameIsExact && nameIsList) {
                throw new InvalidInputException("name", names, "set either an exact name or an in: list, not both");
            }
            if (statusIsExact && statusIsList) {
                throw new InvalidInputException("status", statuses, "set either one status or an in: list, not both");
            }
            if (nameIsList && names.isEmpty()) {
                throw new InvalidInputException("name", "[]", "an in: list needs at least one value");
            }
            if (statusIsList && statuses.isEmpty()) {
                throw new InvalidInputException("status", "[]", "an in: list needs at least one value");
            }
            for (String n : names) {
                if (n == null) {
                    throw new InvalidInputException("name", null, "a name filter value must not be null");
                }
            }
            for (String id : ids) {
                Validation.imageId("id", id);
            }
            if (statuses.contains(null)) {
                throw new InvalidInputException("status", null, "a status filter value must not be null");
            }
            if (diskFormats.contains(null)) {
                throw new InvalidInputException("disk_format", null, "a filter value must not be null");
            }
            if (containerFormats.contains(null)) {
                throw new InvalidInputException("container_format", null, "a filter value must not be null");
            }
            tags.forEach(Validation::tag);
            if (sizeMin != null && sizeMin < 0) {
                throw new InvalidInputException("size_min", sizeMin, "must be >= 0");
            }
            if (sizeMax != null && sizeMax < 0) {
                throw new InvalidInputException("size_max", sizeMax, "must be >= 0");
            }
            if (sizeMin != null && sizeMax != null && sizeMin > sizeMax) {
                throw new InvalidInputException("size_min", sizeMin, "must not exceed size_max " + sizeMax);
            }
            Validation.nonNegative("min_ram", minRam);
            Validation.nonNegative("min_disk", minDisk);
            if (pageSize != null && pageSize <= 0) {
                throw new InvalidInputException("page size", pageSize, "must be > 0");
            }
            if (limit != null && limit < 0) {
                throw new InvalidInputException("limit", limit, "must be >= 0");
            }
            if (marker != null) {
                Validation.imageId("marker", marker);
            }
            for (int i = 0; i < sort.size(); i++) {
                for (int j = i + 1; j < sort.size(); j++) {
                    if (sort.get(i).key() == sort.get(j).key()) {
                        throw new InvalidInputException("sort key", sort.get(j).key().wireName(), "is given twice");
                    }
                }
            }
            return new ImageQuery(this);
        }
    }
}
