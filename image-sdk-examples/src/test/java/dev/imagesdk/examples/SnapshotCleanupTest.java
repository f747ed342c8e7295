package dev.imagesdk.examples;

import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.fake.junit.FakeGlanceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(FakeGlanceExtension.class)
class SnapshotCleanupTest {

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void purgesAllButTheLicenseThenAddsTheRequiredProperties(String api, FakeGlance fake) {
        String out = ExampleRunner.run(fake, SnapshotCleanup::main, "--api", api, "--keep");

        Map<String, Object> image = ExampleRunner.imagesNamed(fake, "my-server-snapshot").get(0);
        assertThat(image)
                .containsEntry("hp_image_license", "1002")
                .containsEntry("architecture", "x86_64")
                .containsEntry("com.hp__1__image_type", "disk")
                .containsEntry("com.hp__1__image_lifecycle", "active")
                .containsEntry("com.hp__1__bootable_volume", "true")
                .containsEntry("com.hp__1__os_distro", "org.debian")
                .doesNotContainKeys("image_type", "instance_uuid", "base_image_ref", "image_location", "user_id");
        assertThat(out).contains("the image now meets the partner-image profile");
    }

    @Test
    void aSnapshotGivenByIdIsCleanedAndNeverDeleted(FakeGlance fake) {
        String id = fake.seedImage("demo", Map.of("name", "snap", "disk_format", "qcow2", "container_format", "bare",
                "image_type", "snapshot", "instance_uuid", "abc"), null);

        ExampleRunner.run(fake, SnapshotCleanup::main, "--image", id);

        assertThat(fake.image(id)).get().satisfies(i -> assertThat(i)
                .containsEntry("architecture", "x86_64")
                .doesNotContainKeys("image_type", "instance_uuid", "hp_image_license"));
    }
}
