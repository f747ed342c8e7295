package dev.imagesdk.internal.inspect;

import dev.imagesdk.inspect.Finding;
import dev.imagesdk.model.DiskFormat;

/**
 * vhd ("vpc"; big-endian 512-byte footer, copied at offset 0 in dynamic and differencing images): the
 * size at 40 (the original size, which Glance reports), disk type at 60, checksum at 64. A fixed vhd has
 * its footer only at the end and is raw to this reader, as to Glance.
 */
final class VhdReader {
    static final byte[] MAGIC = Bytes.ascii("conectix");
    private static final int HEADER = 512;

    private VhdReader() {
    }

    static void read(Head h, Verdict v) {
        v.format = DiskFormat.VHD;
        if (!h.has(0, HEADER)) {
            v.truncated(HEADER, h.cached());
            return;
        }
        v.size(h.u64be(40));
        long type = h.u32be(60);
        if (type == 4) {
            v.add(Finding.Kind.BACKING_FILE, "differencing vhd (disk type 4) reads a parent image");
        } else if (type != 2 && type != 3) {
            v.invalid("vhd disk type " + type + " (2 fixed, 3 dynamic or 4 differencing expected)");
        }
        long sum = 0;
        byte[] b = h.cacheArray();
        for (int i = 0; i < HEADER; i++) {
            if (i < 64 || i >= 68) {
                sum += b[i] & 0xff;
            }
        }
        long expected = ~sum & 0xffffffffL;
        if (expected != h.u32be(64)) {
            v.invalid(String.format("vhd footer checksum 0x%08x, computed 0x%08x", h.u32be(64), expected));
        }
    }
}
