package dev.imagesdk.examples;

import dev.imagesdk.exception.ImageSdkClientException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Generated image data for the examples, so they need no download: a qcow2 version-3 header (magic
 * {@code QFI\xfb}, 64 KiB clusters, a virtual size equal to the file's size, no backing file, no features) in
 * a zeroed first 4 KiB, followed by deterministic pseudo-random bytes (the same size and seed always give the
 * same file, and the same checksums). The SDK's disk-image inspector, and Glance's, see a safe qcow2; it is not
 * a bootable disk (its tables are empty).
 */
public final class SampleImage {

    /** 64 MiB: large enough for the progress bar to be visible, small enough to run in seconds. */
    public static final long DEFAULT_SIZE = 64L * 1024 * 1024;

    /** The zeroed head that holds the header (Glance reads 512 bytes of it before it calls a file qcow2). */
    private static final int HEADER_BYTES = 4096;

    private SampleImage() {
    }

    /**
     * Writes {@code size} bytes to {@code file} (replacing it).
     *
     * @throws ImageSdkClientException if the file cannot be written
     */
    public static Path write(Path file, long size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] buffer = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(file)) {
            long written = 0;
            boolean first = true;
            while (written < size) {
                for (int i = 0; i < buffer.length; i += 8) {
                    ByteBuffer.wrap(buffer, i, 8).putLong(random.nextLong());
                }
                if (first) {
                    header(buffer, size);
                    first = false;
                }
                int n = (int) Math.min(buffer.length, size - written);
                out.write(buffer, 0, n);
                written += n;
            }
            return file;
        } catch (IOException e) {
            throw new ImageSdkClientException("Could not write the sample image " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A small qcow2 image in memory: the header of {@link #write} (virtual size 1 GiB) and then {@code payload}
     * as UTF-8, for examples that upload a few bytes under {@code disk_format=qcow2}.
     */
    public static byte[] small(String payload) {
        byte[] text = payload.getBytes(StandardCharsets.UTF_8);
        byte[] image = new byte[HEADER_BYTES + text.length];
        header(image, 1L << 30);
        System.arraycopy(text, 0, image, HEADER_BYTES, text.length);
        return image;
    }

    // A qcow2 v3 header (qemu's docs/interop/qcow2.txt) in a zeroed head; the tables are empty (demo data).
    private static void header(byte[] b, long virtualSize) {
        Arrays.fill(b, 0, Math.min(b.length, HEADER_BYTES), (byte) 0);
        ByteBuffer h = ByteBuffer.wrap(b, 0, 104);
        h.put(new byte[] {'Q', 'F', 'I', (byte) 0xfb});
        h.putInt(3);            // version
        h.putLong(0);           // backing file offset
        h.putInt(0);            // backing file size
        h.putInt(16);           // cluster bits (64 KiB)
        h.putLong(virtualSize); // virtual size
        h.putInt(0);            // no encryption
        h.putInt(0);            // l1 size
        h.putLong(0);           // l1 table offset
        h.putLong(0);           // refcount table offset
        h.putInt(0);            // refcount table clusters
        h.putInt(0);            // snapshots
        h.putLong(0);           // snapshots offset
        h.putLong(0);           // incompatible features: none
        h.putLong(0);           // compatible features
        h.putLong(0);           // autoclear features
        h.putInt(4);            // refcount order (16-bit refcounts)
        h.putInt(104);          // header length; the extension list after it is empty (zeros)
    }

    /** The MD5 and SHA-512 of a file, as lower-case hex. */
    public record Digests(String md5, String sha512) {
    }

    /**
     * Computes a file's MD5 and SHA-512 in one pass (to compare with what Glance recorded).
     *
     * @throws ImageSdkClientException if the file cannot be read
     */
    public static Digests digests(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md5.update(buffer, 0, n);
                sha512.update(buffer, 0, n);
            }
            HexFormat hex = HexFormat.of();
            return new Digests(hex.formatHex(md5.digest()), hex.formatHex(sha512.digest()));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new ImageSdkClientException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Deletes a directory tree, best effort (examples clean up their temporary files). */
    static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // best effort: a leftover temp file is not worth failing the example for
        }
    }
}
