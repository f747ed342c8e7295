package dev.imagesdk.model;

import dev.imagesdk.exception.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageTest {

    @Test
    void holdsEveryFieldAndCopiesThroughToBuilder() {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        Image image = Image.builder().id("2ffc3a4c-8272-478f-a7c1-7a8c3e35b2c1").name("n")
                .status(ImageStatus.ACTIVE).visibility(Visibility.SHARED).isProtected(false).osHidden(false)
                .checksum("c").osHashAlgo("sha512").osHashValue("h").size(10L).virtualSize(20L).minDisk(1).minRam(2)
                .diskFormat(DiskFormat.QCOW2).containerFormat(ContainerFormat.BARE).owner("o")
                .createdAt(now).updatedAt(now).directUrl("file:///x").self("/v2/images/x").file("/v2/images/x/file")
                .schema("/v2/schemas/image").isPublic(null).deleted(false).deletedAt(null)
                .tags(List.of("a", "b")).stores(List.of("file1", "file2"))
                .locations(List.of(new ImageLocation("file:///x", Map.of("store", "file1"))))
                .property("architecture", "x86_64").build();
        assertThat(image.toBuilder().build()).isEqualTo(image).hasSameHashCodeAs(image);
        assertThat(image.isActive()).isTrue();
        assertThat(image.stores()).containsExactly("file1", "file2");
        assertThat(image.toString()).contains("2ffc3a4c").contains("active").contains("architecture=x86_64");
        assertThat(image.toBuilder().name("other").build()).isNotEqualTo(image);
    }

    @Test
    void collectionsAreNeverNullAndAreImmutable() {
        Image image = Image.builder().id("x").build();
        assertThat(image.tags()).isEmpty();
        assertThat(image.properties()).isEmpty();
        assertThatThrownBy(() -> image.tags().add("t")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> image.properties().put("k", "v")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void requiresAnId() {
        assertThatThrownBy(() -> Image.builder().name("x").build())
                .isInstanceOf(InvalidInputException.class).hasMessage("Invalid id null: an image needs an id");
    }
}
