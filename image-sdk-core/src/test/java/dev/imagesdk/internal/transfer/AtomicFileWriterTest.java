package dev.imagesdk.internal.transfer;

import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    @Test
    void fileNamesOfUpTo255BytesAreWrittenThroughATempNameThatFits() throws Exception {
        for (String name : List.of("a".repeat(255), "b".repeat(237), "\u00e9".repeat(127) + "x", "\ud83d\ude00".repeat(63) + "abc")) {
            assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
            Path target = dir.resolve(name);
            AtomicReference<List<Path>> during = new AtomicReference<>();
            AtomicFileWriter.write(target, out -> {
                out.write(1);
                during.set(files());
                return null;
            });
            assertThat(Files.readAllBytes(target)).containsExactly(1);
            assertThat(during.get()).singleElement().satisfies(temp -> assertThat(
                    temp.getFileName().toString().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255));
            Files.delete(target);
        }
    }

    @Test
    void tempNameIsCutOnACharacterBoundary() {
        String name = AtomicFileWriter.tempName("\u00e9".repeat(200));
        assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        assertThat(name).matches("\\.\u00e9+\\.[0-9a-f]{12}\\.imagesdk\\.part");
    }

    @Test
    void staleTempFilesOfThisSdkOlderThanADayAreRemovedAndNothingElse() throws Exception {
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(Duration.ofHours(25)));
        Path staleOurs = Files.writeString(dir.resolve(".image.raw.0123456789ab.imagesdk.part"), "x");
        Path staleEarlierPattern = Files.writeString(dir.resolve(".image.raw.ba9876543210.part"), "x");
        Path freshOurs = Files.writeString(dir.resolve(".other.raw.00112233aabb.imagesdk.part"), "x");
        Path staleForeign = Files.writeString(dir.resolve("movie.mkv.part"), "x");
        Path staleForeignHidden = Files.writeString(dir.resolve(".download.part"), "x");
        for (Path p : List.of(staleOurs, staleEarlierPattern, staleForeign, staleForeignHidden)) {
            Files.setLastModifiedTime(p, old);
        }

        AtomicFileWriter.write(dir.resolve("new.raw"), out -> null);

        assertThat(files()).containsExactlyInAnyOrder(freshOurs, staleForeign, staleForeignHidden,
                dir.resolve("new.raw"));
    }

    @Test
    void durableWriteForcesInTheBackgroundWhileTheContentIsWritten() throws Exception {
        Path target = dir.resolve("image.raw");
        byte[] block = TestData.random(1 << 20, 3);
        List<Long> writtenWhenForced = new java.util.concurrent.CopyOnWriteArrayList<>();
        long[] writtenSoFar = {0};
        java.util.concurrent.Executor background = task -> {
            writtenWhenForced.add(writtenSoFar[0]);
            task.run();
        };
        long total = AtomicFileWriter.FORCE_EVERY * 2 + block.length;

        AtomicFileWriter.write(target, true, background, out -> {
            while (writtenSoFar[0] < total) {
                out.write(block);
                writtenSoFar[0] += block.length;
            }
            return null;
        });

        // One background force per interval, each asked for by the write that crossed it, not at the end.
        assertThat(writtenWhenForced).containsExactly(AtomicFileWriter.FORCE_EVERY - block.length,
                2 * AtomicFileWriter.FORCE_EVERY - block.length);
        assertThat(Files.size(target)).isEqualTo(total);
    }

    @Test
    void writeThatIsNotDurableForcesNothingInTheBackgroundAndStillMovesIntoPlace() throws Exception {
        Path target = dir.resolve("image.raw");
        Files.writeString(target, "old");
        List<Runnable> background = new java.util.concurrent.CopyOnWriteArrayList<>();

        AtomicFileWriter.write(target, false, background::add, out -> {
            for (int i = 0; i < 40; i++) {
                out.write(new byte[1 << 20]);
            }
            return null;
        });

        assertThat(background).isEmpty();
        assertThat(files()).containsExactly(target);
        assertThat(Files.size(target)).isEqualTo(40L << 20);
    }

    @Test
    void failureOfWriteThatIsNotDurableLeavesTheExistingTargetUntouched() throws Exception {
        Path target = dir.resolve("image.raw");
        Files.writeString(target, "old");

        assertThatThrownBy(() -> AtomicFileWriter.write(target, false, null, out -> {
            out.write(new byte[1000]);
            throw new IOException("connection lost");
        })).isInstanceOf(ImageSdkClientException.class).hasMessageContaining("connection lost");

        assertThat(files()).containsExactly(target);
        assertThat(Files.readString(target)).isEqualTo("old");
    }
}
