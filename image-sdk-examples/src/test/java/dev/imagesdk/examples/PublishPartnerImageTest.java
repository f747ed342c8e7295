package dev.imagesdk.examples;

import dev.imagesdk.ImageService;
import dev.imagesdk.assertj.ImageSdkAssertions;
import dev.imagesdk.model.ImageLifecycle;
import dev.imagesdk.model.ImageProperties;
import dev.imagesdk.model.Visibility;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.fake.junit.FakeGlanceClient;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.fake.junit.FakeGlanceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(FakeGlanceExtension.class)
class PublishPartnerImageTest {

    private static final String DEPRECATED_NAME = "My Custom Image (deprecated)";

    @Test
    void keptImageEndsPublicDeprecatedWithTheConsoleProperties(FakeGlance fake,
            @FakeGlanceClient(user = "admin") ImageService admin) {
        String out = ExampleRunner.run(fake, PublishPartnerImage::main, "--keep");

        assertThat(ExampleRunner.firstLine(out)).isEqualTo("Running against an embedded fake Glance at "
                + fake.url() + " (no OS_CLOUD or OS_AUTH_URL set)");
        List<Map<String, Object>> found = ExampleRunner.imagesNamed(fake, DEPRECATED_NAME);
        assertThat(found).hasSize(1);
        assertPublishedAndDeprecated(found.get(0), SampleImage.DEFAULT_SIZE);
        // The fake's inspection view has no formats: read them as a client would.
        Image image = admin.get((String) found.get(0).get("id"));
        ImageSdkAssertions.assertThat(image).isActive()
                .hasDiskFormat(DiskFormat.QCOW2).hasContainerFormat(ContainerFormat.BARE)
                .hasVisibility(Visibility.PUBLIC)
                .hasProperty(ImageProperties.HP_IMAGE_LIFECYCLE, ImageLifecycle.DEPRECATED);
        assertThat(out).contains("upload [##############################] 100%  64.0 MiB / 64.0 MiB")
                .contains("| name                       | My Custom Image (deprecated)         |")
                .contains("Keep the image (--keep)");
    }

    @Test
    void sameWorkflowOverApiV1WithTheUsersFile(FakeGlance fake, @TempDir Path dir) {
        Path file = SampleImage.write(dir.resolve("mine.qcow2"), 2L << 20, 99);

        String out = ExampleRunner.run(fake, PublishPartnerImage::main, "--api", "v1", "--keep",
                "--file", file.toString());

        assertThat(out).contains("Connected with image API V1").contains("Upload mine.qcow2");
        List<Map<String, Object>> found = ExampleRunner.imagesNamed(fake, DEPRECATED_NAME);
        assertThat(found).hasSize(1);
        assertPublishedAndDeprecated(found.get(0), 2L << 20);
        assertThat(found.get(0)).containsEntry("checksum", SampleImage.digests(file).md5());
    }

    @Test
    void withoutKeepTheImageIsDeletedAtTheEnd(FakeGlance fake, @TempDir Path dir) {
        Path file = SampleImage.write(dir.resolve("small.qcow2"), 1L << 20, 1);

        String out = ExampleRunner.run(fake, PublishPartnerImage::main, "--name", "Partner Image 2",
                "--file", file.toString());

        assertThat(fake.images()).isEmpty();
        assertThat(out).contains("1. Inspect small.qcow2\n   qcow2, virtual size 1 MiB, safe")
                .contains("10. Delete the image").contains("is gone");
    }

    @Test
    void aFileThatIsNotQcow2InFactStopsBeforeAnythingIsCreated(FakeGlance fake, @TempDir Path dir) throws Exception {
        Path raw = Files.write(dir.resolve("disk.qcow2"), new byte[1 << 20]); // zeros: raw, whatever its name

        assertThatThrownBy(() -> ExampleRunner.run(fake, PublishPartnerImage::main, "--file", raw.toString()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("FILE_QCOW2").hasMessageContaining("'raw'");
        assertThat(fake.images()).isEmpty();
    }

    @Test
    void aNameTheProfileRefusesStopsBeforeAnythingIsCreated(FakeGlance fake) {
        assertThatThrownBy(() -> ExampleRunner.run(fake, PublishPartnerImage::main, "--name", "x".repeat(73)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("NAME_MAX_72");
        assertThat(fake.images()).isEmpty();
    }

    @Test
    void theGeneratedSampleIsRemovedEvenWithKeep(FakeGlance fake) throws Exception {
        Set<Path> before = exampleTempDirs();

        ExampleRunner.run(fake, PublishPartnerImage::main, "--keep");

        // Nothing new is left; another build's sample folder may come and go meanwhile (a shared tmpdir).
        assertThat(exampleTempDirs()).isSubsetOf(before);
        assertThat(ExampleRunner.imagesNamed(fake, DEPRECATED_NAME)).hasSize(1);
    }

    private static Set<Path> exampleTempDirs() throws Exception {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("image-sdk-example-")).collect(Collectors.toSet());
        }
    }

    @Test
    void anUnknownFlagIsRefusedNamingIt(FakeGlance fake) {
        assertThatThrownBy(() -> ExampleRunner.run(fake, PublishPartnerImage::main, "--colour", "red"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--colour");
    }

    private static void assertPublishedAndDeprecated(Map<String, Object> image, long size) {
        assertThat(image)
                .containsEntry("status", "active")
                .containsEntry("visibility", "public")
                .containsEntry("architecture", "x86_64")
                .containsEntry("com.hp__1__image_type", "disk")
                .containsEntry("com.hp__1__image_lifecycle", "deprecated")
                .containsEntry("com.hp__1__bootable_volume", "true")
                .containsEntry("com.hp__1__os_distro", "org.debian");
        assertThat(((Number) image.get("size")).longValue()).isEqualTo(size);
    }
}
