package dev.imagesdk.model;

import dev.imagesdk.exception.InvalidInputException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An image as the service reports it: every field Glance API v2 returns, the fields API v1 adds
 * ({@code is_public}, {@code deleted}, {@code deleted_at}), and the custom properties.
 *
 * <p>Immutable. Fields the service did not send are {@code null} (never a made-up default); lists and
 * maps are empty, never null. Unknown statuses, formats and visibilities are kept verbatim
 * (see {@link OpenValue}). Built by the SDK from responses; {@link #builder()} exists for tests and fakes,
 * and requires only {@link #id()}.
 *
 * <p>One file over 400 lines because it is one concept: one accessor per field Glance reports, and the
 * builder that mirrors them.
 */
public final class Image {

    private final String id;
    private final String name;
    private final ImageStatus status;
    private final Visibility visibility;
    private final Boolean isProtected;
    private final Boolean osHidden;
    private final String checksum;
    private final String osHashAlgo;
    private final String osHashValue;
    private final Long size;
    private final Long virtualSize;
    private final Integer minDisk;
    private final Integer minRam;
    private final DiskFormat diskFormat;
    private final ContainerFormat containerFormat;
    private final String owner;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final String directUrl;
    private final String self;
    private final String file;
    private final String schema;
    private final Boolean isPublic;
    private final Boolean deleted;
    private final Instant deletedAt;
    private final List<String> tags;
    private final List<String> stores;
    private final List<ImageLocation> locations;
    private final Map<String, String> properties;

    private Image(Builder b) {
        this.id = b.id;
        this.name = b.name;
        this.status = b.status;
        this.visibility = b.visibility;
        this.isProtected = b.isProtected;
        this.osHidden = b.osHidden;
        this.checksum = b.checksum;
        this.osHashAlgo = b.osHashAlgo;
        this.osHashValue = b.osHashValue;
        this.size = b.size;
        this.virtualSize = b.virtualSize;
        this.minDisk = b.minDisk;
        this.minRam = b.minRam;
        this.diskFormat = b.diskFormat;
        this.containerFormat = b.containerFormat;
        this.owner = b.owner;
        this.createdAt = b.createdAt;
        this.updatedAt = b.updatedAt;
        this.directUrl = b.directUrl;
        this.self = b.self;
        this.file = b.file;
        this.schema = b.schema;
        this.isPublic = b.isPublic;
        this.deleted = b.deleted;
        this.deletedAt = b.deletedAt;
        this.tags = List.copyOf(b.tags);
        this.stores = List.copyOf(b.stores);
        this.locations = List.copyOf(b.locations);
        this.properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.properties));
    }

    /** {@return a builder for an image (tests, fakes, parsers)} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder initialised with this image's fields} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.name = name;
        b.status = status;
        b.visibility = visibility;
        b.isProtected = isProtected;
        b.osHidden = osHidden;
        b.checksum = checksum;
        b.osHashAlgo = osHashAlgo;
        b.osHashValue = osHashValue;
        b.size = size;
        b.virtualSize = virtualSize;
        b.minDisk = minDisk;
        b.minRam = minRam;
        b.diskFormat = diskFormat;
        b.containerFormat = containerFormat;
        b.owner = owner;
        b.createdAt = createdAt;
        b.updatedAt = updatedAt;
        b.directUrl = directUrl;
        b.self = self;
        b.file = file;
        b.schema = schema;
        b.isPublic = isPublic;
        b.deleted = deleted;
        b.deletedAt = deletedAt;
        b.tags.addAll(tags);
        b.stores.addAll(stores);
        b.locations.addAll(locations);
        b.properties.putAll(properties);
        return b;
    }

    /** {@return the image id (a UUID)} Wire name {@code id}. */
    public String id() {
        return id;
    }

    /** {@return the name, or null if none was set} Wire name {@code name}. */
    public String name() {
        return name;
    }

    /** {@return the status} Wire name {@code status}. */
    public ImageStatus status() {
        return status;
    }

    /** {@return who can see the image (API v2; derived from {@code is_public} for v1)} Wire name {@code visibility}. */
    public Visibility visibility() {
        return visibility;
    }

    /**
     * Whether the image is protected from deletion. Wire name {@code protected}. Glance reports it on every image
     * (v2 {@code protected}, v1 {@code x-image-meta-protected}); where it did not (the v1 summary listing), this
     * is {@code false}: use {@link #protectedIfReported()} to tell "not protected" from "not reported".
     *
     * <p>Changed: this returned a nullable {@code Boolean} before; code that compared it with {@code null} should
     * use {@link #protectedIfReported()}.
     *
     * @return {@code true} only if the service reported the image as protected
     */
    public boolean isProtected() {
        return Boolean.TRUE.equals(isProtected);
    }

    /**
     * Whether the image is protected from deletion, as the service reported it.
     *
     * @return the reported value, or empty when the response did not carry it (the v1 summary listing)
     */
    public Optional<Boolean> protectedIfReported() {
        return Optional.ofNullable(isProtected);
    }

    /** {@return whether the image is hidden from default lists (API v2)} Wire name {@code os_hidden}. */
    public Boolean osHidden() {
        return osHidden;
    }

    /** {@return the MD5 of the data as hex, or null before data is uploaded} Wire name {@code checksum}. */
    public String checksum() {
        return checksum;
    }

    /** {@return the multihash algorithm ({@code sha512} by default), or null} Wire name {@code os_hash_algo}. */
    public String osHashAlgo() {
        return osHashAlgo;
    }

    /** {@return the multihash of the data as hex, or null} Wire name {@code os_hash_value}. */
    public String osHashValue() {
        return osHashValue;
    }

    /** {@return the size of the data in bytes, or null before upload} Wire name {@code size}. */
    public Long size() {
        return size;
    }

    /** {@return the virtual disk size in bytes, or null if unknown} Wire name {@code virtual_size}. */
    public Long virtualSize() {
        return virtualSize;
    }

    /** {@return the minimum disk size in GB needed to boot, or null} Wire name {@code min_disk}. */
    public Integer minDisk() {
        return minDisk;
    }

    /** {@return the minimum RAM in MB needed to boot, or null} Wire name {@code min_ram}. */
    public Integer minRam() {
        return minRam;
    }

    /** {@return the disk format, or null if not set yet} Wire name {@code disk_format}. */
    public DiskFormat diskFormat() {
        return diskFormat;
    }

    /** {@return the container format, or null if not set yet} Wire name {@code container_format}. */
    public ContainerFormat containerFormat() {
        return containerFormat;
    }

    /** {@return the owning project id, or null} Wire name {@code owner}. */
    public String owner() {
        return owner;
    }

    /** {@return when the image was created} Wire name {@code created_at}. */
    public Instant createdAt() {
        return createdAt;
    }

    /** {@return when the image was last updated} Wire name {@code updated_at}. */
    public Instant updatedAt() {
        return updatedAt;
    }

    /** {@return the direct URL of the data, when the deployment shows it} Wire name {@code direct_url}. */
    public String directUrl() {
        return directUrl;
    }

    /** {@return the image's own path ({@code /v2/images/<id>})} Wire name {@code self}. */
    public String self() {
        return self;
    }

    /** {@return the path of the image's data ({@code /v2/images/<id>/file})} Wire name {@code file}. */
    public String file() {
        return file;
    }

    /** {@return the schema path ({@code /v2/schemas/image})} Wire name {@code schema}. */
    public String schema() {
        return schema;
    }

    /**
     * API v1: whether the image is public (null from API v2). Wire name {@code is_public}.
     *
     * @return whether the image is public, or null from API v2
     */
    public Boolean isPublic() {
        return isPublic;
    }

    /**
     * API v1: whether the image is deleted (null from API v2). Wire name {@code deleted}.
     *
     * @return whether the image is deleted, or null from API v2
     */
    public Boolean deleted() {
        return deleted;
    }

    /**
     * API v1: when the image was deleted, or null. Wire name {@code deleted_at}.
     *
     * @return when the image was deleted, or null
     */
    public Instant deletedAt() {
        return deletedAt;
    }

    /** {@return the tags (API v2), in the order the service listed them} */
    public List<String> tags() {
        return tags;
    }

    /** {@return the stores holding the data (API v2 multi-store; from the comma-separated {@code stores})} */
    public List<String> stores() {
        return stores;
    }

    /** {@return the locations of the data, when the deployment shows them} */
    public List<ImageLocation> locations() {
        return locations;
    }

    /** {@return the custom properties, in the order received} Values are strings, as Glance stores them. */
    public Map<String, String> properties() {
        return properties;
    }

    /**
     * {@return a custom property's raw value}
     *
     * @param name the custom property name
     */
    public Optional<String> property(String name) {
        return Optional.ofNullable(properties.get(name));
    }

    /**
     * {@return a typed custom property}
     *
     * @param <T> the property's value type
     * @param property the typed property to read; not null
     * @throws InvalidInputException if the stored value is malformed for the property's type
     */
    public <T> Optional<T> property(ImageProperty<T> property) {
        String raw = properties.get(property.name());
        return raw == null ? Optional.empty() : Optional.of(property.parse(raw));
    }

    /** {@return {@code true} if the status is {@code active}} */
    public boolean isActive() {
        return ImageStatus.ACTIVE.equals(status);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Image)) {
            return false;
        }
        Image x = (Image) o;
        return Objects.equals(id, x.id) && Objects.equals(name, x.name) && Objects.equals(status, x.status) && Objects.equals(visibility, x.visibility) && Objects.equals(isProtected, x.isProtected) && Objects.equals(osHidden, x.osHidden) && Objects.equals(checksum, x.checksum) && Objects.equals(osHashAlgo, x.osHashAlgo) && Objects.equals(osHashValue, x.osHashValue) && Objects.equals(size, x.size) && Objects.equals(virtualSize, x.virtualSize) && Objects.equals(minDisk, x.minDisk) && Objects.equals(minRam, x.minRam) && Objects.equals(diskFormat, x.diskFormat) && Objects.equals(containerFormat, x.containerFormat) && Objects.equals(owner, x.owner) && Objects.equals(createdAt, x.createdAt) && Objects.equals(updatedAt, x.updatedAt) && Objects.equals(directUrl, x.directUrl) && Objects.equals(self, x.self) && Objects.equals(file, x.file) && Objects.equals(schema, x.schema) && Objects.equals(isPublic, x.isPublic) && Objects.equals(deleted, x.deleted) && Objects.equals(deletedAt, x.deletedAt)
                && tags.equals(x.tags) && stores.equals(x.stores) && locations.equals(x.locations)
                && properties.equals(x.properties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, status, checksum, osHashValue, size, updatedAt, properties, tags);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Image{id=").append(id);
        if (name != null) {
            sb.append(", name='").append(name).append('\'');
        }
        sb.append(", status=").append(status);
        if (visibility != null) {
            sb.append(", visibility=").append(visibility);
        }
        if (size != null) {
            sb.append(", size=").append(size);
        }
        if (diskFormat != null) {
            sb.append(", disk_format=").append(diskFormat);
        }
        if (containerFormat != null) {
            sb.append(", container_format=").append(containerFormat);
        }
        if (checksum != null) {
            sb.append(", checksum=").append(checksum);
        }
        if (!tags.isEmpty()) {
            sb.append(", tags=").append(tags);
        }
        if (!properties.isEmpty()) {
            sb.append(", properties=").append(properties);
        }
        return sb.append('}').toString();
    }

    /** Builds an {@link Image}. Not thread-safe. */
    public static final class Builder {

        private String id;
        private String name;
        private ImageStatus status;
        private Visibility visibility;
        private Boolean isProtected;
        private Boolean osHidden;
        private String checksum;
        private String osHashAlgo;
        private String osHashValue;
        private Long size;
        private Long virtualSize;
        private Integer minDisk;
        private Integer minRam;
        private DiskFormat diskFormat;
        private ContainerFormat containerFormat;
        private String owner;
        private Instant createdAt;
        private Instant updatedAt;
        private String directUrl;
        private String self;
        private String file;
        private String schema;
        private Boolean isPublic;
        private Boolean deleted;
        private Instant deletedAt;
        private final List<String> tags = new ArrayList<>();
        private final List<String> stores = new ArrayList<>();
        private final List<ImageLocation> locations = new ArrayList<>();
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Sets {@code id}.
         *
         * @param id the image id
         * @return this builder
         */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * Sets {@code name}.
         *
         * @param name the name, or null
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Sets {@code status}.
         *
         * @param status the status
         * @return this builder
         */
        public Builder status(ImageStatus status) {
            this.status = status;
            return this;
        }

        /**
         * Sets {@code visibility}.
         *
         * @param visibility the visibility
         * @return this builder
         */
        public Builder visibility(Visibility visibility) {
            this.visibility = visibility;
            return this;
        }

        /**
         * Sets {@code protected}.
         *
         * @param isProtected whether the image is protected from deletion
         * @return this builder
         */
        public Builder isProtected(Boolean isProtected) {
            this.isProtected = isProtected;
            return this;
        }

        /**
         * Sets {@code os_hidden}.
         *
         * @param osHidden whether the image is hidden from default lists
         * @return this builder
         */
        public Builder osHidden(Boolean osHidden) {
            this.osHidden = osHidden;
            return this;
        }

        /**
         * Sets {@code checksum}.
         *
         * @param checksum the MD5 of the data as hex, or null
         * @return this builder
         */
        public Builder checksum(String checksum) {
            this.checksum = checksum;
            return this;
        }

        /**
         * Sets {@code os_hash_algo}.
         *
         * @param osHashAlgo the multihash algorithm, e.g. {@code sha512}, or null
         * @return this builder
         */
        public Builder osHashAlgo(String osHashAlgo) {
            this.osHashAlgo = osHashAlgo;
            return this;
        }

        /**
         * Sets {@code os_hash_value}.
         *
         * @param osHashValue the multihash of the data as hex, or null
         * @return this builder
         */
        public Builder osHashValue(String osHashValue) {
            this.osHashValue = osHashValue;
            return this;
        }

        /**
         * Sets {@code size}.
         *
         * @param size the size of the data in bytes, or null
         * @return this builder
         */
        public Builder size(Long size) {
            this.size = size;
            return this;
        }

        /**
         * Sets {@code virtual_size}.
         *
         * @param virtualSize the virtual disk size in bytes, or null
         * @return this builder
         */
        public Builder virtualSize(Long virtualSize) {
            this.virtualSize = virtualSize;
            return this;
        }

        /**
         * Sets {@code min_disk}.
         *
         * @param minDisk the minimum disk in GB
         * @return this builder
         */
        public Builder minDisk(Integer minDisk) {
            this.minDisk = minDisk;
            return this;
        }

        /**
         * Sets {@code min_ram}.
         *
         * @param minRam the minimum RAM in MB
         * @return this builder
         */
        public Builder minRam(Integer minRam) {
            this.minRam = minRam;
            return this;
        }

        /**
         * Sets {@code disk_format}.
         *
         * @param diskFormat the disk format, or null
         * @return this builder
         */
        public Builder diskFormat(DiskFormat diskFormat) {
            this.diskFormat = diskFormat;
            return this;
        }

        /**
         * Sets {@code container_format}.
         *
         * @param containerFormat the container format, or null
         * @return this builder
         */
        public Builder containerFormat(ContainerFormat containerFormat) {
            this.containerFormat = containerFormat;
            return this;
        }

        /**
         * Sets {@code owner}.
         *
         * @param owner the owning project id, or null
         * @return this builder
         */
        public Builder owner(String owner) {
            this.owner = owner;
            return this;
        }

        /**
         * Sets {@code created_at}.
         *
         * @param createdAt when it was created, or null
         * @return this builder
         */
        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        /**
         * Sets {@code updated_at}.
         *
         * @param updatedAt when it was last updated, or null
         * @return this builder
         */
        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        /**
         * Sets {@code direct_url}.
         *
         * @param directUrl the direct URL of the data, or null
         * @return this builder
         */
        public Builder directUrl(String directUrl) {
            this.directUrl = directUrl;
            return this;
        }

        /**
         * Sets {@code self}.
         *
         * @param self the image's own path, or null
         * @return this builder
         */
        public Builder self(String self) {
            this.self = self;
            return this;
        }

        /**
         * Sets {@code file}.
         *
         * @param file the path of the image's data, or null
         * @return this builder
         */
        public Builder file(String file) {
            this.file = file;
            return this;
        }

        /**
         * Sets {@code schema}.
         *
         * @param schema the schema path, or null
         * @return this builder
         */
        public Builder schema(String schema) {
            this.schema = schema;
            return this;
        }

        /**
         * Sets {@code is_public}.
         *
         * @param isPublic whether the image is public
         * @return this builder
         */
        public Builder isPublic(Boolean isPublic) {
            this.isPublic = isPublic;
            return this;
        }

        /**
         * Sets {@code deleted}.
         *
         * @param deleted whether the image is deleted (API v1), or null
         * @return this builder
         */
        public Builder deleted(Boolean deleted) {
            this.deleted = deleted;
            return this;
        }

        /**
         * Sets {@code deleted_at}.
         *
         * @param deletedAt when the image was deleted (API v1), or null
         * @return this builder
         */
        public Builder deletedAt(Instant deletedAt) {
            this.deletedAt = deletedAt;
            return this;
        }

        /**
         * Replaces the tags.
         *
         * @param tags the tags; replace any set before
         * @return this builder
         */
        public Builder tags(Collection<String> tags) {
            this.tags.clear();
            this.tags.addAll(tags);
            return this;
        }

        /**
         * Replaces the stores.
         *
         * @param stores the store ids
         * @return this builder
         */
        public Builder stores(Collection<String> stores) {
            this.stores.clear();
            this.stores.addAll(stores);
            return this;
        }

        /**
         * Replaces the locations.
         *
         * @param locations the locations of the data; replaces any set before
         * @return this builder
         */
        public Builder locations(Collection<ImageLocation> locations) {
            this.locations.clear();
            this.locations.addAll(locations);
            return this;
        }

        /**
         * Sets one custom property (no name validation: this is what the service reported).
         *
         * @param name the name; not null
         * @param value the value; not null
         * @return this builder
         */
        public Builder property(String name, String value) {
            properties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Replaces the custom properties.
         *
         * @param properties the custom properties; replace any set before
         * @return this builder
         */
        public Builder properties(Map<String, String> properties) {
            this.properties.clear();
            this.properties.putAll(properties);
            return this;
        }

        /**
         * Builds the image.
         *
         * @return the image
         * @throws InvalidInputException if {@code id} is missing or blank
         */
        public Image build() {
            if (id == null || id.isBlank()) {
                throw new InvalidInputException("id", id, "an image needs an id");
            }
            return new Image(this);
        }
    }
}
