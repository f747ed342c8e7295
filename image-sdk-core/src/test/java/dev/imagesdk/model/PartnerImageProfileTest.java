package dev.imagesdk.model;

import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.model.PartnerImageProfile.Rule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartnerImageProfileTest {

    private static ImageSpec.Builder compliant() {
        return ImageSpec.builder().name("My Custom Image")
                .diskFormat(DiskFormat.QCOW2).containerFormat(ContainerFormat.BARE)
                .property(ImageProperties.architecture(Architecture.X86_64));
    }

    @Test
    void seedExampleIsCompliant() {
        ProfileReport r = PartnerImageProfile.deploy().check(compliant().build());
        assertThat(r.isCompliant()).isTrue();
        assertThat(r.violations()).isEmpty();
        assertThat(r.toString()).isEqualTo("compliant");
        r.throwIfViolated();
    }

    @Test
    void i686IsAlsoAccepted() {
        ImageSpec spec = compliant().property(ImageProperties.architecture(Architecture.I686)).build();
        assertThat(PartnerImageProfile.deploy().check(spec).isCompliant()).isTrue();
    }

    @Test
    void containerFormatMustBeBare() {
        ProfileReport r = PartnerImageProfile.deploy().check(compliant().containerFormat(ContainerFormat.OVF).build());
        assertThat(r.violations()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(Rule.CONTAINER_FORMAT_BARE);
            assertThat(v.field()).isEqualTo("container_format");
            assertThat(v.value()).isEqualTo("ovf");
        });
    }

    @Test
    void diskFormatMustBeQcow2() {
        ProfileReport r = PartnerImageProfile.deploy().check(compliant().diskFormat(DiskFormat.RAW).build());
        assertThat(r.violates(Rule.DISK_FORMAT_QCOW2)).isTrue();
        assertThat(r.violations()).hasSize(1);
    }

    @Test
    void nameIsRequired() {
        ProfileReport r = PartnerImageProfile.deploy().check(compliant().name(null).build());
        assertThat(r.violations()).singleElement().extracting(ProfileReport.Violation::rule).isEqualTo(Rule.NAME_REQUIRED);
    }

    @Test
    void nameMustBeAtMost72Characters() {
        assertThat(PartnerImageProfile.deploy().check(compliant().name("n".repeat(72)).build()).isCompliant()).isTrue();
        ProfileReport r = PartnerImageProfile.deploy().check(compliant().name("n".repeat(73)).build());
        assertThat(r.violations()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(Rule.NAME_MAX_72);
            assertThat(v.message()).contains("is 73");
        });
    }

    @Test
    void nameMustBeAscii() {
        ProfileReport r = PartnerImageProfile.deploy().check(compliant().name("Débian image").build());
        assertThat(r.violations()).singleElement().extracting(ProfileReport.Violation::rule).isEqualTo(Rule.NAME_ASCII);
    }

    @Test
    void architectureMustBeX8664OrI686() {
        ProfileReport missing = PartnerImageProfile.deploy().check(ImageSpec.builder().name("n")
                .diskFormat(DiskFormat.QCOW2).containerFormat(ContainerFormat.BARE).build());
        assertThat(missing.violations()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(Rule.ARCHITECTURE_X86_64_OR_I686);
            assertThat(v.value()).isNull();
            assertThat(v.toString()).contains("architecture is missing");
        });
        ProfileReport arm = PartnerImageProfile.deploy().check(
                compliant().property(ImageProperties.architecture(Architecture.AARCH64)).build());
        assertThat(arm.violates(Rule.ARCHITECTURE_X86_64_OR_I686)).isTrue();
    }

    @Test
    void reportsEveryViolatedRuleInOrderAndThrowsNamingTheFirst() {
        ProfileReport r = PartnerImageProfile.deploy().check(ImageSpec.builder().name("é".repeat(80))
                .diskFormat(DiskFormat.VMDK).containerFormat(ContainerFormat.OVA).build());
        assertThat(r.violations()).extracting(ProfileReport.Violation::rule).containsExactly(
                Rule.CONTAINER_FORMAT_BARE, Rule.DISK_FORMAT_QCOW2, Rule.NAME_MAX_72, Rule.NAME_ASCII,
                Rule.ARCHITECTURE_X86_64_OR_I686);
        assertThatThrownBy(r::throwIfViolated).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Invalid container_format 'ova'")
                .hasMessageContaining("DISK_FORMAT_QCOW2").hasMessageContaining("ARCHITECTURE_X86_64_OR_I686");
    }

    @Test
    void consoleProfileRequiresTheFourManagementConsoleProperties() {
        ProfileReport r = PartnerImageProfile.withConsoleProperties().check(compliant().build());
        assertThat(r.violations()).extracting(ProfileReport.Violation::field).containsExactly(
                "com.hp__1__image_type", "com.hp__1__image_lifecycle", "com.hp__1__bootable_volume",
                "com.hp__1__os_distro");
        ImageSpec full = compliant()
                .property(ImageProperties.hpImageType(HpImageType.DISK))
                .property(ImageProperties.hpImageLifecycle(ImageLifecycle.ACTIVE))
                .property(ImageProperties.hpBootableVolume(true))
                .property(ImageProperties.hpOsDistro("org.debian"))
                .build();
        assertThat(PartnerImageProfile.withConsoleProperties().check(full).isCompliant()).isTrue();
    }

    @Test
    void consoleProfileRefusesValuesTheConsoleDoesNotKnow() {
        ImageSpec spec = compliant()
                .property("com.hp__1__image_type", "floppy")
                .property(ImageProperties.hpImageLifecycle(ImageLifecycle.ACTIVE))
                .property("com.hp__1__bootable_volume", "maybe")
                .property(ImageProperties.hpOsDistro("org.debian"))
                .build();
        ProfileReport r = PartnerImageProfile.withConsoleProperties().check(spec);
        assertThat(r.violations()).extracting(ProfileReport.Violation::value).containsExactly("floppy", "maybe");
    }

    @Test
    void checksAnExistingImageToo() {
        Image image = Image.builder().id("2ffc3a4c-8272-478f-a7c1-7a8c3e35b2c1").name("x")
                .diskFormat(DiskFormat.QCOW2).containerFormat(ContainerFormat.BARE)
                .property("architecture", "i686").build();
        assertThat(PartnerImageProfile.deploy().check(image).isCompliant()).isTrue();
    }

    @Test
    void deprecateSetsLifecycleAndSuffixesTheNameOnce() {
        Image image = Image.builder().id("2ffc3a4c-8272-478f-a7c1-7a8c3e35b2c1").name("My Custom Image").build();
        ImageUpdate first = PartnerImageProfile.deprecate(image);
        assertThat(first.name()).contains("My Custom Image (deprecated)");
        assertThat(first.setProperties()).containsEntry("com.hp__1__image_lifecycle", "deprecated");

        Image afterFirst = image.toBuilder().name(first.name().orElseThrow())
                .property("com.hp__1__image_lifecycle", "deprecated").build();
        ImageUpdate second = PartnerImageProfile.deprecate(afterFirst);
        assertThat(second.name()).isEmpty();
        assertThat(second.setProperties()).containsEntry("com.hp__1__image_lifecycle", "deprecated");
    }

    @Test
    void deprecateOfAnUnnamedImageOnlySetsTheLifecycle() {
        ImageUpdate u = PartnerImageProfile.deprecate(Image.builder().id("2ffc3a4c-8272-478f-a7c1-7a8c3e35b2c1").build());
        assertThat(u.name()).isEmpty();
        assertThat(u.setProperties()).containsOnlyKeys("com.hp__1__image_lifecycle");
    }
}
