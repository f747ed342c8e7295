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
 * An intent to change an image: attributes to set, custom properties to set or remove, tags to add, remove
 * or replace. The SDK turns it into what the API version needs (a JSON-patch document for v2, headers for
 * v1); the caller never writes either.
 *
 * <p>Fields not mentioned are left unchanged, except that {@link Builder#replaceAllProperties()} removes
 * every custom property the update does not set (API v1 {@code --purge-props}).
 *
 * <p>Validated by {@link Builder#build()}: the same field rules as {@link ImageSpec}; a property may not be
 * both set and removed, a tag not both added and removed, and a tag replacement excludes adding or removing
 * single tags. Failures are {@link InvalidInputException}s naming the field and value.
 */
public final class ImageUpdate {
    private final String name;
    private final Visibility visibility;
    private final Boolean isProtected;
    private final Boolean osHidden;
    private final Integer minDisk;
    private final Integer minRam;
    private final DiskFormat diskFormat;
    private final ContainerFormat containerFormat;
    private final Map<String, String> setProperties;
    private final Set<String> removeProperties;
    private final boolean replaceAllProperties;
    private final Set<String> replaceTags;
    private final Set<String> addTags;
    private final Set<String> removeTags;

    private ImageUpdate(Builder b) {
        this.name = b.name;
        this.visibility = b.visibility;
        this.isProtected = b.isProtected;
        this.osHidden = b.osHidden;
        this.minDisk = b.minDisk;
        this.minRam = b.minRam;
        this.diskFormat = b.diskFormat;
        this.containerFormat = b.containerFormat;
        this.setProperties = Collections.unmodifiableMap(new LinkedHashMap<>(b.setProperties));
        this.removeProperties = Collections.unmodifiableSet(new LinkedHashSet<>(b.removeProperties));
        this.replaceAllProperties = b.replaceAllProperties;
        this.replaceTags = b.replaceTags == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(b.replaceTags));
        this.addTags = Collections.unmodifiableSet(new LinkedHashSet<>(b.addTags));
        this.removeTags = Collections.unmodifiableSet(new LinkedHashSet<>(b.removeTags));
    }

    /**
     * A builder of an update that changes nothing until told.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this update's changes.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.visibility = visibility;
        b.isProtected = isProtected;
        b.osHidden = osHidden;
        b.minDisk = minDisk;
        b.minRam = minRam;
        b.diskFormat = diskFormat;
        b.containerFormat = containerFormat;
        b.setProperties.putAll(setProperties);
        b.removeProperties.addAll(removeProperties);
        b.replaceAllProperties = replaceAllProperties;
        b.replaceTags = replaceTags == null ? null : new LinkedHashSet<>(replaceTags);
        b.addTags.addAll(addTags);
        b.removeTags.addAll(removeTags);
        return b;
    }

    /** {@return the new name, if the update sets one} */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /**
     * The new visibility.
     *
     * @return the value, or empty to leave it unchanged
     */
    public Optional<Visibility> visibility() {
        return Optional.ofNullable(visibility);
    }

    /**
     * The new {@code protected} flag.
     *
     * @return the value, or empty to leave it unchanged
     */
    public Optional<Boolean> isProtected() {
        return Optional.ofNullable(isProtected);
    }

    /**
     * The new {@code os_hidden} flag.
     *
     * @return the value, or empty to leave it unchanged
     */
    public Optional<Boolean> osHidden() {
        return Optional.ofNullable(osHidden);
    }

    /**
     * The new {@code min_disk} (GiB).
     *
     * @return the value, or empty to leave it unchanged
     */
    public Optional<Integer> minDisk() {
        return Optional.ofNullable(minDisk);
    }

    /**
     * The new {@code min_ram} (MiB).
     *
     * @return the value, or empty to leave it unchanged
     */
    public Optional<Integer> minRam() {
        return Optional.ofNullable(minRam);
    }

    /**
     * The new {@code disk_format}.
     *
     * @return the value, or empty to leave it unchanged
     */
    public Optional<DiskFormat> diskFormat() {
        return Optional.ofNullable(diskFormat);
    }

    /**
     * The new {@code container_format}.
     *
     * @return the value, or empty to leave it unchanged
     */
    public Optional<ContainerFormat> containerFormat() {
        return Optional.ofNullable(containerFormat);
    }

    /** {@return custom properties to add or replace, in insertion order} */
    public Map<String, String> setProperties() {
        return setProperties;
    }

    /** {@return custom properties to remove} */
    public Set<String> removeProperties() {
        return removeProperties;
    }

    /** {@return {@code true} if every custom property not in {@link #setProperties()} is to be removed} */
    public boolean replaceAllProperties() {
        return replaceAllProperties;
    }

    /** {@return the complete new tag set, if the update replaces the tags} */
    public Optional<Set<String>> replaceTags() {
        return Optional.ofNullable(replaceTags);
    }

    /** {@return tags to add} */
    public Set<String> addTags() {
        return addTags;
    }

    /** {@return tags to remove} */
    public Set<String> removeTags() {
        return removeTags;
    }

    /** {@return {@code true} if the update changes nothing} */
    public boolean isEmpty() {
        return name == null && visibility == null && isProtected == null && osHidden == null && minDisk == null
                && minRam == null && diskFormat == null && containerFormat == null && setProperties.isEmpty()
                && removeProperties.isEmpty() && !replaceAllProperties && replaceTags == null && addTags.isEmpty()
                && removeTags.isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ImageUpdate{");
        if (name != null) {
            sb.append("name='").append(name).append("', ");
        }
        if (visibility != null) {
            sb.append("visibility=").append(visibility).append(", ");
        }
        if (isProtected != null) {
            sb.append("protected=").append(isProtected).append(", ");
        }
        if (osHidden != null) {
            sb.append("os_hidden=").append(osHidden).append(", ");
        }
        if (minDisk != null) {
            sb.append("min_disk=").append(minDisk).append(", ");
        }
        if (minRam != null) {
            sb.append("min_ram=").append(minRam).append(", ");
        }
        if (diskFormat != null) {
            sb.append("disk_format=").append(diskFormat).append(", ");
        }
        if (containerFormat != null) {
            sb.append("container_format=").append(containerFormat).append(", ");
        }
        if (!setProperties.isEmpty()) {
            sb.append("set=").append(setProperties).append(", ");
        }
        if (!removeProperties.isEmpty()) {
            sb.append("remove=").append(removeProperties).append(", ");
        }
        if (replaceAllProperties) {
            sb.append("replaceAllProperties, ");
        }
        if (replaceTags != null) {
            sb.append("tags=").append(replaceTags).append(", ");
        }
        if (!addTags.isEmpty()) {
            sb.append("addTags=").append(addTags).append(", ");
        }
        if (!removeTags.isEmpty()) {
            sb.append("removeTags=").append(removeTags).append(", ");
        }
        if (sb.charAt(sb.length() - 1) == ' ') {
            sb.setLength(sb.length() - 2);
        }
        return sb.append('}').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageUpdate && toString().equals(o.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** Builds an {@link ImageUpdate}. Not thread-safe. */
    public static final class Builder {
        private String name;
        private Visibility visibility;
        private Boolean isProtected;
        private Boolean osHidden;
        private Integer minDisk;
        private Integer minRam;
        private DiskFormat diskFormat;
        private ContainerFormat containerFormat;
        private final Map<String, String> setProperties = new LinkedHashMap<>();
        private final Set<String> removeProperties = new LinkedHashSet<>();
        private boolean replaceAllProperties;
        private Set<String> replaceTags;
        private final Set<String> addTags = new LinkedHashSet<>();
        private final Set<String> removeTags = new LinkedHashSet<>();

        private Builder() {
        }

        /**
         * Renames the image.
         *
         * @param name the new name (checked by {@code build()})
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Changes the visibility.
         *
         * @param visibility the new visibility
         * @return this builder
         */
        public Builder visibility(Visibility visibility) {
            this.visibility = visibility;
            return this;
        }

        /**
         * Sets the {@code protected} flag (a protected image cannot be deleted).
         *
         * @param isProtected the new flag
         * @return this builder
         */
        public Builder isProtected(boolean isProtected) {
            this.isProtected = isProtected;
            return this;
        }

        /**
         * Sets {@code os_hidden} (hidden images are left out of default lists).
         *
         * @param osHidden the new flag
         * @return this builder
         */
        public Builder osHidden(boolean osHidden) {
            this.osHidden = osHidden;
            return this;
        }

        /**
         * Sets {@code min_disk}, the disk size (GiB) needed to boot the image.
         *
         * @param minDisk the size; {@code build()} throws {@link dev.imagesdk.exception.InvalidInputException} if negative
         * @return this builder
         */
        public Builder minDisk(int minDisk) {
            this.minDisk = minDisk;
            return this;
        }

        /**
         * Sets {@code min_ram}, the RAM (MiB) needed to boot the image.
         *
         * @param minRam the size; {@code build()} throws {@link dev.imagesdk.exception.InvalidInputException} if negative
         * @return this builder
         */
        public Builder minRam(int minRam) {
            this.minRam = minRam;
            return this;
        }

        /**
         * Only accepted by the service while the image is {@code queued}.
         *
         * @param diskFormat the new disk format
         * @return this builder
         */
        public Builder diskFormat(DiskFormat diskFormat) {
            this.diskFormat = diskFormat;
            return this;
        }

        /**
         * Only accepted by the service while the image is {@code queued}.
         *
         * @param containerFormat the new container format
         * @return this builder
         */
        public Builder containerFormat(ContainerFormat containerFormat) {
            this.containerFormat = containerFormat;
            return this;
        }

        /**
         * Adds or replaces a custom property.
         *
         * @param property the name and value to set; not null
         * @return this builder
         */
        public Builder property(PropertyValue property) {
            setProperties.put(property.name(), property.value());
            return this;
        }

        /**
         * Adds or replaces a free-form custom property.
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
         * Removes a custom property. Removing one that does not exist is an error from the service (409 in v2).
         *
         * @param name the custom property to remove
         * @return this builder
         */
        public Builder removeProperty(String name) {
            PropertyNames.check(name);
            removeProperties.add(name);
            return this;
        }

        /**
         * Removes a typed custom property.
         *
         * @param property the typed property to remove
         * @return this builder
         */
        public Builder removeProperty(ImageProperty<?> property) {
            return removeProperty(property.name());
        }

        /**
         * Removes every custom property this update does not set ({@code --purge-props}). API v1 does it in
         * one request; API v2 reads the image and removes the others in the same patch.
         *
         * @return this builder
         */
        public Builder replaceAllProperties() {
            this.replaceAllProperties = true;
            return this;
        }

        /**
         * Replaces the whole tag set.
         *
         * @param tags the complete new tag set
         * @return this builder
         */
        public Builder replaceTags(Collection<String> tags) {
            this.replaceTags = new LinkedHashSet<>(tags);
            return this;
        }

        /**
         * Adds a tag (idempotent on the service).
         *
         * @param tag the tag to add
         * @return this builder
         */
        public Builder addTag(String tag) {
            addTags.add(tag);
            return this;
        }

        /**
         * Removes a tag.
         *
         * @param tag the tag to remove
         * @return this builder
         */
        public Builder removeTag(String tag) {
            removeTags.add(tag);
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the update
         * @throws InvalidInputException naming the first field whose value is refused
         */
        public ImageUpdate build() {
            Validation.name(name);
            Validation.nonNegative("min_disk", minDisk);
            Validation.nonNegative("min_ram", minRam);
            Validation.visibility(visibility);
            for (String p : removeProperties) {
                if (setProperties.containsKey(p)) {
                    throw new InvalidInputException("property name", p, "cannot be both set and removed in one update");
                }
            }
            if (replaceAllProperties && !removeProperties.isEmpty()) {
                throw new InvalidInputException("property name", removeProperties.iterator().next(),
                        "replaceAllProperties already removes every property not set; do not also remove it by name");
            }
            if (replaceTags != null) {
                replaceTags.forEach(Validation::tag);
                if (!addTags.isEmpty() || !removeTags.isEmpty()) {
                    String t = !addTags.isEmpty() ? addTags.iterator().next() : removeTags.iterator().next();
                    throw new InvalidInputException("tag", t, "cannot add or remove single tags when replacing all tags");
                }
            }
            addTags.forEach(Validation::tag);
            removeTags.forEach(Validation::tag);
            for (String t : addTags) {
                if (removeTags.contains(t)) {
                    throw new InvalidInputException("tag", t, "cannot be both added and removed in one update");
                }
            }
            return new ImageUpdate(this);
        }
    }
}
