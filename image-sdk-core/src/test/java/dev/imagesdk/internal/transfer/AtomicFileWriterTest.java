package dev.imagesdk.internal.transfer;

import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicFileWriterTest {

    @TempDir
    Path dir;

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void writesThroughAHiddenPartFileInTheTargetDirectory() throws Exception {
        Path target = dir.resolve("image.qcow2");
        AtomicReference<List<Path>> during = new AtomicReference<>();

        String result = AtomicFileWriter.write(target, out -> {
            out.write("data".getBytes(StandardCharsets.UTF_8));
            during.set(files());
            return "ok";
        });

        assertThat(result).isEqualTo("ok");
        assertThat(during.get()).singleElement().satisfies(p ->
                assertThat(p.getFileName().toString()).startsWith(".image.qcow2.").endsWith(".part"));
        assertThat(files()).containsExactly(target);
        assertThat(Files.readString(target)).isEqualTo("data");
    }

    @Test
    void failureDeletesTheTempFileAndLeavesTheExistingTargetUntouched() throws Exception {
        Path target = dir.resolve("image.qcow2");
        Files.writeString(target, "old");

        assertThatThrownBy(() -> AtomicFileWriter.write(target, out -> {
            out.write(new byte[1000]);
            throw new IOException("connection lost");
        })).isInstanceOf(ImageSdkClientException.class).hasMessageContaining("connection lost");

        assertThat(files()).containsExactly(target);
        assertThat(Files.readString(target)).isEqualTo("old");
    }

    @Test
    void typedFailureIsRethrownAsIs() throws Exception {
        Path target = dir.resolve("image.qcow2");
        ImageSdkClientException failure = new ImageSdkClientException("mismatch");

        assertThatThrownBy(() -> AtomicFileWriter.write(target, out -> {
            throw failure;
        })).isSameAs(failure);
        assertThat(files()).isEmpty();
    }

    @Test
    void directoryTargetIsRefused() {
        assertThatThrownBy(() -> AtomicFileWriter.write(dir, out -> null))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("target"));
    }

    @Test
    void missingDirectoryFailsTyped() {
        Path target = dir.resolve("no-such-dir").resolve("image.raw");

        assertThatThrownBy(() -> AtomicFileWriter.write(target, out -> null))
                .isInstanceOf(ImageSdkClientException.class);
    }
}
