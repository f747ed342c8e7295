package dev.imagesdk.model;

import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.inspect.DiskImageInspector;
import dev.imagesdk.inspect.DiskImageReport;
import dev.imagesdk.inspect.Finding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The deploy requirements of a partner image (seed 004, "Image requirements" and "Publishing
 * requirements"): container format {@code bare}, disk format {@code qcow2}, a name of at most 72 ASCII
 * characters, and the {@code architecture} property set to {@code x86_64} or {@code i686}. Optionally the
 * four management-console properties ({@code com.hp__1__image_type}, {@code com.hp__1__image_lifecycle},
 * {@code com.hp__1__bootable_volume}, {@code com.hp__1__os_distro}).
 *
 * <p>{@link #check(ImageSpec)} before uploading ({@link #check(ImageSpec, Path)} to check the file too: qcow2 in
 * fact, safe, and a {@code min_disk} that covers its virtual size), {@link #check(Image)} after; all return a
 * {@link ProfileReport} listing every violated rule. {@link #deprecate(Image)} builds the seed's
 * deprecation update.
 */
public final class PartnerImageProfile {

    /** The rules, in the order they are reported. */
    public enum Rule {
        /** {@code container_format} must be {@code bare}. */
        CONTAINER_FORMAT_BARE,
        /** {@code disk_format} must be {@code qcow2}. */
        DISK_FORMAT_QCOW2,
        /** A name is required. */
        NAME_REQUIRED,
        /** The name must be at most 72 characters. */
        NAME_MAX_72,
        /** The name must be printable ASCII. */
        NAME_ASCII,
        /** {@code architecture} must be {@code x86_64} or {@code i686}. */
        ARCHITECTURE_X86_64_OR_I686,
        /** The four management-console properties are set (only with {@link #withConsoleProperties()}). */
        CONSOLE_PROPERTIES,
        /** The file's content is qcow2 in fact, not only by its declared {@code disk_format} (file checks only). */
        FILE_QCOW2,
        /** The file is safe: the inspector reports no finding; one violation per finding (file checks only). */
        FILE_SAFE,
        /**
         * A {@code min_disk} that is set is at least the file's virtual size in GiB, rounded up (file checks only;
         * not checked when the virtual size is unknown).
         */
        MIN_DISK_COVERS_VIRTUAL_SIZE
    }

    /** The seed's limit on image names. */
    public static final int MAX_NAME_LENGTH = 72;
    /** The suffix the seed requires on a deprecated image's name. */
    public static final String DEPRECATED_SUFFIX = " (deprecated)";

    private static final long GIB = 1L << 30;
    private static final PartnerImageProfile DEPLOY = new PartnerImageProfile(false);
    private static final PartnerImageProfile CONSOLE = new PartnerImageProfile(true);

    private final boolean consoleProperties;

    private PartnerImageProfile(boolean consoleProperties) {
        this.consoleProperties = consoleProperties;
    }

    /** {@return the deploy requirements (what the image needs to upload and boot)} */
    public static PartnerImageProfile deploy() {
        return DEPLOY;
    }

    /** {@return the deploy requirements plus the four management-console properties} */
    public static PartnerImageProfile withConsoleProperties() {
        return CONSOLE;
    }

    /**
     * Checks an image about to be created.
     *
     * @param spec the new image's attributes (name, formats, properties, ...); not null
     * @return the rules the spec violates, if any
     */
    public ProfileReport check(ImageSpec spec) {
        return check(spec.name(), spec.diskFormat(), spec.containerFormat(), spec.properties());
    }

    /**
     * Checks an image about to be created together with its file: the spec's rules, then the file's
     * ({@link Rule#FILE_QCOW2}, {@link Rule#FILE_SAFE} per finding, {@link Rule#MIN_DISK_COVERS_VIRTUAL_SIZE}),
     * from the file's headers as {@link DiskImageInspector} reads them.
     *
     * @param spec the new image's attributes (name, formats, properties, ...); not null
     * @param file the file; not null
     * @return the rules the spec and the file violate, if any
     * @throws ImageSdkClientException if the file cannot be read
     * @throws NullPointerException    if {@code spec} or {@code file} is null
     */
    public ProfileReport check(ImageSpec spec, Path file) {
        Objects.requireNonNull(file, "file");
        try {
            return check(spec, DiskImageInspector.inspect(file));
        } catch (IOException e) {
            throw new ImageSdkClientException("Could not inspect " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks an image about to be created together with the inspector's verdict on its file (see
     * {@link #check(ImageSpec, Path)}).
     *
     * @param spec the new image's attributes (name, formats, properties, ...); not null
     * @param file the file; not null
     * @return the rules the spec and the content violate, if any
     * @throws NullPointerException if {@code spec} or {@code file} is null
     */
    public ProfileReport check(ImageSpec spec, DiskImageReport file) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(file, "file");
        List<ProfileReport.Violation> v = new ArrayList<>(check(spec).violations());
        if (!DiskFormat.QCOW2.equals(file.format())) {
            v.add(new ProfileReport.Violation(Rule.FILE_QCOW2, "file", file.format().toString(),
                    "the file's content must be qcow2"));
        }
        for (Finding f : file.findings()) {
            v.add(new ProfileReport.Violation(Rule.FILE_SAFE, "file", f.toString(),
                    "the file must be safe to boot (no backing or data file, a sound header)"));
        }
        if (spec.minDisk() != null && file.virtualSize().isPresent()) {
            long size = file.virtualSize().getAsLong();
            long gib = (size + GIB - 1) / GIB;
            if (spec.minDisk() < gib) {
                v.add(new ProfileReport.Violation(Rule.MIN_DISK_COVERS_VIRTUAL_SIZE, "min_disk",
                        spec.minDisk().toString(), "must be at least " + gib + " (GiB): the file's virtual size is "
                        + size + " bytes"));
            }
        }
        return new ProfileReport(v);
    }

    /**
     * Checks an existing image.
     *
     * @param image the image as the service reports it
     * @return the rules the image violates, if any
     */
    public ProfileReport check(Image image) {
        return check(image.name(), image.diskFormat(), image.containerFormat(), image.properties());
    }

    private ProfileReport check(String name, DiskFormat disk, ContainerFormat container, Map<String, String> props) {
        List<ProfileReport.Violation> v = new ArrayList<>();
        if (!ContainerFormat.BARE.equals(container)) {
            v.add(new ProfileReport.Violation(Rule.CONTAINER_FORMAT_BARE, "container_format", str(container),
                    "must be bare"));
        }
        if (!DiskFormat.QCOW2.equals(disk)) {
            v.add(new ProfileReport.Violation(Rule.DISK_FORMAT_QCOW2, "disk_format", str(disk), "must be qcow2"));
        }
        if (name == null || name.isBlank()) {
            v.add(new ProfileReport.Violation(Rule.NAME_REQUIRED, "name", name, "a name is required"));
        } else {
            if (name.length() > MAX_NAME_LENGTH) {
                v.add(new ProfileReport.Violation(Rule.NAME_MAX_72, "name", name,
                        "must be at most " + MAX_NAME_LENGTH + " characters (is " + name.length() + ")"));
            }
            if (!StandardCharsets.US_ASCII.newEncoder().canEncode(name) || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                v.add(new ProfileReport.Violation(Rule.NAME_ASCII, "name", name, "must be printable ASCII"));
            }
        }
        String arch = props.get(ImageProperties.ARCHITECTURE.name());
        if (!Architecture.X86_64.value().equals(arch) && !Architecture.I686.value().equals(arch)) {
            v.add(new ProfileReport.Violation(Rule.ARCHITECTURE_X86_64_OR_I686, "architecture", arch,
                    "must be x86_64 or i686"));
        }
        if (consoleProperties) {
            for (ImageProperty<?> p : List.of(ImageProperties.HP_IMAGE_TYPE, ImageProperties.HP_IMAGE_LIFECYCLE,
                    ImageProperties.HP_BOOTABLE_VOLUME, ImageProperties.HP_OS_DISTRO)) {
                String raw = props.get(p.name());
                String problem = null;
                if (raw == null) {
                    problem = "the management console needs this property";
                } else {
                    try {
                        Object parsed = p.parse(raw);
                        if (parsed instanceof OpenValue && !((OpenValue) parsed).isKnown()) {
                            problem = "is not a value the management console knows";
                        }
                    } catch (RuntimeException e) {
                        problem = e.getMessage();
                    }
                }
                if (problem != null) {
                    v.add(new ProfileReport.Violation(Rule.CONSOLE_PROPERTIES, p.name(), raw, problem));
                }
            }
        }
        return new ProfileReport(v);
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    /**
     * {@return the seed's deprecation as an update: {@code com.hp__1__image_lifecycle=deprecated} and the name
     * suffixed with {@value #DEPRECATED_SUFFIX} unless it already ends with it (applying it twice never
     * doubles the suffix)} An image without a name gets only the property.
     *
     * @param image the image to deprecate
     */
    public static ImageUpdate deprecate(Image image) {
        ImageUpdate.Builder b = ImageUpdate.builder()
                .property(ImageProperties.hpImageLifecycle(ImageLifecycle.DEPRECATED));
        String name = image.name();
        if (name != null && !name.endsWith(DEPRECATED_SUFFIX)) {
            b.name(name + DEPRECATED_SUFFIX);
        }
        return b.build();
    }
}
