package dev.imagesdk.assertj;

import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageStatus;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static dev.imagesdk.assertj.ImageSdkAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageAssertTest {

    private static Image imageOf(byte[] data) throws Exception {
        return Image.builder().id("2ffc3a4c-8272-478f-a7c1-7a8c3e35b2c1").name("img").status(ImageStatus.ACTIVE)
                .size((long) data.length)
                .checksum(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data)))
                .osHashAlgo("sha512")
                .osHashValue(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(data)))
                .property("architecture", "x86_64").tags(java.util.List.of("t")).build();
    }

    @Test
    void passesOnAMatchingImage() throws Exception {
        byte[] data = "hello".getBytes(StandardCharsets.UTF_8);
        assertThat(imageOf(data)).isActive().hasName("img").hasChecksumOf(data).hasProperty("architecture", "x86_64")
                .hasTag("t").doesNotHaveProperty("os_distro");
    }

    @Test
    void failsOnADifferentChecksumOrStatus() throws Exception {
        Image image = imageOf("hello".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> assertThat(image).hasChecksumOf("hellO".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("checksum");
        assertThatThrownBy(() -> assertThat(image).isQueued())
                .isInstanceOf(AssertionError.class).hasMessageContaining("queued");
    }
}
