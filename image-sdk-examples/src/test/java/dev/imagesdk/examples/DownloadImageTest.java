package dev.imagesdk.examples;

import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.fake.Fault;
import dev.imagesdk.fake.Operation;
import dev.imagesdk.fake.junit.FakeGlanceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(FakeGlanceExtension.class)
class DownloadImageTest {

    @TempDir
    Path dir;

    @Test
    void resumesAfterADroppedConnectionAndTheFileMatches(FakeGlance fake) {
        fake.inject(Operation.DOWNLOAD, Fault.dropConnectionMidDownload(20L * 1024 * 1024));
        Path target = dir.resolve("image.qcow2");

        String out = ExampleRunner.run(fake, DownloadImage::main, "--to", target.toString(), "--keep");

        Path expected = SampleImage.write(dir.resolve("expected"), SampleImage.DEFAULT_SIZE, 8);
        assertThat(target).hasSameBinaryContentAs(expected);
        assertThat(out).contains("resumed 1 time(s) after a dropped connection").contains("identical");
        assertThat(ExampleRunner.imagesNamed(fake, "download-demo")).singleElement()
                .satisfies(i -> assertThat(i).containsEntry("status", "active"));
    }

    @Test
    void overApiV1WithoutKeepTheFileStaysAndTheImageGoes(FakeGlance fake) throws Exception {
        Path target = dir.resolve("v1.qcow2");

        String out = ExampleRunner.run(fake, DownloadImage::main, "--api", "v1", "--to", target.toString(),
                "--size-mib", "4");

        assertThat(out).contains("Connected with image API V1").doesNotContain("resumed");
        assertThat(Files.size(target)).isEqualTo(4L << 20);
        assertThat(target).hasSameBinaryContentAs(SampleImage.write(dir.resolve("expected"), 4L << 20, 8));
        assertThat(fake.images()).isEmpty();
    }

    @Test
    void aSizeThatIsNotANumberIsRefusedNamingTheFlag(FakeGlance fake) {
        assertThatThrownBy(() -> ExampleRunner.run(fake, DownloadImage::main, "--size-mib", "lots"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--size-mib").hasMessageContaining("lots");
        assertThat(fake.images()).isEmpty();
    }

    @Test
    void dropAtFlagMakesTheFakeCutTheDownloadOnce(FakeGlance fake) {
        String out = ExampleRunner.run(fake, DownloadImage::main, "--drop-at", "1000000", "--size-mib", "4");

        assertThat(out).contains("cut the next download after 1000000 bytes").contains("resumed 1 time(s)");
    }
}
