package dev.imagesdk.regions;

import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.Visibility;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ImageCopy}: what the spec of a copy carries by default and with each opt-in. */
class ImageCopyTest {

    static Image.Builder source() {
        return Image.builder().id("c0ffee00-0000-4000-8000-000000000001").name("partner image")
                .diskFormat(DiskFormat.QCOW2).containerFormat(ContainerFormat.BARE).minDisk(10).minRam(1024)
                .tags(List.of("partner", "ubuntu")).property("architecture", "x86_64")
                .property("hp_image_license", "1234").property("os_glance_import_task", "t-1")
                .visibility(Visibility.COMMUNITY).isProtected(true).osHidden(true);
    }

    @Test
    void theDefaultCarriesMetadataButNotVisibilityProtectionOrHiding() {
        ImageSpec spec = ImageCopy.from(source().build()).spec();

        assertThat(spec.name()).isEqualTo("partner image");
        assertThat(spec.diskFormat()).isEqualTo(DiskFormat.QCOW2);
        assertThat(spec.containerFormat()).isEqualTo(ContainerFormat.BARE);
        assertThat(spec.minDisk()).isEqualTo(10);
        assertThat(spec.minRam()).isEqualTo(1024);
        assertThat(spec.tags()).containsExactlyInAnyOrder("partner", "ubuntu");
        assertThat(spec.properties()).containsOnlyKeys("architecture", "hp_image_license");
        assertThat(spec.id()).isEmpty();
        assertThat(spec.visibility()).isNull();
        assertThat(spec.isProtected()).isNull();
        assertThat(spec.osHidden()).isNull();
    }

    @Test
    void theStaticSpecOfMethodsAreTheDefaultAndTheFilter() {
        Image image = source().build();

        assertThat(ImageCopy.specOf(image)).usingRecursiveComparison().isEqualTo(ImageCopy.from(image).spec());
        ImageSpec filtered = ImageCopy.specOf(image, name -> !name.startsWith("hp_"));
        assertThat(filtered.properties()).containsOnlyKeys("architecture");
        assertThat(filtered.visibility()).isNull();
    }

    @Test
    void eachOptInCarriesItsOwnAttribute() {
        ImageCopy copy = ImageCopy.from(source().build());

        assertThat(copy.keepVisibility().spec().visibility()).isEqualTo(Visibility.COMMUNITY);
        assertThat(copy.keepVisibility().spec().isProtected()).isNull();
        assertThat(copy.keepProtection().spec().isProtected()).isTrue();
        assertThat(copy.keepProtection().spec().osHidden()).isNull();
        assertThat(copy.keepHidden().spec().osHidden()).isTrue();
        assertThat(copy.keepHidden().spec().visibility()).isNull();
    }

    @Test
    void optInsReturnNewCopiesAndLeaveTheOriginalAsItWas() {
        ImageCopy plain = ImageCopy.from(source().build());
        ImageCopy all = plain.keepProperties(name -> name.equals("architecture")).keepVisibility().keepProtection()
                .keepHidden();

        assertThat(all).isNotSameAs(plain);
        assertThat(plain.spec().visibility()).isNull();
        assertThat(plain.spec().properties()).containsKey("hp_image_license");
        ImageSpec spec = all.spec();
        assertThat(spec.properties()).containsOnlyKeys("architecture");
        assertThat(spec.visibility()).isEqualTo(Visibility.COMMUNITY);
        assertThat(spec.isProtected()).isTrue();
        assertThat(spec.osHidden()).isTrue();
    }

    @Test
    void aNewerPropertyFilterReplacesTheEarlierOneAndNeverKeepsGlancesOwn() {
        ImageSpec spec = ImageCopy.from(source().build()).keepProperties(name -> false)
                .keepProperties(name -> true).spec();

        assertThat(spec.properties()).containsOnlyKeys("architecture", "hp_image_license");
    }

    @Test
    void onlyAHiddenSourceCarriesOsHiddenAndOnlyAReportedProtectionIsCarried() {
        // false is every new image's default: carrying it would only make an API v1 target refuse the copy.
        Image visible = source().osHidden(false).isProtected(null).visibility(null).build();

        ImageSpec spec = ImageCopy.from(visible).keepVisibility().keepProtection().keepHidden().spec();

        assertThat(spec.osHidden()).isNull();
        assertThat(spec.isProtected()).isNull();
        assertThat(spec.visibility()).isNull();
        assertThat(ImageCopy.from(source().isProtected(false).build()).keepProtection().spec().isProtected())
                .isFalse();
    }

    @Test
    void nullsAreRefusedNamingTheArgument() {
        assertThatThrownBy(() -> ImageCopy.from(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("source");
        assertThatThrownBy(() -> ImageCopy.from(source().build()).keepProperties(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("keepProperty");
    }
}
