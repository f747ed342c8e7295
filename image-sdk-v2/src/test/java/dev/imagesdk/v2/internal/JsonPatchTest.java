package dev.imagesdk.v2.internal;

import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageUpdate;
import dev.imagesdk.model.Visibility;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonPatchTest {

    @Test
    void attributesAreReplacedPropertiesAddedAndRemoved() {
        ImageUpdate u = ImageUpdate.builder().name("http-sample-2").property("lab_new", "x")
                .property("lab_key", "two").removeProperty("os_distro").build();
        JsonPatch.Plan plan = JsonPatch.plan(u, null);
        assertThat(plan.document().toString()).isEqualTo("[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"http-sample-2\"},"
                + "{\"op\":\"add\",\"path\":\"/lab_new\",\"value\":\"x\"},"
                + "{\"op\":\"add\",\"path\":\"/lab_key\",\"value\":\"two\"},"
                + "{\"op\":\"remove\",\"path\":\"/os_distro\"}]");
        assertThat(plan.tagsToAdd()).isEmpty();
        assertThat(plan.tagsToRemove()).isEmpty();
    }

    @Test
    void booleansAndNumbersKeepTheirJsonTypes() {
        ImageUpdate u = ImageUpdate.builder().osHidden(true).isProtected(false).minRam(128).minDisk(2)
                .visibility(Visibility.COMMUNITY).build();
        assertThat(JsonPatch.plan(u, null).document().toString()).isEqualTo(
                "[{\"op\":\"replace\",\"path\":\"/visibility\",\"value\":\"community\"},"
                        + "{\"op\":\"replace\",\"path\":\"/protected\",\"value\":false},"
                        + "{\"op\":\"replace\",\"path\":\"/os_hidden\",\"value\":true},"
                        + "{\"op\":\"replace\",\"path\":\"/min_disk\",\"value\":2},"
                        + "{\"op\":\"replace\",\"path\":\"/min_ram\",\"value\":128}]");
    }

    @Test
    void pointerEscapesTildeBeforeSlash() {
        assertThat(JsonPatch.pointer("a~b")).isEqualTo("/a~0b");
        assertThat(JsonPatch.pointer("a~1")).isEqualTo("/a~01");
        assertThat(JsonPatch.pointer("com.hp__1__os_distro")).isEqualTo("/com.hp__1__os_distro");
        assertThat(JsonPatch.pointer("x/y")).isEqualTo("/x~1y");
    }

    @Test
    void propertyWithTildeIsEscapedInThePatch() {
        ImageUpdate u = ImageUpdate.builder().property("odd~name", "v").build();
        assertThat(JsonPatch.plan(u, null).ops().get(0).path()).isEqualTo("/odd~0name");
    }

    @Test
    void tagReplacementIsOneWholeArrayReplace() {
        ImageUpdate u = ImageUpdate.builder().replaceTags(List.of("b", "a")).build();
        assertThat(JsonPatch.plan(u, null).document().toString())
                .isEqualTo("[{\"op\":\"replace\",\"path\":\"/tags\",\"value\":[\"b\",\"a\"]}]");
    }

    @Test
    void emptyTagReplacementClearsTags() {
        ImageUpdate u = ImageUpdate.builder().replaceTags(List.of()).build();
        assertThat(JsonPatch.plan(u, null).document().toString())
                .isEqualTo("[{\"op\":\"replace\",\"path\":\"/tags\",\"value\":[]}]");
    }

    @Test
    void singleTagChangesGoToTheTagEndpointsNotThePatch() {
        ImageUpdate u = ImageUpdate.builder().addTag("t1").removeTag("t2").build();
        JsonPatch.Plan plan = JsonPatch.plan(u, null);
        assertThat(plan.ops()).isEmpty();
        assertThat(plan.tagsToAdd()).containsExactly("t1");
        assertThat(plan.tagsToRemove()).containsExactly("t2");
    }

    @Test
    void replaceAllPropertiesRemovesOthersButNeverReservedOnes() {
        Image current = Image.builder().id("d63ff38b-68c1-49d6-93fb-96740f4fbd4e").property("keep", "1")
                .property("drop", "2").property("os_glance_failed_import", "").property("also~drop", "3").build();
        ImageUpdate u = ImageUpdate.builder().property("keep", "new").replaceAllProperties().build();
        assertThat(JsonPatch.needsCurrentImage(u)).isTrue();
        assertThat(JsonPatch.plan(u, current).document().toString()).isEqualTo(
                "[{\"op\":\"add\",\"path\":\"/keep\",\"value\":\"new\"},"
                        + "{\"op\":\"remove\",\"path\":\"/drop\"},"
                        + "{\"op\":\"remove\",\"path\":\"/also~0drop\"}]");
    }

    @Test
    void replaceAllPropertiesWithoutTheCurrentImageIsAProgrammingError() {
        ImageUpdate u = ImageUpdate.builder().replaceAllProperties().build();
        assertThatThrownBy(() -> JsonPatch.plan(u, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reservedAndReadOnlyNamesAreRefused() {
        for (String name : List.of("os_glance_foo", "os_glance", "checksum", "status", "size", "stores",
                "os_hash_value", "location", "deleted_at", "self")) {
            assertThatThrownBy(() -> JsonPatch.checkWritableProperty(name))
                    .as(name).isInstanceOf(InvalidInputException.class)
                    .extracting(e -> ((InvalidInputException) e).value()).isEqualTo(name);
        }
        JsonPatch.checkWritableProperty("os_distro");
        JsonPatch.checkWritableProperty("hw_disk_bus");
    }

    @Test
    void emptyUpdateHasNoOps() {
        JsonPatch.Plan plan = JsonPatch.plan(ImageUpdate.builder().build(), null);
        assertThat(plan.ops()).isEmpty();
        assertThat(plan.document().toString()).isEqualTo("[]");
    }

    @Test
    void mediaTypeIsTheV21PatchType() {
        assertThat(JsonPatch.MEDIA_TYPE).isEqualTo("application/openstack-images-v2.1-json-patch");
    }
}
