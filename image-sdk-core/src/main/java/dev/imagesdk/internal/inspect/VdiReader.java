package dev.imagesdk.internal.inspect;

import dev.imagesdk.inspect.Finding;
import dev.imagesdk.model.DiskFormat;

/**
 * vdi (VirtualBox; little-endian header): signature at 0x40, version at 0x44, image type at 0x4c, disk
 * size at 0x170, parent UUID at 0x1b8. qemu reads only version 1.1 and image types 1 (dynamic) and 2
 * (fixed); a differencing image (type 4 or a parent UUID) reads another image.
 */
final class VdiReader {
    static final long SIGNATURE = 0xbeda107fL;
    static final int SIGNATURE_OFFSET = 0x40;
    private static final int HEADER = 512;

    private VdiReader() {
    }

    static boolean matches(Head h) {
        return h.has(SIGNATURE_OFFSET, 4) && h.u32le(SIGNATURE_OFFSET) == SIGNATURE;
    }

    static void read(Head h, Verdict v) {
        v.format = DiskFormat.VDI;
        if (!h.has(0, HEADER)) {
            v.truncated(HEADER, h.cached());
            return;
        }
        v.size(h.u64le(0x170));
        long version = h.u32le(0x44);
        if (version != 0x00010001L) {
            v.invalid(String.format("vdi version 0x%08x (0x00010001 expected)", version));
        }
        long type = h.u32le(0x4c);
        if (type == 4) {
            v.add(Finding.Kind.BACKING_FILE, "differencing vdi (image type 4) reads a parent image");
        } else if (type != 1 && type != 2) {
            v.invalid("vdi image type " + type + " (1 dynamic or 2 fixed expected)");
        }
        if (h.u64le(0x1b8) != 0 || h.u64le(0x1c0) != 0) {
            v.add(Finding.Kind.BACKING_FILE, "vdi names a parent image (parent UUID is set)");
        }
    }
}
