package dev.imagesdk.testsupport;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes the headers of each disk format the inspector reads, from the published layouts (qemu's
 * docs/interop/qcow2.txt, the VHD/VHDX/VMDK/VDI/ECMA-119 specifications): just enough of each image for the
 * inspector, everything else zero.
 */
public final class ImageHeaders {
    private ImageHeaders() {
    }

    public static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    public static ByteBuffer be(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.BIG_ENDIAN);
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A qcow2 header (cluster 64 KiB, header length 104 for v3), one cluster long. */
    public static byte[] qcow2(int version, long size, long features, String backingFile, String dataFile) {
        ByteBuffer b = be(65536);
        b.put(new byte[] {'Q', 'F', 'I', (byte) 0xfb}).putInt(version);
        b.putInt(20, 16).putLong(24, size);
        if (version >= 3) {
            b.putLong(72, features).putInt(96, 4).putInt(100, 104);
        }
        int ext = version >= 3 ? 104 : 72;
        if (dataFile != null) {
            byte[] n = ascii(dataFile);
            b.putInt(ext, 0x44415441).putInt(ext + 4, n.length);
            b.put(ext + 8, n);
            ext += 8 + ((n.length + 7) & ~7);
        }
        b.putInt(ext, 0).putInt(ext + 4, 0);
        if (backingFile != null) {
            byte[] n = ascii(backingFile);
            int at = ext + 8;
            b.putLong(8, at).putInt(16, n.length);
            b.put(at, n);
        }
        return b.array();
    }

    public static byte[] qcow2(long size) {
        return qcow2(3, size, 0, null, null);
    }

    /** A qed header; {@code backingFile} sets feature bit 0 and the name at 512. */
    public static byte[] qed(long size, String backingFile) {
        ByteBuffer b = le(4096);
        b.put(ascii("QED\0")).putInt(4, 65536).putInt(8, 4).putInt(12, 1).putLong(48, size);
        if (backingFile != null) {
            byte[] n = ascii(backingFile);
            b.putLong(16, 1).putInt(56, 512).putInt(60, n.length).put(512, n);
        }
        return b.array();
    }

    /** A vhd footer copy at offset 0 (disk type 3 dynamic, 4 differencing) with a correct checksum. */
    public static byte[] vhd(long size, int diskType) {
        ByteBuffer b = be(2048);
        b.put(ascii("conectix")).putLong(40, size).putLong(48, size).putInt(60, diskType);
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += b.get(i) & 0xff;
        }
        b.putInt(64, (int) ~sum);
        return b.array();
    }

    public static byte[] guid(String text) {
        String hex = text.replace("-", "");
        byte[] be = new byte[16];
        for (int i = 0; i < 16; i++) {
            be[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        int[] order = {3, 2, 1, 0, 5, 4, 7, 6};
        byte[] out = be.clone();
        for (int i = 0; i < 8; i++) {
            out[i] = be[order[i]];
        }
        return out;
    }

    public static final String METADATA_REGION = "8B7CA206-4790-4B9A-B8FE-575F050F886E";
    public static final String VIRTUAL_DISK_SIZE = "2FA54224-CD1B-4876-B211-5DBED83BF4B8";
    public static final String PARENT_LOCATOR = "A8D35F2D-B30B-454D-ABF7-D3D84834AB0C";

    /**
     * A vhdx: identifier, region table at 192 KiB with a (dummy BAT and a) metadata region entry pointing
     * at {@code metadataAt}, the metadata table there with the virtual disk size item at +64 KiB (and a
     * parent locator entry when {@code parent}). Long enough to hold it all.
     */
    public static byte[] vhdx(long size, long metadataAt, boolean parent) {
        int length = (int) Math.max(metadataAt + 65536 + 4096, 320 << 10);
        ByteBuffer b = le(length);
        b.put(ascii("vhdxfile"));
        int rt = 192 << 10;
        b.putInt(rt, 0x69676572).putInt(rt + 8, 2);
        b.put(rt + 16, guid("2DC27766-F623-4200-9D64-115E9BFD4A08")).putLong(rt + 32, 3L << 20);
        b.put(rt + 48, guid(METADATA_REGION)).putLong(rt + 64, metadataAt).putInt(rt + 72, 1 << 20);
        int m = (int) metadataAt;
        b.put(m, ascii("metadata")).putShort(m + 10, (short) (parent ? 2 : 1));
        b.put(m + 32, guid(VIRTUAL_DISK_SIZE)).putInt(m + 48, 65536).putInt(m + 52, 8);
        if (parent) {
            b.put(m + 64, guid(PARENT_LOCATOR)).putInt(m + 80, 65536 + 8).putInt(m + 84, 64);
        }
        b.putLong(m + 65536, size);
        return b.array();
    }

    /** A sparse vmdk (version 1): header, then {@code descriptor} at sector 1 in a 20-sector area. */
    public static byte[] vmdk(long sectors, String descriptor, long gdOffset) {
        ByteBuffer b = le(512 + 20 * 512);
        b.put(ascii("KDMV")).putInt(4, 1).putInt(8, 3).putLong(12, sectors).putLong(20, 128);
        b.putLong(28, 1).putLong(36, 20).putInt(44, 512).putLong(48, 21).putLong(56, gdOffset);
        b.put(512, ascii(descriptor));
        return b.array();
    }

    public static String descriptor(String createType, String... extents) {
        StringBuilder sb = new StringBuilder("# Disk DescriptorFile\nversion=1\nCID=12345678\nparentCID=ffffffff\n");
        sb.append("createType=\"").append(createType).append("\"\n\n# Extent description\n");
        for (String e : extents) {
            sb.append(e).append('\n');
        }
        sb.append("\n# The Disk Data Base\n#DDB\n\nddb.virtualHWVersion = \"4\"\nddb.geometry.cylinders = \"20\"\n");
        return sb.toString();
    }

    public static byte[] vmdk(long sectors) {
        return vmdk(sectors, descriptor("monolithicSparse", "RW " + sectors + " SPARSE \"disk.vmdk\""), 21);
    }

    /** A vdi header (version 1.1); {@code type} 1 dynamic, 2 fixed, 4 differencing. */
    public static byte[] vdi(long size, int type) {
        ByteBuffer b = le(1024);
        b.put(ascii("<<< Oracle VM VirtualBox Disk Image >>>\n"));
        b.putInt(0x40, 0xbeda107f).putInt(0x44, 0x00010001).putInt(0x48, 400).putInt(0x4c, type);
        b.putLong(0x170, size).putInt(0x178, 1 << 20);
        return b.array();
    }

    /** An ISO 9660 image head: primary volume descriptor at sector 16 and a terminator at 17. */
    public static byte[] iso(int blocks) {
        ByteBuffer b = le(36 << 10);
        int pvd = 32 << 10;
        b.put(pvd, (byte) 1).put(pvd + 1, ascii("CD001")).put(pvd + 6, (byte) 1);
        b.putInt(pvd + 80, blocks).putShort(pvd + 128, (short) 2048);
        b.put(pvd + 2048, (byte) 255).put(pvd + 2049, ascii("CD001")).put(pvd + 2054, (byte) 1);
        return b.array();
    }
}
