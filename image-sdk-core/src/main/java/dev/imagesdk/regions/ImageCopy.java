package dev.imagesdk.regions;

import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageSpec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The metadata a copy of an image carries to its new region or cloud ({@link dev.imagesdk.ImageServices#copy}).
 *
 * <p>By default: name, disk and container formats, {@code min_disk}, {@code min_ram}, tags and custom properties.
 * Never carried: the id (each target makes its own) and the properties Glance manages itself ({@code os_glance_*}
 * and the hash and location fields, which are not custom properties). Not carried unless asked for, because they
 * are decisions for the target's owner: visibility ({@link #keepVisibility()}), protection
 * ({@link #keepProtection()}) and hiding ({@link #keepHidden()}).
 *
 * <pre>{@code
 * regions.copy(otherCloud, imageId,
 *         image -> ImageCopy.from(image).keepProperties(name -> !name.startsWith("hp_"))
 *                 .keepVisibility().keepProtection().spec(),
 *         PublishOptions.allOrNothing());
 * }</pre>
 *
 * <p>What a target cannot honour is refused by that target's create, for that region only and before any byte is
 * sent to it, with an {@link dev.imagesdk.exception.InvalidInputException} naming the field: an API v1 target
 * refuses {@code community} visibility and {@code os_hidden} (v1 has neither; {@code shared} becomes v1's
 * {@code is_public=false}, which is how v1 shows an image to its members), and a service's policy may refuse a
 * visibility (Glance lets only admins make an image {@code public} by default:
 * {@link dev.imagesdk.exception.ForbiddenException}). The failure policy then decides as for any failed create.
 *
 * <p>Immutable and thread-safe: each {@code keep...} method returns a new instance.
 */
public final class ImageCopy {

    private final Image source;
    private final Predicate<String> keepProperty;
    private final boolean visibility;
    private final boolean protection;
    private final boolean hidden;

    private ImageCopy(Image source, Predicate<String> keepProperty, boolean visibility, boolean protection,
                      boolean hidden) {
        this.source = source;
        this.keepProperty = keepProperty;
        this.visibility = visibility;
        this.protection = protection;
        this.hidden = hidden;
    }

    /**
     * {@return the default copy of {@code source}: every custom property; no visibility, protection or hiding}
     *
     * @param source the image to copy, as a region reports it; not null
     * @throws NullPointerException if {@code source} is null
     */
    public static ImageCopy from(Image source) {
        return new ImageCopy(Objects.requireNonNull(source, "source"), name -> true, false, false, false);
    }

    /**
     * {@return a copy that keeps only the custom properties {@code keepProperty} accepts} Replaces an earlier
     * filter. {@code os_glance_*} properties are never kept.
     *
     * @param keepProperty accepts the names of the custom properties the copy keeps; not null
     * @throws NullPointerException if {@code keepProperty} is null
     */
    public ImageCopy keepProperties(Predicate<String> keepProperty) {
        return new ImageCopy(source, Objects.requireNonNull(keepProperty, "keepProperty"), visibility, protection,
                hidden);
    }

    /**
     * {@return a copy that also carries the source's visibility} It is set when the image is created in each
     * target, so a visibility a target refuses (policy, or API v1 and {@code community}) fails that region before
     * any byte is sent to it. A source that reports no visibility carries none.
     */
    public ImageCopy keepVisibility() {
        return new ImageCopy(source, keepProperty, true, protection, hidden);
    }

    /**
     * {@return a copy that also carries the source's {@code protected} flag, when the source reports it}
     * {@link dev.imagesdk.ImageServices#publish} (and so {@code copy}) creates a protected image unprotected and
     * protects it only after its bytes were verified, so that a failure can still delete it (a protected image
     * cannot be deleted): see there.
     */
    public ImageCopy keepProtection() {
        return new ImageCopy(source, keepProperty, visibility, true, hidden);
    }

    /**
     * {@return a copy that is also hidden ({@code os_hidden}) when the source is} Only {@code true} is carried:
     * {@code false} is every new image's default, and an API v1 target, which has no {@code os_hidden}, can then
     * still take a copy of a visible image. A hidden source refuses an API v1 target (at its create).
     */
    public ImageCopy keepHidden() {
        return new ImageCopy(source, keepProperty, visibility, protection, true);
    }

    /**
     * {@return the spec of the copy}
     *
     * @throws dev.imagesdk.exception.InvalidInputException if the source's metadata does not make a valid spec
     *         (e.g. a name longer than Glance allows)
     */
    public ImageSpec spec() {
        ImageSpec.Builder b = ImageSpec.builder().name(source.name());
        if (source.diskFormat() != null) {
            b.diskFormat(source.diskFormat());
        }
        if (source.containerFormat() != null) {
            b.containerFormat(source.containerFormat());
        }
        if (source.minDisk() != null) {
            b.minDisk(source.minDisk());
        }
        if (source.minRam() != null) {
            b.minRam(source.minRam());
        }
        if (source.tags() != null && !source.tags().isEmpty()) {
            b.tags(source.tags());
        }
        Map<String, String> props = new LinkedHashMap<>();
        source.properties().forEach((k, v) -> {
            if (!k.startsWith("os_glance_") && keepProperty.test(k)) {
                props.put(k, v);
            }
        });
        if (!props.isEmpty()) {
            b.properties(props);
        }
        if (visibility && source.visibility() != null) {
            b.visibility(source.visibility());
        }
        if (protection) {
            source.protectedIfReported().ifPresent(b::isProtected);
        }
        if (hidden && Boolean.TRUE.equals(source.osHidden())) {
            b.osHidden(true);
        }
        return b.build();
    }

    /**
     * {@return the spec of the default copy of {@code source}: every custom property, no visibility, protection or
     * hiding} The same as {@code from(source).spec()}.
     *
     * @param source the image to copy, as a region reports it; not null
     * @throws dev.imagesdk.exception.InvalidInputException if the source's metadata does not make a valid spec
     */
    public static ImageSpec specOf(Image source) {
        return from(source).spec();
    }

    /**
     * {@return the spec of a copy of {@code source} with the custom properties {@code keepProperty} accepts} The same
     * as {@code from(source).keepProperties(keepProperty).spec()}.
     *
     * @param source the image to copy, as a region reports it; not null
     * @param keepProperty accepts the names of the custom properties the copy keeps; not null
     * @throws dev.imagesdk.exception.InvalidInputException if the source's metadata does not make a valid
     *         spec (e.g. a name longer than Glance allows)
     */
    public static ImageSpec specOf(Image source, Predicate<String> keepProperty) {
        return from(source).keepProperties(keepProperty).spec();
    }

    @Override
    public String toString() {
        return "ImageCopy{source=" + source.id() + ", visibility=" + visibility + ", protection=" + protection
                + ", hidden=" + hidden + '}';
    }
}
