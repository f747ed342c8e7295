package dev.imagesdk.internal.inspect;

import dev.imagesdk.inspect.Finding;
import dev.imagesdk.model.DiskFormat;

import java.io.IOException;

/**
 * qcow2 (big-endian header): version at 4, backing file offset/size at 8/16, cluster bits at 20, virtual
 * size at 24, incompatible features at 72, header length at 100 (version 3), header extensions after the
 * header. Refused like Glance refuses: a backing file, an external data file (feature bit 2) and feature
 * bits above bit 3. Like Glance, bytes 72-79 of a version 2 header (there the first header extension's type
 * and length) are checked as if they were the feature field.
 */
final class Qcow2Reader {
    static final byte[] MAGIC = {'Q', 'F', 'I', (byte) 0xfb};
    /** Glance reads a 512-byte header region before it calls a file qcow2. */
    static final int HEADER = 512;
    private static final long DATA_FILE_BIT = 1L << 2;
    private static final long KNOWN_BITS = 0xfL;
    private static final long EXT_DATA_FILE = 0x44415441L;
    private static final int MAX_NAME = 1023;
    private static final int MAX_EXTENSIONS = 64;
    private static final long EXTENSION_AREA = 64 << 10;

    private Qcow2Reader() {
    }

    static void read(Head h, Verdict v) throws IOException {
        v.format = DiskFormat.QCOW2;
        if (!h.has(0, HEADER)) {
            v.truncated(HEADER, h.cached());
            return;
        }
        long version = h.u32be(4);
        long backingOffset = h.u64be(8);
        long backingSize = h.u32be(16);
        long clusterBits = h.u32be(20);
        long features = h.u64be(72);
        if (version != 2 && version != 3) {
            v.invalid("qcow2 version " + version + " (2 or 3 expected)");
        }
        v.size(h.u64be(24));
        long area = clusterBits >= 9 && clusterBits <= 21 ? Math.min(1L << clusterBits, EXTENSION_AREA) : EXTENSION_AREA;
        byte[] buf = (features & DATA_FILE_BIT) != 0 || backingOffset != 0 ? new byte[MAX_NAME] : null;
        if (version == 2) {
            // No feature field in version 2: bytes 72-79 start the first header extension. Glance reads them as
            // features anyway and refuses bit 2 or bits above 3; so do we, saying what the bytes are.
            if ((features & ~(KNOWN_BITS & ~DATA_FILE_BIT)) != 0) {
                v.add(Finding.Kind.UNKNOWN_INCOMPATIBLE_FEATURES, String.format(
                        "version 2 header: bytes 72-79 are 0x%016x, which Glance reads as feature bits", features));
            }
        } else if ((features & DATA_FILE_BIT) != 0) {
            v.add(Finding.Kind.DATA_FILE, "external data file " + dataFileName(h, h.u32be(100), area, buf));
        }
        if (version != 2 && (features & ~KNOWN_BITS) != 0) {
            v.add(Finding.Kind.UNKNOWN_INCOMPATIBLE_FEATURES, String.format("0x%016x (known: bits 0-3)", features));
        }
        if (backingOffset != 0) {
            v.add(Finding.Kind.BACKING_FILE, name(h, backingOffset, backingSize, buf));
        }
    }

    /** The data file's name from its header extension, or a description of why it cannot be read. */
    private static String dataFileName(Head h, long start, long area, byte[] buf) throws IOException {
        long off = start;
        for (int i = 0; i < MAX_EXTENSIONS && off >= 72 && off + 8 <= area; i++) {
            if (h.read(off, buf, 8) != 8) {
                break;
            }
            long type = Bytes.u32be(buf, 0);
            long len = Bytes.u32be(buf, 4);
            if (type == 0) {
                break;
            }
            if (type == EXT_DATA_FILE) {
                return name(h, off + 8, len, buf);
            }
            off += 8 + ((len + 7) & ~7L);
        }
        return "(name not in the header extensions)";
    }

    private static String name(Head h, long offset, long length, byte[] buf) throws IOException {
        if (length < 1 || length > MAX_NAME) {
            return "(name length " + length + " at offset " + offset + ")";
        }
        int n = h.read(offset, buf, (int) length);
        if (n != length) {
            return "(name at offset " + offset + " not readable)";
        }
        return Bytes.text(buf, 0, n);
    }
}
