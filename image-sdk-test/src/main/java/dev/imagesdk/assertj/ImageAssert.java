package dev.imagesdk.assertj;

import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageProperty;
import dev.imagesdk.model.ImageStatus;
import dev.imagesdk.model.Visibility;
import org.assertj.core.api.AbstractObjectAssert;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * AssertJ assertions for {@link Image}, so tests read as sentences:
 * {@code assertThat(image).isActive().hasChecksumOf(file).hasProperty("architecture", "x86_64")}.
 */
public class ImageAssert extends AbstractObjectAssert<ImageAssert, Image> {

    /**
     * Starts assertions on an image; prefer {@link ImageSdkAssertions#assertThat(Image)}.
     *
     * @param actual the image under test (may be null: every assertion then fails)
     */
    public ImageAssert(Image actual) {
        super(actual, ImageAssert.class);
    }

    /**
     * Verifies the image's id.
     *
     * @param id the expected id
     * @return this assertion, for chaining
 * @throws AssertionError if the image is null or its id differs
     */
    public ImageAssert hasId(String id) {
        isNotNull();
        if (!Objects.equals(actual.id(), id)) {
            failWithMessage("Expected image id <%s> but was <%s>", id, actual.id());
        }
        return this;
    }

    /**
     * Verifies the image's name.
     *
     * @param name the expected name (null: the image has no name)
     * @return this assertion, for chaining
 * @throws AssertionError if the image is null or its name differs
     */
    public ImageAssert hasName(String name) {
        isNotNull();
        if (!Objects.equals(actual.name(), name)) {
            failWithMessage("Expected image %s to be named <%s> but was <%s>", actual.id(), name, actual.name());
        }
        return this;
    }

    /**
     * Verifies the image's status.
     *
     * @param status the expected status
     * @return this assertion, for chaining
 * @throws AssertionError if the image is null or its status differs
     */
    public ImageAssert hasStatus(ImageStatus status) {
        isNotNull();
        if (!Objects.equals(actual.status(), status)) {
            failWithMessage("Expected image %s to be <%s> but was <%s>", actual.id(), status, actual.status());
        }
        return this;
    }

    /**
     * Verifies the image is {@link ImageStatus#ACTIVE}.
     *
     * @return this assertion, for chaining
 * @throws AssertionError if the image is null or it is not active
     */
    public ImageAssert isActive() {
        return hasStatus(ImageStatus.ACTIVE);
    }

    /**
     * Verifies the image is {@link ImageStatus#QUEUED}.
     *
     * @return this assertion, for chaining
 * @throws AssertionError if the image is null or it is not queued
     */
    public ImageAssert isQueued() {
        return hasStatus(ImageStatus.QUEUED);
    }

    /**
     * Verifies the image's visibility.
     *
     * @param visibility the expected visibility
     * @return this assertion, for chaining
 * @throws AssertionError if the image is null or its visibility differs
     */
    public ImageAssert hasVisibility(Visibility visibility) {
        isNotNull();
        if (!Objects.equals(actual.visibility(), visibility)) {
            failWithMessage("Expected image %s visibility <%s> but was <%s>", actual.id(), visibility,
                    actual.visibility());
        }
        return this;
    }

    /**
     * Verifies the image's {@code disk_format}.
     *
     * @param format the expected disk format
     * @return this assertion, for chaining
 * @throws AssertionError if the image is null or its disk format differs
     */
    public ImageAssert hasDiskFormat(DiskFormat format) {
        isNotNull();
        if (!Objects.equals(actual.diskFormat(), format)) {
            failWithMessage("Expected disk_format <%s> but was <%s>", format, actual.diskFormat());
        }
        return this;
    }

    /**
     * Verifies the image's {@code container_format}.
     *
     * @param format the expected container format
     * @return this assertion, for chaining
 * @throws AssertionError if the image is null or its container format differs
     */
    public ImageAssert hasContainerFormat(ContainerFormat format) {
        isNotNull();
        if (!Objects.equals(actual.containerFormat(), format)) {
            failWithMessage("Expected container_format <%s> but was <%s>", format, actual.containerFormat());
        }
        return this;
    }

    /**
     * Verifies one property, compared as its string value.
     *
     * @param name the property name
     * @param value the expected value (null: the property is absent)
     * @return this assertion, for chaining
 * @throws AssertionError if the image is null or the property's value differs
     */
    public ImageAssert hasProperty(String name, String value) {
        isNotNull();
        String v = actual.properties().get(name);
        if (!Objects.equals(v, value)) {
            failWithMessage("Expected property <%s> = <%s> but was <%s> (properties %s)", name, value, v,
                    actual.properties());
        }
        return this;
    }

    /**
     * Verifies one typed property.
     *
     * @param property the typed property
     * @param value the expected value (null: the property is absent)
     * @param <T> the property's value type
     * @return this assertion, for chaining
 * @throws AssertionError if the image is null or the property's value differs
     */
    public <T> ImageAssert hasProperty(ImageProperty<T> property, T value) {
        isNotNull();
        T v = actual.property(property).orElse(null);
        if (!Objects.equals(v, value)) {
            failWithMessage("Expected property <%s> = <%s> but was <%s>", property.name(), value, v);
        }
        return this;
    }

    /**
     * Verifies the image has no property of that name.
     *
     * @param name the property name
     * @return this assertion, for chaining
 * @throws AssertionError if the image is null or it has the property
     */
    public ImageAssert doesNotHaveProperty(String name) {
        isNotNull();
        if (actual.properties().containsKey(name)) {
            failWithMessage("Expected no property <%s> but found <%s>", name, actual.properties().get(name));
        }
        return this;
    }

    /**
     * Verifies the image carries a tag.
     *
     * @param tag the expected tag
     * @return this assertion, for chaining
 * @throws AssertionError if the image is null or the tag is missing
     */
    public ImageAssert hasTag(String tag) {
        isNotNull();
        if (!actual.tags().contains(tag)) {
            failWithMessage("Expected tag <%s> in %s", tag, actual.tags());
        }
        return this;
    }

    /**
     * Verifies the image's size in bytes.
     *
     * @param size the expected size
     * @return this assertion, for chaining
 * @throws AssertionError if the image is null or its size differs
     */
    public ImageAssert hasSize(long size) {
        isNotNull();
        if (!Objects.equals(actual.size(), size)) {
            failWithMessage("Expected size <%s> but was <%s>", size, actual.size());
        }
        return this;
    }

    /**
     * Verifies the image's MD5 {@code checksum}, its size and (if present) its sha512 {@code os_hash_value}
     * match the data.
     *
     * @param data the expected content
     * @return this assertion, for chaining
     * @throws AssertionError if the image is null or its size or a checksum differs
     */
    public ImageAssert hasChecksumOf(byte[] data) {
        isNotNull();
        hasSize(data.length);
        try {
            checkDigests(new java.io.ByteArrayInputStream(data));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * Verifies the image's MD5 {@code checksum}, its size and (if present) its sha512 {@code os_hash_value}
     * match the file's content.
     *
     * @param file the file with the expected content
     * @return this assertion, for chaining
     * @throws AssertionError if the image is null or its size or a checksum differs
     * @throws UncheckedIOException if the file cannot be read
     */
    public ImageAssert hasChecksumOf(Path file) {
        isNotNull();
        try (InputStream in = Files.newInputStream(file)) {
            hasSize(Files.size(file));
            checkDigests(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private void checkDigests(InputStream in) throws IOException {
        MessageDigest md5 = digest("MD5");
        MessageDigest sha512 = digest("SHA-512");
        byte[] buf = new byte[65536];
        for (int n; (n = in.read(buf)) > 0; ) {
            md5.update(buf, 0, n);
            sha512.update(buf, 0, n);
        }
        String md5Hex = HexFormat.of().formatHex(md5.digest());
        if (!md5Hex.equals(actual.checksum())) {
            failWithMessage("Expected checksum (MD5) <%s> but the image has <%s>", md5Hex, actual.checksum());
        }
        if (actual.osHashValue() != null && "sha512".equals(actual.osHashAlgo())) {
            String shaHex = HexFormat.of().formatHex(sha512.digest());
            if (!shaHex.equals(actual.osHashValue())) {
                failWithMessage("Expected os_hash_value (sha512) <%s> but the image has <%s>", shaHex,
                        actual.osHashValue());
            }
        }
    }

    private static MessageDigest digest(String algo) {
        try {
            return MessageDigest.getInstance(algo);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
