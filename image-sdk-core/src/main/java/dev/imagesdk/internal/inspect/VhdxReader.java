package dev.imagesdk.internal.inspect;

import dev.imagesdk.inspect.Finding;
import dev.imagesdk.model.DiskFormat;

import java.io.IOException;

/**
 * vhdx (little-endian): the identifier "vhdxfile" at 0, the region table at 192 KiB (signature "regi",
 * entry count at 8, 32-byte entries from 16: GUID, file offset), the metadata region that the metadata
 * region GUID names (signature "metadata", entry count at 10, 32-byte entries from 32: GUID, offset within
 * the region, length), and in it the virtual disk size item (an 8-byte size). Like Glance, at most 2047
 * entries per table. A parent locator item marks a differencing image, which reads another file.
 */
final class VhdxReader {
    static final byte[] MAGIC = Bytes.ascii("vhdxfile");
    private static final long REGION_TABLE = 192 << 10;
    private static final long REGION_SIGNATURE = 0x69676572L; // "regi"
    private static final byte[] METADATA_SIGNATURE = Bytes.ascii("metadata");
    private static final byte[] METADATA_REGION = Bytes.guid("8B7CA206-4790-4B9A-B8FE-575F050F886E");
    private static final byte[] VIRTUAL_DISK_SIZE = Bytes.guid("2FA54224-CD1B-4876-B211-5DBED83BF4B8");
    private static final byte[] PARENT_LOCATOR = Bytes.guid("A8D35F2D-B30B-454D-ABF7-D3D84834AB0C");
    private static final int MAX_ENTRIES = 2047;

    private VhdxReader() {
    }

    static void read(Head h, Verdict v) throws IOException {
        v.format = DiskFormat.VHDX;
        byte[] e = new byte[32];
        int n = h.read(REGION_TABLE, e, 16);
        if (n != 16) {
            v.truncated(REGION_TABLE + 16, h.examined());
            return;
        }
        if (Bytes.u32le(e, 0) != REGION_SIGNATURE) {
            v.invalid("vhdx region table signature missing at 0x30000");
            return;
        }
        long count = Bytes.u32le(e, 8);
        if (count > MAX_ENTRIES) {
            v.invalid("vhdx region table has " + count + " entries (at most " + MAX_ENTRIES + ")");
            return;
        }
        long metadata = -1;
        for (long i = 0; i < count && metadata < 0; i++) {
            if (h.read(REGION_TABLE + 16 + i * 32, e, 32) != 32) {
                v.truncated(REGION_TABLE + 16 + (i + 1) * 32, h.examined());
                return;
            }
            if (Bytes.equal(e, 0, METADATA_REGION)) {
                metadata = Bytes.u64le(e, 16);
            }
        }
        if (metadata < 0) {
            v.invalid("vhdx region table has no metadata region");
            return;
        }
        metadataTable(h, v, metadata, e);
    }

    private static void metadataTable(Head h, Verdict v, long region, byte[] e) throws IOException {
        int n = h.read(region, e, 32);
        if (n == Head.UNREACHABLE) {
            v.invalid("vhdx metadata region at offset " + Long.toUnsignedString(region)
                    + " lies before the region table or beyond " + (Head.LIMIT >> 20) + " MiB");
            return;
        }
        if (n != 32) {
            v.truncated(region + 32, h.examined());
            return;
        }
        if (!Bytes.equal(e, 0, METADATA_SIGNATURE)) {
            v.invalid("vhdx metadata signature missing at offset " + region);
            return;
        }
        int count = Bytes.u16le(e, 10);
        if (count > MAX_ENTRIES) {
            v.invalid("vhdx metadata table has " + count + " entries (at most " + MAX_ENTRIES + ")");
            return;
        }
        long sizeItem = -1;
        long sizeLength = 0;
        boolean parent = false;
        for (int i = 0; i < count; i++) {
            if (h.read(region + 32 + i * 32L, e, 32) != 32) {
                v.truncated(region + 32 + (i + 1) * 32L, h.examined());
                return;
            }
            if (sizeItem < 0 && Bytes.equal(e, 0, VIRTUAL_DISK_SIZE)) {
                sizeItem = Bytes.u32le(e, 16);
                sizeLength = Bytes.u32le(e, 20);
            } else if (Bytes.equal(e, 0, PARENT_LOCATOR)) {
                parent = true;
            }
        }
        if (parent) {
            v.add(Finding.Kind.BACKING_FILE, "differencing vhdx (parent locator) reads a parent image");
        }
        if (sizeItem < 0) {
            v.invalid("vhdx metadata has no virtual disk size item");
            return;
        }
        if (sizeLength < 8) {
            v.invalid("vhdx virtual disk size item is " + sizeLength + " bytes (8 expected)");
            return;
        }
        n = h.read(region + sizeItem, e, 8);
        if (n == Head.UNREACHABLE) {
            v.invalid("vhdx virtual disk size item at region offset " + sizeItem + " lies inside the metadata table");
        } else if (n != 8) {
            v.truncated(region + sizeItem + 8, h.examined());
        } else {
            v.size(Bytes.u64le(e, 0));
        }
    }
}
