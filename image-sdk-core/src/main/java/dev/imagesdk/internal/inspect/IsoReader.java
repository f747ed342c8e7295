package dev.imagesdk.internal.inspect;

import dev.imagesdk.model.DiskFormat;

import java.io.IOException;

/**
 * iso: the volume descriptor set from sector 16 (offset 32 KiB, 2 KiB sectors): each descriptor has a type
 * byte, a standard identifier ("CD001" for ISO 9660; "BEA01", "NSR02", "NSR03", "TEA01" for UDF) and a
 * version. The primary volume descriptor (type 1) holds the volume space size (sectors, little-endian at
 * 80) and the logical block size (little-endian at 128). At most 32 descriptors are read, 8 bytes of each.
 */
final class IsoReader {
    private static final long START = 32 << 10;
    private static final int SECTOR = 2048;
    private static final int MAX_DESCRIPTORS = 32;
    private static final byte[][] IDS = {Bytes.ascii("CD001"), Bytes.ascii("BEA01"), Bytes.ascii("NSR02"),
            Bytes.ascii("NSR03"), Bytes.ascii("TEA01"), Bytes.ascii("BOOT2")};

    private IsoReader() {
    }

    /** Reads the descriptors; sets the format (and size) and returns true when this is an iso. */
    static boolean read(Head h, Verdict v) throws IOException {
        byte[] b = new byte[8];
        boolean iso = false;
        long size = -1;
        for (int i = 0; i < MAX_DESCRIPTORS; i++) {
            long at = START + (long) i * SECTOR;
            if (h.read(at, b, 7) != 7 || !known(b)) {
                break;
            }
            iso = true;
            int type = b[0] & 0xff;
            boolean cd001 = b[1] == 'C';
            if (cd001 && type == 1) {
                if (h.read(at + 80, b, 4) != 4) {
                    break;
                }
                long sectors = Bytes.u32le(b, 0);
                if (h.read(at + 128, b, 2) != 2) {
                    break;
                }
                int block = Bytes.u16le(b, 0);
                size = block == 0 ? -1 : sectors * block;
                break;
            }
            if (cd001 && type == 255) {
                break;
            }
        }
        if (iso) {
            v.format = DiskFormat.ISO;
            v.virtualSize = size >= 0 ? size : h.size();
        }
        return iso;
    }

    private static boolean known(byte[] b) {
        for (byte[] id : IDS) {
            if (Bytes.equal(b, 1, id)) {
                return true;
            }
        }
        return false;
    }
}
