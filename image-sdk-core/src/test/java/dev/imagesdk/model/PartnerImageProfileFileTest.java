package dev.imagesdk.model;

import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.inspect.DiskImageReport;
import dev.imagesdk.inspect.Finding;
import dev.imagesdk.model.PartnerImageProfile.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The partner profile's file rules: qcow2 in fact, safe, and a min_disk that covers the virtual size. */
class PartnerImageProfileFileTest {

    static final long GIB = 1L << 30;

    private static ImageSpec.Builder compliant() {
        return ImageSpec.builder().name("My Custom Image")
                .diskFormat(DiskFormat.QCOW2).containerFormat(ContainerFormat.BARE)
                .property(ImageProperties.architecture(Architecture.X86_64));
    }

    private static DiskImageReport qcow2(long virtualSize, Finding... findings) {
        return DiskImageReport.of(DiskFormat.QCOW2, virtualSize, List.of(findings), 65536);
    }

    @Test
    void safeQcow2FileWithACoveringMinDiskIsCompliant() {
        ProfileReport r = PartnerImageProfile.deploy().check(compliant().minDisk(10).build(), qcow2(10 * GIB));

        assertThat(r.isCompliant()).isTrue();
    }

    @Test
    void rawFileDeclaredQcow2ViolatesFileQcow2() {
        ProfileReport r = PartnerImageProfile.deploy().check(compliant().build(),
                DiskImageReport.of(DiskFormat.RAW, 5000, List.of(), 34816));

        assertThat(r.violations()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(Rule.FILE_QCOW2);
            assertThat(v.field()).isEqualTo("file");
            assertThat(v.value()).isEqualTo("raw");
        });
    }

    @Test
    void eachFindingIsOneViolation() {
        ProfileReport r = PartnerImageProfile.deploy().check(compliant().build(), qcow2(GIB,
                new Finding(Finding.Kind.BACKING_FILE, "/etc/shadow"), new Finding(Finding.Kind.DATA_FILE, "d.raw")));

        assertThat(r.violations()).extracting(ProfileReport.Violation::rule)
                .containsExactly(Rule.FILE_SAFE, Rule.FILE_SAFE);
        assertThat(r.violations()).extracting(ProfileReport.Violation::value)
                .containsExactly("BACKING_FILE(/etc/shadow)", "DATA_FILE(d.raw)");
    }

    @Test
    void minDiskBelowTheVirtualSizeRoundedUpIsAViolation() {
        ProfileReport r = PartnerImageProfile.deploy().check(compliant().minDisk(10).build(), qcow2(10 * GIB + 1));

        assertThat(r.violations()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(Rule.MIN_DISK_COVERS_VIRTUAL_SIZE);
            assertThat(v.field()).isEqualTo("min_disk");
            assertThat(v.value()).isEqualTo("10");
            assertThat(v.message()).contains("at least 11");
        });
    }

    @Test
    void minDiskEqualToTheRoundedUpSizeIsEnough() {
        assertThat(PartnerImageProfile.deploy().check(compliant().minDisk(1).build(), qcow2(64L << 20))
                .isCompliant()).isTrue();
        assertThat(PartnerImageProfile.deploy().check(compliant().minDisk(0).build(), qcow2(64L << 20))
                .violates(Rule.MIN_DISK_COVERS_VIRTUAL_SIZE)).isTrue();
    }

    @Test
    void unsetMinDiskOrUnknownVirtualSizeIsNotChecked() {
        assertThat(PartnerImageProfile.deploy().check(compliant().build(), qcow2(100 * GIB)).isCompliant()).isTrue();
        assertThat(PartnerImageProfile.deploy().check(compliant().minDisk(1).build(), qcow2(-1)).isCompliant())
                .isTrue();
    }

    @Test
    void specViolationsComeFirstThenTheFileOnes() {
        ProfileReport r = PartnerImageProfile.deploy().check(compliant().diskFormat(DiskFormat.RAW).minDisk(1).build(),
                DiskImageReport.of(DiskFormat.RAW, 3 * GIB, List.of(), 34816));

        assertThat(r.violations()).extracting(ProfileReport.Violation::rule)
                .containsExactly(Rule.DISK_FORMAT_QCOW2, Rule.FILE_QCOW2, Rule.MIN_DISK_COVERS_VIRTUAL_SIZE);
        assertThatThrownBy(r::throwIfViolated).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("FILE_QCOW2").hasMessageContaining("MIN_DISK_COVERS_VIRTUAL_SIZE");
    }

    @Test
    void aFileOnDiskIsInspected(@TempDir Path dir) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(65536);
        b.put(new byte[] {'Q', 'F', 'I', (byte) 0xfb}).putInt(3);
        b.putInt(20, 16).putLong(24, 3 * GIB).putInt(96, 4).putInt(100, 104);
        byte[] name = "base.img".getBytes(StandardCharsets.US_ASCII);
        b.putLong(8, 112).putInt(16, name.length).put(112, name);
        Path file = Files.write(dir.resolve("image.qcow2"), b.array());

        ProfileReport r = PartnerImageProfile.deploy().check(compliant().minDisk(2).build(), file);

        assertThat(r.violations()).extracting(ProfileReport.Violation::rule)
                .containsExactly(Rule.FILE_SAFE, Rule.MIN_DISK_COVERS_VIRTUAL_SIZE);
    }

    @Test
    void aMissingFileIsAClientException(@TempDir Path dir) {
        assertThatThrownBy(() -> PartnerImageProfile.deploy().check(compliant().build(), dir.resolve("missing")))
                .isInstanceOf(ImageSdkClientException.class).hasMessageContaining("missing");
    }
}
