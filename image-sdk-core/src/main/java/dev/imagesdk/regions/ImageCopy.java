package dev.imagesdk.regions;

import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageSpec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The metadata a copy of an image carries to its new region or cloud
 * ({@link dev.imagesdk.ImageServices#copy}): name, disk and container formats, {@code min_disk},
 * {@code min_ram}, tags and custom properties. Not carried: the id (each target makes its own), visibility,
 * protection and hiding (decisions for the target's owner), and properties Glance manages itself
 * ({@code os_glance_*} and the hash and location fields, which are not custom properties).
 */
public final class ImageCopy {

    private ImageCopy() {
    }

    /**
     * {@return the spec of a copy of {@code source} with every custom property}
     *
     * @param source the image to copy, as a region reports it
     */
    public static ImageSpec specOf(Image source) {
        return specOf(source, name -> true);
    }

    /**
     * {@return the spec of a copy of {@code source} with the custom properties {@code keepProperty} accepts}
     *
     * @param source the image to copy, as a region reports it; not null
     * @param keepProperty accepts the names of the custom properties the copy keeps; not null
     * @throws dev.imagesdk.exception.InvalidInputException if the source's metadata does not make a valid
     *         spec (e.g. a name longer than Glance allows)
     */
    public static ImageSpec specOf(Image source, Predicate<String> keepProperty) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(keepProperty, "keepProperty");
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
        return b.build();
    }
}
