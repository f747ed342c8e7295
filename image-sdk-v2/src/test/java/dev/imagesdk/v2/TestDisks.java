package dev.imagesdk.v2;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Disk images for the upload-inspection tests: a qcow2 v3 header (qemu's docs/interop/qcow2.txt: 64 KiB
 * clusters, header length 104, an empty extension list) optionally naming a backing file, followed by data; and
 * raw bytes that match no format.
 */
final class TestDisks {
    private TestDisks() {
    }

    /** A qcow2 image of {@code length} bytes (at least one cluster) with the given virtual size. */
    static byte[] qcow2(long virtualSize, String backingFile, int length) {
        byte[] image = new byte[Math.max(length, 65536)];
        ByteBuffer b = ByteBuffer.wrap(image);
        b.put(new byte[] {'Q', 'F', 'I', (byte) 0xfb}).putInt(3);
        b.putInt(20, 16).putLong(24, virtualSize);
        b.putInt(96, 4).putInt(100, 104);
        if (backingFile != null) {
            byte[] name = backingFile.getBytes(StandardCharsets.US_ASCII);
            b.putLong(8, 112).putInt(16, name.length);
            b.put(112, name);
        }
        byte[] data = new byte[image.length - 65536];
        new Random(7).nextBytes(data);
        System.arraycopy(data, 0, image, 65536, data.length);
        return image;
    }

    /** Bytes that match no disk format's signature (raw to the inspector). */
    static byte[] raw(int length) {
        byte[] data = new byte[length];
        new Random(3).nextBytes(data);
        Arrays.fill(data, 0, 16, (byte) 0); // no magic at offset 0
        return data;
    }
}
