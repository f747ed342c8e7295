package dev.imagesdk.model;

import dev.imagesdk.exception.InvalidInputException;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What to create: the attributes and custom properties of a new image (no data; upload it afterwards or
 * use {@code createAndUpload}).
 *
 * <p>Validated by {@link Builder#build()}: {@code id}, if given, must be a UUID (the SDK generates one
 * otherwise, so a retried create is safe); {@code name} at most 255 characters without control characters;
 * {@code min_disk} and {@code min_ram} &gt;= 0; {@code visibility} not {@code all}; tags non-empty, at most
 * 255 characters, without {@code /}; property names neither image attributes nor {@code os_glance*}
 * (see {@link PropertyValue}). Every failure is an {@link InvalidInputException} naming the field and value.
 */
public final class ImageSpec {
    private final String id;
    private final String name;
    private final DiskFormat diskFormat;
    private final ContainerFormat containerFormat;
    private final Visibility visibility;
    private final Boolean isProtected;
    private final Boolean osHidden;
    private final Integer minDisk;
    private final Integer minRam;
    private final Set<String> tags;
    private final Map<String, String> properties;

    private ImageSpec(Builder b) {
        this.id = b.id;
        this.name = b.name;
        this.diskFormat = b.diskFormat;
        this.containerFormat = b.containerFormat;
        this.visibility = b.visibility;
        this.isProtected = b.isProtected;
        this.osHidden = b.osHidden;
        this.minDisk = b.minDisk;
        this.minRam = b.minRam;
        this.tags = Collections.unmodifiableSet(new LinkedHashSet<>(b.tags));
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(b.properties));
    }

    /**
     * A builder with nothing set; {@code build()} validates.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this spec's values, to derive a changed copy.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.name = name;
        b.diskFormat = diskFormat;
        b.containerFormat = containerFormat;
        b.visibility = visibility;
        b.isProtected = isProtected;
        b.osHidden = osHidden;
        b.minDisk = minDisk;
        b.minRam = minRam;
        b.tags.addAll(tags);
        b.properties.putAll(properties);
        return b;
    }

    /** {@return the id to create the image with, if the caller chose one} */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    /** {@return the name, or null} */
    public String name() {
        return name;
    }

    /**
     * The {@code disk_format}.
     *
     * @return the value, or null if not set yet (then it is required before upload)
     */
    public DiskFormat diskFormat() {
        return diskFormat;
    }

    /**
     * The {@code container_format}.
     *
     * @return the value, or null if not set yet (then it is required before upload)
     */
    public ContainerFormat containerFormat() {
        return containerFormat;
    }

    /** {@return the visibility, or null for the service's default ({@code shared} in API v2.5+, private in v1)} */
    public Visibility visibility() {
        return visibility;
    }

    /**
     * The {@code protected} flag.
     *
     * @return the value, or null for the service's default (false)
     */
    public Boolean isProtected() {
        return isProtected;
    }

    /**
     * The {@code os_hidden} flag.
     *
     * @return the value, or null for the service's default (false)
     */
    public Boolean osHidden() {
        return osHidden;
    }

    /**
     * The {@code min_disk} (GiB).
     *
     * @return the value, or null for the service's default (0)
     */
    public Integer minDisk() {
        return minDisk;
    }

    /**
     * The {@code min_ram} (MiB).
     *
     * @return the value, or null for the service's default (0)
     */
    public Integer minRam() {
        return minRam;
    }

    /** {@return the tags, in insertion order, without duplicates} */
    public Set<String> tags() {
        return tags;
    }

    /** {@return the custom properties, in insertion order} */
    public Map<String, String> properties() {
        return properties;
    }

    /**
     * {@return a typed property, if set}
     *
     * @param <T> the property's value type
     * @param property the property
     */
    public <T> Optional<T> property(ImageProperty<T> property) {
        String raw = properties.get(property.name());
        return raw == null ? Optional.empty() : Optional.of(property.parse(raw));
    }

    @Override
    public String toString() {
        return "ImageSpec{id=" + id + ", name='" + name + "', disk_format=" + diskFormat + ", container_format="
                + containerFormat + ", visibility=" + visibility + ", protected=" + isProtected + ", os_hidden="
                + osHidden + ", min_disk=" + minDisk + ", min_ram=" + minRam + ", tags=" + tags + ", properties="
                + properties + '}';
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageSpec && toString().equals(o.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** Builds an {@link ImageSpec}. Not thread-safe. */
    public static final class Builder {
        private String id;
        private String name;
        private DiskFormat diskFormat;
        private ContainerFormat containerFormat;
        private Visibility visibility;
        private Boolean isProtected;
        private Boolean osHidden;
        private Integer minDisk;
        private Integer minRam;
        private final Set<String> tags = new LinkedHashSet<>();
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * The id to create the image with (a UUID). Optional: the SDK generates one if absent.
         *
         * @param id the image id (a UUID), or null to let the SDK generate one
         * @return this builder
         */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * The image name.
         *
         * @param name the name, or null; {@code build()} throws {@link dev.imagesdk.exception.InvalidInputException} if it is longer than 255 characters or has control characters
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * The {@code disk_format} (e.g. {@link DiskFormat#QCOW2}).
         *
         * @param diskFormat the format, or null to leave it unset
         * @return this builder
         */
        public Builder diskFormat(DiskFormat diskFormat) {
            this.diskFormat = diskFormat;
            return this;
        }

        /**
         * The {@code container_format} (e.g. {@link ContainerFormat#BARE}).
         *
         * @param containerFormat the format, or null to leave it unset
         * @return this builder
         */
        public Builder containerFormat(ContainerFormat containerFormat) {
            this.containerFormat = containerFormat;
            return this;
        }

        /**
         * The visibility; null (default) takes the service's default.
         *
         * @param visibility the visibility, or null
         * @return this builder
         */
        public Builder visibility(Visibility visibility) {
            this.visibility = visibility;
            return this;
        }

        /**
         * The {@code protected} flag (a protected image cannot be deleted).
         *
         * @param isProtected the flag, or null for the service's default
         * @return this builder
         */
        public Builder isProtected(Boolean isProtected) {
            this.isProtected = isProtected;
            return this;
        }

        /**
         * The {@code os_hidden} flag (hidden images are left out of default lists).
         *
         * @param osHidden the flag, or null for the service's default
         * @return this builder
         */
        public Builder osHidden(Boolean osHidden) {
            this.osHidden = osHidden;
            return this;
        }

        /**
         * Minimum disk in GB.
         *
         * @param minDisk the minimum disk in GB
         * @return this builder
         */
        public Builder minDisk(Integer minDisk) {
            this.minDisk = minDisk;
            return this;
        }

        /**
         * Minimum RAM in MB.
         *
         * @param minRam the minimum RAM in MB
         * @return this builder
         */
        public Builder minRam(Integer minRam) {
            this.minRam = minRam;
            return this;
        }

        /**
         * Adds a tag (validated at {@link #build()}).
         *
         * @param tag a tag to add
         * @return this builder
         */
        public Builder tag(String tag) {
            tags.add(tag);
            return this;
        }

        /**
         * Adds tags.
         *
         * @param tags tags to add
         * @return this builder
         */
        public Builder tags(Collection<String> tags) {
            this.tags.addAll(tags);
            return this;
        }

        /**
         * Sets a typed or free-form property (already validated by {@link PropertyValue}).
         *
         * @param property the name and value to set; not null
         * @return this builder
         */
        public Builder property(PropertyValue property) {
            properties.put(property.name(), property.value());
            return this;
        }

        /**
         * Sets a free-form property.
         *
         * @param name the property name; must follow the naming rules in {@link ImageSpec}
         * @param value the value as Glance stores it (a string)
         * @return this builder
         * @throws InvalidInputException at once if the name is reserved or malformed or the value null
         */
        public Builder property(String name, String value) {
            return property(PropertyValue.of(name, value));
        }

        /**
         * Sets several free-form properties.
         *
         * @param properties custom properties (name to value) to add; each name must follow the naming rules of {@link
         *         ImageSpec}
         * @return this builder
         */
        public Builder properties(Map<String, String> properties) {
            properties.forEach(this::property);
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the spec
         * @throws InvalidInputException naming the first field whose value is refused
         */
        public ImageSpec build() {
            if (id != null) {
                Validation.imageId("id", id);
            }
            Validation.name(name);
            Validation.nonNegative("min_disk", minDisk);
            Validation.nonNegative("min_ram", minRam);
            Validation.visibility(visibility);
            tags.forEach(Validation::tag);
            return new ImageSpec(this);
        }
    }
}
