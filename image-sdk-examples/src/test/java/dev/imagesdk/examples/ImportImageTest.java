package dev.imagesdk.examples;

import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.fake.junit.FakeGlanceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(FakeGlanceExtension.class)
class ImportImageTest {

    @Test
    void bothImportsEndActiveWithTheSourceChecksums(FakeGlance fake, @TempDir Path dir) {
        String out = ExampleRunner.run(fake, ImportImage::main, "--keep");

        SampleImage.Digests source = SampleImage.digests(SampleImage.write(dir.resolve("src"), 16L * 1024 * 1024, 16));
        for (String name : new String[] {"import-web-download-demo", "import-glance-direct-demo"}) {
            assertThat(ExampleRunner.imagesNamed(fake, name)).singleElement().satisfies(i -> assertThat(i)
                    .containsEntry("status", "active")
                    .containsEntry("checksum", source.md5())
                    .containsEntry("os_hash_value", source.sha512()));
        }
        assertThat(out).contains("web-download").contains("glance-direct")
                .contains("stage [##############################] 100%");
    }

    @Test
    void withoutKeepBothImagesAreDeleted(FakeGlance fake) {
        ExampleRunner.run(fake, ImportImage::main);

        assertThat(fake.images()).isEmpty();
    }

    @Test
    void apiV1IsRefused(FakeGlance fake) {
        assertThatThrownBy(() -> ExampleRunner.run(fake, ImportImage::main, "--api", "v1"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("v2");
    }
}
