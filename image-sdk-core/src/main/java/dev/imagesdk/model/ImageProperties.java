package dev.imagesdk.model;

import dev.imagesdk.exception.InvalidInputException;

import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Typed custom properties that Glance's image schema, Nova's {@code hw_*} image properties and the
 * partner-image workflow (seed 004: the HP Cloud management console's {@code com.hp__1__*} properties) name.
 * Each constant reads a property from an {@link Image}; each factory method validates a value and returns a
 * {@link PropertyValue} for a spec or update:
 *
 * <pre>{@code
 * ImageSpec.builder().property(ImageProperties.architecture(Architecture.X86_64))
 * image.property(ImageProperties.ARCHITECTURE)   // Optional<Architecture>
 * }</pre>
 *
 * Any other property stays available as free-form text ({@link PropertyValue#of(String, String)}).
 */
public final class ImageProperties {
    private static final Pattern REVERSE_DOMAIN = Pattern.compile("^[a-z0-9][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)+$");

    private ImageProperties() {
    }

    /** {@code architecture}: the CPU architecture the image needs. */
    public static final ImageProperty<Architecture> ARCHITECTURE =
            ImageProperty.of("architecture", Architecture::of, Architecture::value);
    /** {@code os_distro}: the OS distribution in lower case as libosinfo names it ({@code ubuntu}, {@code centos}, ...). */
    public static final ImageProperty<String> OS_DISTRO =
            ImageProperty.of("os_distro", Function.identity(), v -> nonBlank("os_distro", v));
    /** {@code os_version}: the distribution's version ({@code 22.04}, {@code 9}). */
    public static final ImageProperty<String> OS_VERSION =
            ImageProperty.of("os_version", Function.identity(), v -> nonBlank("os_version", v));
    /** {@code os_type}: {@code linux} or {@code windows} (used by Nova for ephemeral disk formatting). */
    public static final ImageProperty<String> OS_TYPE =
            ImageProperty.of("os_type", Function.identity(), v -> oneOf("os_type", v, "linux", "windows"));
    /** {@code description}: free text shown by dashboards. */
    public static final ImageProperty<String> DESCRIPTION = ImageProperty.ofString("description");
    /** {@code kernel_id}: the id of the AKI image that boots this AMI image. */
    public static final ImageProperty<String> KERNEL_ID =
            ImageProperty.of("kernel_id", Function.identity(), v -> uuid("kernel_id", v));
    /** {@code ramdisk_id}: the id of the ARI image that boots this AMI image. */
    public static final ImageProperty<String> RAMDISK_ID =
            ImageProperty.of("ramdisk_id", Function.identity(), v -> uuid("ramdisk_id", v));
    /** {@code instance_uuid}: for a snapshot, the server it was taken from. */
    public static final ImageProperty<String> INSTANCE_UUID = ImageProperty.ofString("instance_uuid");

    /** {@code hw_disk_bus}: {@code virtio}, {@code scsi}, {@code ide}, {@code sata}, {@code usb}... */
    public static final ImageProperty<String> HW_DISK_BUS = lowerToken("hw_disk_bus");
    /** {@code hw_scsi_model}: e.g. {@code virtio-scsi}. */
    public static final ImageProperty<String> HW_SCSI_MODEL = lowerToken("hw_scsi_model");
    /** {@code hw_vif_model}: e.g. {@code virtio}, {@code e1000}. */
    public static final ImageProperty<String> HW_VIF_MODEL = lowerToken("hw_vif_model");
    /** {@code hw_video_model}: e.g. {@code virtio}, {@code vga}, {@code qxl}. */
    public static final ImageProperty<String> HW_VIDEO_MODEL = lowerToken("hw_video_model");
    /** {@code hw_machine_type}: e.g. {@code q35}. */
    public static final ImageProperty<String> HW_MACHINE_TYPE = lowerToken("hw_machine_type");
    /** {@code hw_firmware_type}: {@code bios} or {@code uefi}. */
    public static final ImageProperty<String> HW_FIRMWARE_TYPE = ImageProperty.of("hw_firmware_type",
            Function.identity(), v -> oneOf("hw_firmware_type", v, "bios", "uefi"));
    /** {@code hw_qemu_guest_agent}: whether the image runs the QEMU guest agent ({@code yes}/{@code no}). */
    public static final ImageProperty<Boolean> HW_QEMU_GUEST_AGENT = ImageProperty.of("hw_qemu_guest_agent",
            v -> parseBoolean("hw_qemu_guest_agent", v), v -> v ? "yes" : "no");
    /** {@code hw_cpu_cores}: preferred number of cores per socket (a positive integer). */
    public static final ImageProperty<Integer> HW_CPU_CORES = positiveInt("hw_cpu_cores");
    /** {@code hw_cpu_sockets}: preferred number of sockets (a positive integer). */
    public static final ImageProperty<Integer> HW_CPU_SOCKETS = positiveInt("hw_cpu_sockets");
    /** {@code hw_cpu_threads}: preferred number of threads per core (a positive integer). */
    public static final ImageProperty<Integer> HW_CPU_THREADS = positiveInt("hw_cpu_threads");
    /** {@code hw_rng_model}: e.g. {@code virtio}. */
    public static final ImageProperty<String> HW_RNG_MODEL = lowerToken("hw_rng_model");
    /** {@code hypervisor_type}: e.g. {@code qemu}, {@code kvm}, {@code xen}. */
    public static final ImageProperty<String> HYPERVISOR_TYPE = lowerToken("hypervisor_type");

    /** {@code com.hp__1__image_type}: the management console's image type (seed 004). */
    public static final ImageProperty<HpImageType> HP_IMAGE_TYPE =
            ImageProperty.of("com.hp__1__image_type", HpImageType::of, HpImageType::value);
    /** {@code com.hp__1__image_lifecycle}: {@code active} or {@code deprecated} (seed 004). */
    public static final ImageProperty<ImageLifecycle> HP_IMAGE_LIFECYCLE =
            ImageProperty.of("com.hp__1__image_lifecycle", ImageLifecycle::of, ImageLifecycle::value);
    /** {@code com.hp__1__bootable_volume}: {@code true} if the image can back a bootable volume (seed 004). */
    public static final ImageProperty<Boolean> HP_BOOTABLE_VOLUME = ImageProperty.of("com.hp__1__bootable_volume",
            v -> parseBoolean("com.hp__1__bootable_volume", v), v -> v ? "true" : "false");
    /**
     * {@code com.hp__1__os_distro}: the OS distribution as a reverse domain name, e.g. {@code org.debian},
     * {@code com.ubuntu} (seed 004).
     */
    public static final ImageProperty<String> HP_OS_DISTRO = ImageProperty.of("com.hp__1__os_distro",
            Function.identity(), v -> reverseDomain("com.hp__1__os_distro", v));
    /** {@code hp_image_license}: the licence property HP Cloud keeps on snapshots; survives a purge (seed 004). */
    public static final ImageProperty<String> HP_IMAGE_LICENSE = ImageProperty.ofString("hp_image_license");

    /**
     * {@return {@code architecture=value}}
     *
     * @param value the CPU architecture
     */
    public static PropertyValue architecture(Architecture value) {
        return ARCHITECTURE.value(value);
    }

    /**
     * {@return {@code os_distro=value}}
     *
     * @param value the distribution, e.g. {@code ubuntu}
     */
    public static PropertyValue osDistro(String value) {
        return OS_DISTRO.value(value);
    }

    /**
     * {@return {@code os_version=value}}
     *
     * @param value the distribution version, e.g. {@code 24.04}
     */
    public static PropertyValue osVersion(String value) {
        return OS_VERSION.value(value);
    }

    /**
     * {@return {@code hw_disk_bus=value}}
     *
     * @param value the disk bus, e.g. {@code virtio} or {@code scsi}
     */
    public static PropertyValue hwDiskBus(String value) {
        return HW_DISK_BUS.value(value);
    }

    /**
     * {@return {@code hw_firmware_type=bios|uefi}}
     *
     * @param value the firmware, e.g. {@code bios} or {@code uefi}
     */
    public static PropertyValue hwFirmwareType(String value) {
        return HW_FIRMWARE_TYPE.value(value);
    }

    /**
     * {@return {@code hw_qemu_guest_agent=yes|no}}
     *
     * @param value whether the image runs the QEMU guest agent
     */
    public static PropertyValue hwQemuGuestAgent(boolean value) {
        return HW_QEMU_GUEST_AGENT.value(value);
    }

    /**
     * {@return {@code hw_cpu_cores=n}, n &gt; 0}
     *
     * @param value the number of cores
     */
    public static PropertyValue hwCpuCores(int value) {
        return HW_CPU_CORES.value(value);
    }

    /**
     * {@return {@code com.hp__1__image_type=value}}
     *
     * @param value the partner image type
     */
    public static PropertyValue hpImageType(HpImageType value) {
        return HP_IMAGE_TYPE.value(value);
    }

    /**
     * {@return {@code com.hp__1__image_lifecycle=value}}
     *
     * @param value the lifecycle state
     */
    public static PropertyValue hpImageLifecycle(ImageLifecycle value) {
        return HP_IMAGE_LIFECYCLE.value(value);
    }

    /**
     * {@return {@code com.hp__1__bootable_volume=true|false}}
     *
     * @param value whether the image may boot from a volume
     */
    public static PropertyValue hpBootableVolume(boolean value) {
        return HP_BOOTABLE_VOLUME.value(value);
    }

    /**
     * {@return {@code com.hp__1__os_distro=value}, a reverse domain name such as {@code org.debian}}
     *
     * @param value the distribution name the console shows
     */
    public static PropertyValue hpOsDistro(String value) {
        return HP_OS_DISTRO.value(value);
    }

    private static ImageProperty<String> lowerToken(String name) {
        return ImageProperty.of(name, Function.identity(), v -> {
            nonBlank(name, v);
            if (!v.equals(v.toLowerCase(Locale.ROOT)) || v.chars().anyMatch(Character::isWhitespace)) {
                throw new InvalidInputException(name, v, "must be a lower-case token without spaces");
            }
            return v;
        });
    }

    private static ImageProperty<Integer> positiveInt(String name) {
        return ImageProperty.of(name, v -> {
            try {
                int n = Integer.parseInt(v.trim());
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new InvalidInputException(name, v, "must be a positive integer");
        }, v -> {
            if (v <= 0) {
                throw new InvalidInputException(name, v, "must be a positive integer");
            }
            return Integer.toString(v);
        });
    }

    private static String nonBlank(String name, String v) {
        if (v.isBlank()) {
            throw new InvalidInputException(name, v, "must not be blank");
        }
        return v;
    }

    private static String oneOf(String name, String v, String... allowed) {
        for (String a : allowed) {
            if (a.equals(v)) {
                return v;
            }
        }
        throw new InvalidInputException(name, v, "must be one of " + String.join(", ", allowed));
    }

    private static String uuid(String name, String v) {
        return Validation.imageId(name, v);
    }

    private static String reverseDomain(String name, String v) {
        if (!REVERSE_DOMAIN.matcher(v).matches()) {
            throw new InvalidInputException(name, v,
                    "must be a lower-case reverse domain name such as org.debian or com.ubuntu");
        }
        return v;
    }

    private static Boolean parseBoolean(String name, String v) {
        switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true": case "yes": case "1": case "on":
                return Boolean.TRUE;
            case "false": case "no": case "0": case "off":
                return Boolean.FALSE;
            default:
                throw new InvalidInputException(name, v, "must be a boolean (true/false or yes/no)");
        }
    }
}
