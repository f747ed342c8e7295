package dev.imagesdk.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagesdk.inspect.Finding.Kind;
import dev.imagesdk.model.DiskFormat;

import dev.imagesdk.testsupport.ImageHeaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskImageInspectorTest {
    @TempDir
    Path dir;

    /** Inspects the bytes both as a file and as a stream; the verdicts must match (raw's size aside). */
    private DiskImageReport inspect(byte[] image) throws IOException {
        Path f = Files.write(dir.resolve("image-" + System.nanoTime()), image);
        DiskImageReport byPath = DiskImageInspector.inspect(f);
        DiskImageReport byStream = DiskImageInspector.inspect(new ByteArrayInputStream(image));
        assertThat(byStream.format()).isEqualTo(byPath.format());
        assertThat(byStream.findings()).isEqualTo(byPath.findings());
        if (!byPath.format().equals(DiskFormat.RAW)) {
            assertThat(byStream.virtualSize()).isEqualTo(byPath.virtualSize());
        }
        return byPath;
    }

    private static Kind[] kinds(DiskImageReport r) {
        return r.findings().stream().map(Finding::kind).toArray(Kind[]::new);
    }

    @Test
    void readsQcow2VirtualSizeAndCallsAPlainOneSafe() throws IOException {
        DiskImageReport r = inspect(ImageHeaders.qcow2(10L << 30));
        assertThat(r.format()).isEqualTo(DiskFormat.QCOW2);
        assertThat(r.virtualSize()).hasValue(10L << 30);
        assertThat(r.isSafe()).isTrue();
    }

    @Test
    void namesTheBackingFileOfAQcow2() throws IOException {
        DiskImageReport r = inspect(ImageHeaders.qcow2(3, 1 << 30, 0, "/etc/shadow", null));
        assertThat(r.isSafe()).isFalse();
        assertThat(r.findings()).containsExactly(new Finding(Kind.BACKING_FILE, "/etc/shadow"));
    }

    @Test
    void namesTheExternalDataFileOfAQcow2() throws IOException {
        DiskImageReport r = inspect(ImageHeaders.qcow2(3, 1 << 30, 4, null, "/dev/sda"));
        assertThat(kinds(r)).containsExactly(Kind.DATA_FILE);
        assertThat(r.findings().get(0).detail()).contains("/dev/sda");
    }

    @Test
    void refusesQcow2IncompatibleFeatureBitsAboveThree() throws IOException {
        assertThat(kinds(inspect(ImageHeaders.qcow2(3, 1 << 20, 1L << 4, null, null))))
                .containsExactly(Kind.UNKNOWN_INCOMPATIBLE_FEATURES);
        assertThat(kinds(inspect(ImageHeaders.qcow2(3, 1 << 20, 1L << 40, null, null))))
                .containsExactly(Kind.UNKNOWN_INCOMPATIBLE_FEATURES);
    }

    @Test
    void acceptsTheQcow2FeatureBitsGlanceKnows() throws IOException {
        // dirty (0), corrupt (1) and compression type (3) are known to Glance and not refused
        assertThat(inspect(ImageHeaders.qcow2(3, 1 << 20, 0b1011, null, null)).isSafe()).isTrue();
    }

    @Test
    void readsAVersion2Qcow2() throws IOException {
        DiskImageReport r = inspect(ImageHeaders.qcow2(2, 5L << 30, 0, null, null));
        assertThat(r.virtualSize()).hasValue(5L << 30);
        assertThat(r.isSafe()).isTrue();
        assertThat(inspect(ImageHeaders.qcow2(2, 5L << 30, 0, "base.img", null)).findings())
                .containsExactly(new Finding(Kind.BACKING_FILE, "base.img"));
    }

    @Test
    void refusesAnUnknownQcow2Version() throws IOException {
        byte[] h = ImageHeaders.qcow2(1 << 20);
        h[7] = 9;
        assertThat(kinds(inspect(h))).containsExactly(Kind.INVALID_HEADER);
    }

    @Test
    void callsAQcow2ShorterThanItsHeaderTruncated() throws IOException {
        byte[] h = java.util.Arrays.copyOf(ImageHeaders.qcow2(1 << 20), 100);
        DiskImageReport r = inspect(h);
        assertThat(r.format()).isEqualTo(DiskFormat.QCOW2);
        assertThat(kinds(r)).containsExactly(Kind.TRUNCATED);
    }

    @Test
    void refusesEveryQedAndNamesItsBackingFile() throws IOException {
        DiskImageReport plain = inspect(ImageHeaders.qed(1L << 30, null));
        assertThat(plain.format()).isEqualTo(DiskImageInspector.QED);
        assertThat(plain.virtualSize()).hasValue(1L << 30);
        assertThat(kinds(plain)).containsExactly(Kind.UNSUPPORTED_FORMAT);
        assertThat(inspect(ImageHeaders.qed(1L << 30, "other.qed")).findings())
                .contains(new Finding(Kind.BACKING_FILE, "other.qed"));
    }

    @Test
    void readsVhdSizeAndRefusesDifferencingOrCorruptFooters() throws IOException {
        DiskImageReport r = inspect(ImageHeaders.vhd(3L << 30, 3));
        assertThat(r.format()).isEqualTo(DiskFormat.VHD);
        assertThat(r.virtualSize()).hasValue(3L << 30);
        assertThat(r.isSafe()).isTrue();
        assertThat(kinds(inspect(ImageHeaders.vhd(3L << 30, 4)))).containsExactly(Kind.BACKING_FILE);
        byte[] corrupt = ImageHeaders.vhd(3L << 30, 3);
        corrupt[45] ^= 1; // size changed, checksum not
        assertThat(kinds(inspect(corrupt))).containsExactly(Kind.INVALID_HEADER);
    }

    @Test
    void followsTheVhdxRegionAndMetadataTablesToTheVirtualSize() throws IOException {
        DiskImageReport r = inspect(ImageHeaders.vhdx(7L << 30, 1 << 20, false));
        assertThat(r.format()).isEqualTo(DiskFormat.VHDX);
        assertThat(r.virtualSize()).hasValue(7L << 30);
        assertThat(r.isSafe()).isTrue();
        assertThat(kinds(inspect(ImageHeaders.vhdx(7L << 30, 1 << 20, true)))).containsExactly(Kind.BACKING_FILE);
    }

    @Test
    void refusesAVhdxWithoutRegionTableOrWithMetadataBeyondTheReadLimit() throws IOException {
        byte[] noRegions = ImageHeaders.vhdx(1 << 30, 1 << 20, false);
        noRegions[192 << 10] = 'X';
        assertThat(kinds(inspect(noRegions))).containsExactly(Kind.INVALID_HEADER);
        byte[] far = ImageHeaders.vhdx(1 << 30, 1 << 20, false);
        java.nio.ByteBuffer.wrap(far).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong((192 << 10) + 64, 1L << 40);
        DiskImageReport r = inspect(far);
        assertThat(kinds(r)).containsExactly(Kind.INVALID_HEADER);
        assertThat(r.bytesExamined()).isLessThan(1 << 20);
    }

    @Test
    void readsAMonolithicSparseVmdk() throws IOException {
        DiskImageReport r = inspect(ImageHeaders.vmdk(2048));
        assertThat(r.format()).isEqualTo(DiskFormat.VMDK);
        assertThat(r.virtualSize()).hasValue(2048L * 512);
        assertThat(r.isSafe()).isTrue();
    }

    @Test
    void refusesVmdkExtentsInOtherFilesAndOtherCreateTypes() throws IOException {
        assertThat(kinds(inspect(ImageHeaders.vmdk(8, ImageHeaders.descriptor("monolithicSparse",
                "RW 8 SPARSE \"/var/lib/nova/instances/other/disk\""), 21)))).containsExactly(Kind.VMDK_EXTENT);
        assertThat(kinds(inspect(ImageHeaders.vmdk(8, ImageHeaders.descriptor("monolithicSparse",
                "RW 8 SPARSE \"a.vmdk\"", "RW 8 SPARSE \"b.vmdk\""), 21)))).containsExactly(Kind.VMDK_EXTENT);
        assertThat(kinds(inspect(ImageHeaders.vmdk(8, ImageHeaders.descriptor("twoGbMaxExtentSparse",
                "RW 8 SPARSE \"a.vmdk\""), 21)))).containsExactly(Kind.VMDK_CREATE_TYPE);
        assertThat(kinds(inspect(ImageHeaders.vmdk(8, ImageHeaders.descriptor("monolithicSparse"), 21))))
                .containsExactly(Kind.VMDK_EXTENT);
    }

    @Test
    void refusesAVmdkDescriptorLineGlanceWouldNotParse() throws IOException {
        DiskImageReport r = inspect(ImageHeaders.vmdk(8, ImageHeaders.descriptor("monolithicSparse",
                "RW 8 SPARSE \"a.vmdk\"", "sneaky line without equals"), 21));
        assertThat(kinds(r)).containsExactly(Kind.INVALID_HEADER);
        assertThat(r.findings().get(0).detail()).contains("sneaky line");
    }

    @Test
    void refusesAVmdkWithItsGrainDirectoryAtTheEnd() throws IOException {
        assertThat(kinds(inspect(ImageHeaders.vmdk(8, ImageHeaders.descriptor("streamOptimized",
                "RW 8 SPARSE \"a.vmdk\""), -1)))).containsExactly(Kind.INVALID_HEADER);
    }

    @Test
    void callsAVmdkDescriptorFileAVmdkWhoseDataIsElsewhere() throws IOException {
        DiskImageReport r = inspect(ImageHeaders.ascii(ImageHeaders.descriptor("monolithicFlat",
                "RW 65536 FLAT \"disk-flat.vmdk\" 0")));
        assertThat(r.format()).isEqualTo(DiskFormat.VMDK);
        assertThat(kinds(r)).containsExactly(Kind.VMDK_CREATE_TYPE, Kind.VMDK_EXTENT);
    }

    @Test
    void readsVdiSizeAndRefusesDifferencingImages() throws IOException {
        DiskImageReport r = inspect(ImageHeaders.vdi(4L << 30, 1));
        assertThat(r.format()).isEqualTo(DiskFormat.VDI);
        assertThat(r.virtualSize()).hasValue(4L << 30);
        assertThat(r.isSafe()).isTrue();
        assertThat(kinds(inspect(ImageHeaders.vdi(4L << 30, 4)))).containsExactly(Kind.BACKING_FILE);
    }

    @Test
    void detectsAnIsoByItsPrimaryVolumeDescriptor() throws IOException {
        DiskImageReport r = inspect(ImageHeaders.iso(18));
        assertThat(r.format()).isEqualTo(DiskFormat.ISO);
        assertThat(r.virtualSize()).hasValue(18L * 2048);
        assertThat(r.isSafe()).isTrue();
    }

    @Test
    void callsUnrecognisedContentRawSizedByTheFileOrUnknownOnAStream() throws IOException {
        byte[] random = new byte[100_000];
        new Random(7).nextBytes(random);
        random[0] = 'x';
        DiskImageReport r = inspect(random);
        assertThat(r.format()).isEqualTo(DiskFormat.RAW);
        assertThat(r.virtualSize()).hasValue(100_000);
        assertThat(r.isSafe()).isTrue();
        assertThat(DiskImageInspector.inspect(new ByteArrayInputStream(random)).virtualSize()).isEmpty();
        assertThat(inspect(new byte[0]).virtualSize()).hasValue(0);
    }

    @Test
    void readsOnlyTheHeadOfALongStream() throws IOException {
        CountingStream qcow2 = new CountingStream(ImageHeaders.qcow2(3, 10L << 30, 0, "base", null), 10L << 30);
        assertThat(DiskImageInspector.inspect(qcow2).format()).isEqualTo(DiskFormat.QCOW2);
        assertThat(qcow2.consumed).isLessThanOrEqualTo(4096);
        CountingStream raw = new CountingStream(new byte[0], 1L << 30);
        assertThat(DiskImageInspector.inspect(raw).format()).isEqualTo(DiskFormat.RAW);
        assertThat(raw.consumed).isLessThanOrEqualTo(34 << 10);
    }

    @Test
    void inspectsASparse10GiBQcow2FileByItsHeaderAlone() throws IOException {
        Path f = dir.resolve("big.qcow2");
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.write(ImageHeaders.qcow2(10L << 30));
            raf.setLength(10L << 30);
        }
        DiskImageReport r = DiskImageInspector.inspect(f);
        assertThat(r.virtualSize()).isEqualTo(OptionalLong.of(10L << 30));
        assertThat(r.bytesExamined()).isLessThanOrEqualTo(4096);
    }

    @Test
    void letsTheSourcesIoExceptionThrough() {
        assertThatThrownBy(() -> DiskImageInspector.inspect(dir.resolve("missing.img")))
                .isInstanceOf(NoSuchFileException.class);
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk on fire");
            }
        };
        assertThatThrownBy(() -> DiskImageInspector.inspect(failing)).isInstanceOf(IOException.class)
                .hasMessage("disk on fire");
    }

    @Test
    void contradictsADeclaredFormatTheContentDoesNotHave() throws IOException {
        DiskImageReport qcow2 = inspect(ImageHeaders.qcow2(1 << 30));
        assertThat(qcow2.contradicts(DiskFormat.RAW)).isTrue();
        assertThat(qcow2.contradicts(DiskFormat.AMI)).isTrue();
        assertThat(qcow2.contradicts(DiskFormat.VMDK)).isTrue();
        assertThat(qcow2.contradicts(DiskFormat.QCOW2)).isFalse();
        assertThat(qcow2.contradicts(DiskFormat.PLOOP)).isFalse();
        DiskImageReport raw = inspect(new byte[8192]);
        assertThat(raw.contradicts(DiskFormat.RAW)).isFalse();
        assertThat(raw.contradicts(DiskFormat.QCOW2)).isTrue();
        assertThat(raw.contradicts(DiskFormat.ISO)).isTrue();
        DiskImageReport iso = inspect(ImageHeaders.iso(18));
        assertThat(iso.contradicts(DiskFormat.ISO)).isFalse();
        assertThat(iso.contradicts(DiskFormat.RAW)).isFalse();
        assertThat(iso.contradicts(DiskFormat.QCOW2)).isTrue();
        assertThat(inspect(ImageHeaders.qed(1, null)).contradicts(DiskFormat.of("QED"))).isFalse();
    }

    @Test
    void inspectsAStreamThatCannotSkip() throws IOException {
        InputStream illegalSeek = new java.io.FilterInputStream(new ByteArrayInputStream(ImageHeaders.iso(18))) {
            @Override
            public long skip(long n) throws IOException {
                throw new IOException("Illegal seek");
            }
        };
        assertThat(DiskImageInspector.inspect(illegalSeek).format()).isEqualTo(DiskFormat.ISO);
    }

    @Test
    void reportRefusesAVirtualSizeBelowUnknown() {
        assertThatThrownBy(() -> DiskImageReport.of(DiskFormat.RAW, -2, java.util.List.of(), 0))
                .isInstanceOf(dev.imagesdk.exception.InvalidInputException.class).hasMessageContaining("virtualSize");
    }

    /** {@code head} then zeros up to {@code length}; counts what was read or skipped. */
    static final class CountingStream extends InputStream {
        private final byte[] head;
        private final long length;
        long consumed;

        CountingStream(byte[] head, long length) {
            this.head = head;
            this.length = length;
        }

        @Override
        public int read() {
            if (consumed >= length) {
                return -1;
            }
            return consumed < head.length ? head[(int) consumed++] & 0xff : zero();
        }

        private int zero() {
            consumed++;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (consumed >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - consumed);
            for (int i = 0; i < n; i++) {
                b[off + i] = consumed + i < head.length ? head[(int) (consumed + i)] : 0;
            }
            consumed += n;
            return n;
        }

        @Override
        public long skip(long n) {
            long s = Math.max(0, Math.min(n, length - consumed));
            consumed += s;
            return s;
        }
    }
}
