package dev.imagesdk.model;

import dev.imagesdk.exception.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageUpdateTest {

    @Test
    void collectsTheIntent() {
        ImageUpdate u = ImageUpdate.builder()
                .name("renamed").visibility(Visibility.PUBLIC).isProtected(true).minRam(1024)
                .property(ImageProperties.hpImageType(HpImageType.DISK))
                .property("note", "x")
                .removeProperty("old")
                .addTag("a").removeTag("b")
                .build();
        assertThat(u.name()).contains("renamed");
        assertThat(u.visibility()).contains(Visibility.PUBLIC);
        assertThat(u.isProtected()).contains(true);
        assertThat(u.minRam()).contains(1024);
        assertThat(u.setProperties()).containsExactly(
                org.assertj.core.api.Assertions.entry("com.hp__1__image_type", "disk"),
                org.assertj.core.api.Assertions.entry("note", "x"));
        assertThat(u.removeProperties()).containsExactly("old");
        assertThat(u.addTags()).containsExactly("a");
        assertThat(u.removeTags()).containsExactly("b");
        assertThat(u.isEmpty()).isFalse();
        assertThat(u.toBuilder().build()).isEqualTo(u);
        assertThat(ImageUpdate.builder().build().isEmpty()).isTrue();
    }

    @Test
    void refusesSettingAndRemovingTheSameProperty() {
        assertThatThrownBy(() -> ImageUpdate.builder().property("p", "1").removeProperty("p").build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Invalid property name 'p': cannot be both set and removed in one update");
    }

    @Test
    void refusesRemovingByNameWhenReplacingAllProperties() {
        assertThatThrownBy(() -> ImageUpdate.builder().replaceAllProperties().removeProperty("p").build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'p'").hasMessageContaining("replaceAllProperties");
    }

    @Test
    void refusesTagOperationsAlongsideATagReplacement() {
        assertThatThrownBy(() -> ImageUpdate.builder().replaceTags(List.of("x")).addTag("y").build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Invalid tag 'y': cannot add or remove single tags when replacing all tags");
    }

    @Test
    void refusesAddingAndRemovingTheSameTag() {
        assertThatThrownBy(() -> ImageUpdate.builder().addTag("t").removeTag("t").build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Invalid tag 't': cannot be both added and removed in one update");
    }

    @Test
    void refusesInvalidTagsInAReplacement() {
        assertThatThrownBy(() -> ImageUpdate.builder().replaceTags(List.of("ok", "")).build())
                .isInstanceOf(InvalidInputException.class).hasMessage("Invalid tag '': must not be empty");
    }

    @Test
    void refusesReadOnlyAttributesAndReservedNamesAsPropertiesOrRemovals() {
        assertThatThrownBy(() -> ImageUpdate.builder().property("checksum", "abc"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'checksum'");
        assertThatThrownBy(() -> ImageUpdate.builder().removeProperty("os_glance_failed_import"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("reserved");
    }

    @Test
    void appliesTheSameFieldRulesAsTheSpec() {
        assertThatThrownBy(() -> ImageUpdate.builder().name("x".repeat(256)).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at most 255");
        assertThatThrownBy(() -> ImageUpdate.builder().minDisk(-1).build())
                .isInstanceOf(InvalidInputException.class).hasMessage("Invalid min_disk '-1': must be >= 0");
        assertThatThrownBy(() -> ImageUpdate.builder().visibility(Visibility.ALL).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("visibility");
    }
}
