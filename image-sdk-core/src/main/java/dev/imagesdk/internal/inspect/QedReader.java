package dev.imagesdk.internal.inspect;

import dev.imagesdk.inspect.DiskImageInspector;
import dev.imagesdk.inspect.Finding;

import java.io.IOException;

/**
 * qed (little-endian header): features at 16 (bit 0: backing file), image size at 48, backing file name
 * offset/size at 56/60. Glance refuses every qed image, so every one gets an {@code UNSUPPORTED_FORMAT}
 * finding; the size and backing file are read so the report says more.
 */
final class QedReader {
    static final byte[] MAGIC = {'Q', 'E', 'D', 0};
    private static final int HEADER = 512;

    private QedReader() {
    }

    static void read(Head h, Verdict v) throws IOException {
        v.format = DiskImageInspector.QED;
        v.add(Finding.Kind.UNSUPPORTED_FORMAT, "qed: Glance refuses every qed image");
        if (!h.has(0, HEADER)) {
            v.truncated(HEADER, h.cached());
            return;
        }
        v.size(h.u64le(48));
        if ((h.u64le(16) & 1) != 0) {
            long offset = h.u32le(56);
            long size = h.u32le(60);
            String name = "(name length " + size + " at offset " + offset + ")";
            if (size >= 1 && size <= 1023) {
                byte[] buf = new byte[(int) size];
                if (h.read(offset, buf, buf.length) == buf.length) {
                    name = Bytes.text(buf, 0, buf.length);
                }
            }
            v.add(Finding.Kind.BACKING_FILE, name);
        }
    }
}
