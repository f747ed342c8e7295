package dev.imagesdk.model;

import dev.imagesdk.exception.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImagePropertiesTest {

    private static final String ID = "2ffc3a4c-8272-478f-a7c1-7a8c3e35b2c1";

    @Test
    void typedValuesAreWrittenAsGlanceStoresThem() {
        assertThat(ImageProperties.architecture(Architecture.X86_64)).isEqualTo(PropertyValue.of("architecture", "x86_64"));
        assertThat(ImageProperties.hpBootableVolume(true).value()).isEqualTo("true");
        assertThat(ImageProperties.hwQemuGuestAgent(true).value()).isEqualTo("yes");
        assertThat(ImageProperties.hwCpuCores(4).value()).isEqualTo("4");
        assertThat(ImageProperties.hpImageType(HpImageType.DISK).name()).isEqualTo("com.hp__1__image_type");
        assertThat(ImageProperties.hpOsDistro("org.debian").value()).isEqualTo("org.debian");
    }

    @Test
    void typedValuesAreReadBackFromAnImage() {
        Image image = Image.builder().id(ID)
                .property("architecture", "x86_64")
                .property("com.hp__1__bootable_volume", "True")
                .property("hw_cpu_cores", "8")
                .property("com.hp__1__image_lifecycle", "deprecated")
                .property("custom", "value")
                .build();
        assertThat(image.property(ImageProperties.ARCHITECTURE)).contains(Architecture.X86_64);
        assertThat(image.property(ImageProperties.HP_BOOTABLE_VOLUME)).contains(true);
        assertThat(image.property(ImageProperties.HW_CPU_CORES)).contains(8);
        assertThat(image.property(ImageProperties.HP_IMAGE_LIFECYCLE)).contains(ImageLifecycle.DEPRECATED);
        assertThat(image.property(ImageProperties.OS_DISTRO)).isEmpty();
        assertThat(image.property("custom")).contains("value");
    }

    @Test
    void malformedStoredValuesAreTypedErrorsNamingTheProperty() {
        Image image = Image.builder().id(ID).property("hw_cpu_cores", "many").build();
        assertThatThrownBy(() -> image.property(ImageProperties.HW_CPU_CORES))
                .isInstanceOf(InvalidInputException.class).hasMessage("Invalid hw_cpu_cores 'many': must be a positive integer");
    }

    @Test
    void refusesInvalidTypedValues() {
        assertThatThrownBy(() -> ImageProperties.hwCpuCores(0))
                .isInstanceOf(InvalidInputException.class).hasMessage("Invalid hw_cpu_cores '0': must be a positive integer");
        assertThatThrownBy(() -> ImageProperties.hpOsDistro("Debian"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("com.hp__1__os_distro 'Debian'")
                .hasMessageContaining("reverse domain");
        assertThatThrownBy(() -> ImageProperties.hwFirmwareType("efi"))
                .isInstanceOf(InvalidInputException.class).hasMessage("Invalid hw_firmware_type 'efi': must be one of bios, uefi");
        assertThatThrownBy(() -> ImageProperties.osDistro(" "))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("os_distro");
        assertThatThrownBy(() -> ImageProperties.hwDiskBus("VirtIO"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("lower-case");
        assertThatThrownBy(() -> ImageProperties.KERNEL_ID.value("vmlinuz"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("kernel_id 'vmlinuz'");
        assertThatThrownBy(() -> ImageProperties.ARCHITECTURE.value(null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("architecture");
    }

    @Test
    void freeFormPropertiesStayAvailable() {
        ImageProperty<String> license = ImageProperty.ofString("hp_image_license");
        assertThat(license.value("1234").value()).isEqualTo("1234");
        assertThat(ImageSpec.builder().property("x_anything", "goes").build().properties())
                .containsEntry("x_anything", "goes");
    }
}
