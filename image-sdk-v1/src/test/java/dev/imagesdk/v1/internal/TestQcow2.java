package dev.imagesdk.v1.internal;

import java.nio.ByteBuffer;

/**
 * Makes test data a qcow2 image in fact, so that uploads declaring {@code disk_format=qcow2} pass the SDK's
 * disk-image check: a qcow2 v3 header (qemu's docs/interop/qcow2.txt; 64 KiB clusters, 1 GiB virtual size, no
 * backing file, an empty extension list) over the first 112 bytes.
 */
final class TestQcow2 {
    private TestQcow2() {
    }

    /** Writes the header into {@code data} (at least 512 bytes, what Glance reads as a qcow2 header) and returns it. */
    static byte[] stamp(byte[] data) {
        if (data.length < 512) {
            throw new IllegalArgumentException("a qcow2 image needs at least 512 bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        b.put(0, new byte[112]);
        b.put(0, new byte[] {'Q', 'F', 'I', (byte) 0xfb}).putInt(4, 3);
        b.putInt(20, 16).putLong(24, 1L << 30).putInt(96, 4).putInt(100, 104);
        return data;
    }
}
