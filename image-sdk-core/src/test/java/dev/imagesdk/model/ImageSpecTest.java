package dev.imagesdk.model;

import dev.imagesdk.exception.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageSpecTest {

    @Test
    void buildsTheSeedPartnerImageSpec() {
        ImageSpec spec = ImageSpec.builder()
                .name("My Custom Image")
                .diskFormat(DiskFormat.QCOW2).containerFormat(ContainerFormat.BARE)
                .property(ImageProperties.architecture(Architecture.X86_64))
                .tag("partner")
                .minDisk(10).minRam(512)
                .build();
        assertThat(spec.name()).isEqualTo("My Custom Image");
        assertThat(spec.properties()).containsEntry("architecture", "x86_64");
        assertThat(spec.property(ImageProperties.ARCHITECTURE)).contains(Architecture.X86_64);
        assertThat(spec.tags()).containsExactly("partner");
        assertThat(spec.id()).isEmpty();
        assertThat(spec.toBuilder().build()).isEqualTo(spec);
    }

    @Test
    void refusesAnIdThatIsNotAUuid() {
        assertThatThrownBy(() -> ImageSpec.builder().id("my-image").build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("id").hasMessageContaining("'my-image'").hasMessageContaining("UUID")
                .satisfies(e -> {
                    assertThat(((InvalidInputException) e).field()).isEqualTo("id");
                    assertThat(((InvalidInputException) e).value()).isEqualTo("my-image");
                });
    }

    @Test
    void acceptsAUuidId() {
        String id = "2ffc3a4c-8272-478f-a7c1-7a8c3e35b2c1";
        assertThat(ImageSpec.builder().id(id).build().id()).contains(id);
    }

    @Test
    void refusesANameOver255Characters() {
        String name = "n".repeat(256);
        assertThatThrownBy(() -> ImageSpec.builder().name(name).build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Invalid name 'nnn")
                .hasMessageContaining("at most 255 characters (is 256)");
        assertThat(ImageSpec.builder().name("n".repeat(255)).build().name()).hasSize(255);
    }

    @Test
    void refusesControlCharactersInTheName() {
        assertThatThrownBy(() -> ImageSpec.builder().name("bad\nname").build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("name").hasMessageContaining("control characters");
    }

    @Test
    void refusesNegativeMinDiskAndMinRam() {
        assertThatThrownBy(() -> ImageSpec.builder().minDisk(-1).build())
                .isInstanceOf(InvalidInputException.class).hasMessage("Invalid min_disk '-1': must be >= 0");
        assertThatThrownBy(() -> ImageSpec.builder().minRam(-5).build())
                .isInstanceOf(InvalidInputException.class).hasMessage("Invalid min_ram '-5': must be >= 0");
    }

    @Test
    void refusesVisibilityAllWhichIsOnlyAFilter() {
        assertThatThrownBy(() -> ImageSpec.builder().visibility(Visibility.ALL).build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("visibility").hasMessageContaining("'all'").hasMessageContaining("list filter");
    }

    @Test
    void refusesEmptyTooLongAndSlashTags() {
        assertThatThrownBy(() -> ImageSpec.builder().tag("").build())
                .isInstanceOf(InvalidInputException.class).hasMessage("Invalid tag '': must not be empty");
        assertThatThrownBy(() -> ImageSpec.builder().tag("t".repeat(256)).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at most 255 characters");
        assertThatThrownBy(() -> ImageSpec.builder().tag("a/b").build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'a/b'").hasMessageContaining("'/'");
    }

    @Test
    void refusesImageAttributesAsProperties() {
        for (String attribute : List.of("checksum", "status", "id", "size", "os_hash_value", "locations")) {
            assertThatThrownBy(() -> ImageSpec.builder().property(attribute, "x"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("property name '" + attribute + "'")
                    .hasMessageContaining("image attribute");
        }
    }

    @Test
    void refusesReservedOsGlancePropertyNames() {
        assertThatThrownBy(() -> ImageSpec.builder().property("os_glance_import_task", "x"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'os_glance_import_task'").hasMessageContaining("reserved");
    }

    @Test
    void refusesBlankOverlongAndSlashPropertyNamesAndNullValues() {
        assertThatThrownBy(() -> ImageSpec.builder().property(" ", "x"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> ImageSpec.builder().property("p".repeat(256), "x"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at most 255 characters");
        assertThatThrownBy(() -> ImageSpec.builder().property("a/b", "x"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'/'");
        assertThatThrownBy(() -> ImageSpec.builder().property("note", null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("note").hasMessageContaining("null");
        assertThatThrownBy(() -> ImageSpec.builder().property("note", "v".repeat(65536)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at most 65535 characters");
    }

    @Test
    void longValuesAreAbbreviatedInMessages() {
        InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                () -> ImageSpec.builder().name("x".repeat(1000)).build());
        assertThat(e.getMessage()).contains("(1000 chars)").hasSizeLessThan(400);
        assertThat(e.value()).hasSize(1000);
    }
}
