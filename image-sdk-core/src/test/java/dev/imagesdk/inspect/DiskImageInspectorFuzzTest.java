package dev.imagesdk.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.imagesdk.internal.inspect.Head;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.testsupport.Fuzz;

import dev.imagesdk.testsupport.ImageHeaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input never escapes as an exception, an OOM or a hang, and every verdict is plausible: seeded
 * mutations of real headers, every prefix of each header, and random files behind each format's magic.
 * The seed is {@code -Dfuzz.seed} (default fixed) and printed.
 */
class DiskImageInspectorFuzzTest {
    private static final Set<DiskFormat> FORMATS = Set.of(DiskFormat.RAW, DiskFormat.QCOW2, DiskFormat.VHD,
            DiskFormat.VHDX, DiskFormat.VMDK, DiskFormat.VDI, DiskFormat.ISO, DiskImageInspector.QED);

    @TempDir
    Path dir;

    private static List<byte[]> seeds() {
        return List.of(ImageHeaders.qcow2(10L << 30), ImageHeaders.qcow2(3, 1 << 30, 4, "b", "data.raw"),
                ImageHeaders.qcow2(2, 1 << 30, 0, "base.qcow2", null), ImageHeaders.qed(1 << 30, "b.qed"),
                ImageHeaders.vhd(1 << 30, 3), ImageHeaders.vhdx(1L << 30, 256 << 10, true), ImageHeaders.vmdk(2048),
                ImageHeaders.ascii(ImageHeaders.descriptor("monolithicFlat", "RW 8 FLAT \"f.vmdk\" 0")),
                ImageHeaders.vdi(1 << 30, 1), ImageHeaders.iso(20));
    }

    /** Inspects as a stream; checks the no-escape guarantee and that the verdict is plausible. */
    private static DiskImageReport check(byte[] image) {
        DiskImageReport r;
        try {
            r = DiskImageInspector.inspect(new ByteArrayInputStream(image));
        } catch (IOException e) {
            throw new AssertionError("a byte array cannot fail to read", e);
        }
        assertThat(r.format()).isIn(FORMATS);
        assertThat(r.bytesExamined()).isLessThanOrEqualTo(Head.LIMIT);
        for (Finding f : r.findings()) {
            assertThat(f.detail()).doesNotContain("inspector fault").hasSizeLessThanOrEqualTo(200);
        }
        if (r.isSafe() && !r.format().equals(DiskFormat.RAW) && !r.format().equals(DiskFormat.ISO)) {
            // a safe verdict on a complex format always knows the disk's size
            assertThat(r.virtualSize()).as("virtual size of a safe %s", r.format()).isPresent();
        }
        r.virtualSize().ifPresent(s -> assertThat(s).isNotNegative());
        return r;
    }

    @Test
    void survivesMutatedHeadersEveryPrefixAndRandomFiles() {
        long seed = Fuzz.seed(19);
        Random rnd = new Random(seed);
        int[] count = {0};
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (byte[] base : seeds()) {
                int prefixes = Math.min(base.length, 4096);
                for (int n = 0; n <= prefixes; n++) {
                    check(Arrays.copyOf(base, n));
                    count[0]++;
                }
                for (int i = 0; i < 300; i++) {
                    check(mutate(base, rnd));
                    count[0]++;
                }
            }
            List<byte[]> magics = List.of(new byte[] {'Q', 'F', 'I', (byte) 0xfb}, ImageHeaders.ascii("QED\0"),
                    ImageHeaders.ascii("conectix"), ImageHeaders.ascii("vhdxfile"), ImageHeaders.ascii("KDMV"),
                    ImageHeaders.ascii("# Disk DescriptorFile"), new byte[0]);
            for (int i = 0; i < 700; i++) {
                byte[] b = new byte[rnd.nextInt(rnd.nextInt(8) == 0 ? 300 << 10 : 4096)];
                rnd.nextBytes(b);
                byte[] magic = magics.get(rnd.nextInt(magics.size()));
                System.arraycopy(magic, 0, b, 0, Math.min(magic.length, b.length));
                check(b);
                count[0]++;
            }
        });
        System.out.println("inspector fuzz: seed " + seed + ", " + count[0] + " inputs");
        assertThat(count[0]).isGreaterThan(10_000);
    }

    @Test
    void aFileAndAStreamOfTheSameMutatedBytesGetTheSameVerdict() throws IOException {
        Random rnd = new Random(Fuzz.seed(23));
        for (byte[] base : seeds()) {
            for (int i = 0; i < 20; i++) {
                byte[] m = mutate(base, rnd);
                Path f = Files.write(dir.resolve("m" + i), m);
                DiskImageReport byPath = DiskImageInspector.inspect(f);
                DiskImageReport byStream = check(m);
                assertThat(byPath.format()).isEqualTo(byStream.format());
                assertThat(byPath.findings()).isEqualTo(byStream.findings());
            }
        }
    }

    /** Flips bytes, writes extreme values into random fields, or cuts the image short. */
    private static byte[] mutate(byte[] base, Random rnd) {
        byte[] b = base.clone();
        int hot = Math.min(b.length, 1024);
        int edits = 1 + rnd.nextInt(8);
        for (int e = 0; e < edits && b.length > 8; e++) {
            int at = rnd.nextInt(100) < 80 && hot > 8 ? rnd.nextInt(hot - 8) : rnd.nextInt(b.length - 8);
            switch (rnd.nextInt(4)) {
                case 0 -> b[at] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> b[at] = (byte) rnd.nextInt(256);
                case 2 -> ByteBuffer.wrap(b).putLong(at, rnd.nextBoolean() ? -1L : Long.MAX_VALUE);
                default -> ByteBuffer.wrap(b).putInt(at, rnd.nextBoolean() ? -1 : rnd.nextInt(1 << 20));
            }
        }
        // keep the magic most of the time so the format's reader, not raw, sees the damage
        System.arraycopy(base, 0, b, 0, rnd.nextInt(4) == 0 ? 0 : Math.min(8, b.length));
        if (rnd.nextInt(5) == 0) {
            b = Arrays.copyOf(b, rnd.nextInt(b.length + 1));
        }
        return b;
    }
}
