package dev.imagesdk.examples;

import dev.imagesdk.ImageService;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.fake.junit.FakeGlanceExtension;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageProperties;
import dev.imagesdk.model.Visibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(FakeGlanceExtension.class)
class ManageImagesTest {

    @Test
    void keptImagesCarryTheModificationsMetadataAndProtection(FakeGlance fake, ImageService demo) {
        String out = ExampleRunner.run(fake, ManageImages::main, "--keep");

        assertThat(ExampleRunner.firstLine(out)).startsWith("Running against an embedded fake Glance at ");
        assertThat(fake.images()).hasSize(3)
                .allSatisfy(i -> assertThat(i).containsEntry("visibility", "private")
                        .containsEntry("status", "active")
                        .containsEntry(ManageImages.SET_PROPERTY, ManageImages.SET_VALUE)
                        .containsEntry("owner", fake.projectId("demo")));
        List<Map<String, Object>> renamed = ExampleRunner.imagesNamed(fake, "cirros-demo-a (renamed)");
        assertThat(renamed).hasSize(1);
        Image first = demo.get((String) renamed.get(0).get("id"));
        assertThat(first.isProtected()).isTrue();
        assertThat(first.minDisk()).isEqualTo(1);
        assertThat(first.minRam()).isEqualTo(512);
        assertThat(first.property(ImageProperties.OS_DISTRO)).contains("cirros");
        assertThat(first.property(ImageProperties.OS_VERSION)).contains("0.6.2");
        assertThat(first.property("description")).isEmpty();
        assertThat(first.visibility()).isEqualTo(Visibility.PRIVATE);
        // The listing table shows all three, sorted by name, although pages hold two.
        assertThat(out).containsSubsequence("| cirros-demo-a (renamed)", "| cirros-demo-b", "| cirros-demo-c")
                .contains("refused as expected: HTTP 403");
    }

    @Test
    void withoutKeepEveryImageIsDeletedIncludingTheProtectedOne(FakeGlance fake) {
        String out = ExampleRunner.run(fake, ManageImages::main);

        assertThat(fake.images()).isEmpty();
        assertThat(out).contains("Unprotect the first image and delete all three");
    }

    @Test
    void sameWorkflowOverApiV1(FakeGlance fake) {
        String out = ExampleRunner.run(fake, ManageImages::main, "--api", "v1", "--keep");

        assertThat(out).contains("Connected with image API V1").contains("refused as expected: HTTP 403");
        assertThat(fake.images()).hasSize(3);
        assertThat(ExampleRunner.imagesNamed(fake, "cirros-demo-a (renamed)")).singleElement()
                .satisfies(i -> assertThat(i).containsEntry("protected", true)
                        .containsEntry("os_version", "0.6.2")
                        .doesNotContainKey("description"));
    }
}
