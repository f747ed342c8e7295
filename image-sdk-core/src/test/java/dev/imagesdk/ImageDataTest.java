package dev.imagesdk;

import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageDataTest {

    @Test
    void pathIsReplayableWithItsLength(@TempDir Path dir) throws IOException {
        Path f = Files.write(dir.resolve("img"), new byte[]{1, 2, 3});
        ImageData d = ImageData.fromPath(f);
        assertThat(d.isReplayable()).isTrue();
        assertThat(d.length()).hasValue(3);
        try (InputStream a = d.open(); InputStream b = d.open()) {
            assertThat(a.readAllBytes()).containsExactly(1, 2, 3);
            assertThat(b.readAllBytes()).containsExactly(1, 2, 3);
        }
    }

    @Test
    void missingPathIsRefusedNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("nope.qcow2");
        assertThatThrownBy(() -> ImageData.fromPath(missing)).isInstanceOf(InvalidInputException.class)
                .hasMessage("Invalid file '" + missing + "': does not exist");
        assertThatThrownBy(() -> ImageData.fromPath(dir.resolve("no-dir").resolve("nope.qcow2")))
                .hasMessageEndingWith("does not exist (nor does its directory '" + dir.resolve("no-dir") + "')");
        assertThatThrownBy(() -> ImageData.fromPath(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is a directory");
    }

    @Test
    void oneShotStreamOpensOnlyOnce() throws IOException {
        ImageData d = ImageData.fromStream(new ByteArrayInputStream(new byte[]{9}), 1);
        assertThat(d.isReplayable()).isFalse();
        try (InputStream in = d.open()) {
            assertThat(in.read()).isEqualTo(9);
        }
        assertThatThrownBy(d::open).isInstanceOf(ImageSdkClientException.class).hasMessageContaining("one-shot");
    }

    @Test
    void unknownLengthIsEmptyAndInvalidLengthRefused() {
        assertThat(ImageData.fromSupplier(() -> new ByteArrayInputStream(new byte[0]), -1).length()).isEmpty();
        assertThatThrownBy(() -> ImageData.fromStream(new ByteArrayInputStream(new byte[0]), -2))
                .isInstanceOf(InvalidInputException.class).hasMessage("Invalid length '-2': must be -1 (unknown) or a byte count >= 0");
    }

    @Test
    void supplierFailureIsATypedError() {
        ImageData d = ImageData.fromSupplier(() -> {
            throw new IOException("disk gone");
        }, 10);
        assertThatThrownBy(d::open).isInstanceOf(ImageSdkClientException.class).hasMessageContaining("disk gone");
    }

    @Test
    void toStringSaysWhatItIs() {
        assertThat(ImageData.fromBytes(new byte[4]).toString()).isEqualTo("ImageData[byte array, length=4, replayable]");
    }
}
