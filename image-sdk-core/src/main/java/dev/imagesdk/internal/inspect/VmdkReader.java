package dev.imagesdk.internal.inspect;

import dev.imagesdk.inspect.Finding;
import dev.imagesdk.model.DiskFormat;

import java.io.IOException;

/**
 * vmdk. A sparse extent (little-endian header "KDMV": version at 4, capacity in sectors at 12, descriptor
 * offset and size in sectors at 28 and 36, grain directory offset at 56) embeds a text descriptor; like
 * Glance (and qemu) the descriptor must start at sector 1 and is read up to 1 MiB - 1, and a grain
 * directory "at the end" (a footer) is refused. A file that is only a text descriptor
 * ({@code # Disk DescriptorFile}, e.g. monolithicFlat) keeps its data in other files: it is a vmdk with an
 * extent finding (Glance 25 does not recognise it and calls it raw). Refused: extents in other files or
 * paths, more or fewer than one extent, a create type other than monolithicSparse / streamOptimized, a
 * descriptor line Glance would not accept.
 */
final class VmdkReader {
    static final byte[] MAGIC = Bytes.ascii("KDMV");
    static final byte[] TEXT_MAGIC = Bytes.ascii("# Disk DescriptorFile");
    private static final int HEADER = 512;
    private static final int MAX_DESCRIPTOR = (1 << 20) - 1;
    private static final int CHUNK = 512;

    private VmdkReader() {
    }

    static void readSparse(Head h, Verdict v) throws IOException {
        v.format = DiskFormat.VMDK;
        if (!h.has(0, HEADER)) {
            v.truncated(HEADER, h.cached());
            return;
        }
        long version = h.u32le(4);
        long capacity = h.u64le(12);
        long descSector = h.u64le(28);
        long descSectors = h.u64le(36);
        long gdOffset = h.u64le(56);
        if (version < 1 || version > 3) {
            v.invalid("vmdk version " + version + " (1 to 3 expected)");
            return;
        }
        if (gdOffset == -1L) {
            v.invalid("vmdk grain directory at the end (footer) is not supported");
            return;
        }
        if (descSector != 1) {
            v.invalid("vmdk descriptor at sector " + Long.toUnsignedString(descSector) + " (1 expected)");
            return;
        }
        int length = descSectors < 0 || descSectors > MAX_DESCRIPTOR / 512 ? MAX_DESCRIPTOR : (int) descSectors * 512;
        VmdkDescriptor d = new VmdkDescriptor();
        if (!descriptor(h, v, 512, length, d)) {
            return;
        }
        if (findings(v, d, true)) {
            if (capacity >= 0 && capacity <= Long.MAX_VALUE / 512) {
                v.virtualSize = capacity * 512;
            } else {
                v.invalid("vmdk capacity " + Long.toUnsignedString(capacity) + " sectors is out of range");
            }
        }
    }

    static void readText(Head h, Verdict v) throws IOException {
        v.format = DiskFormat.VMDK;
        long length = h.size() >= 0 ? Math.min(h.size(), MAX_DESCRIPTOR) : MAX_DESCRIPTOR;
        VmdkDescriptor d = new VmdkDescriptor();
        descriptor(h, v, 0, (int) length, d);
        findings(v, d, false);
    }

    /** Streams the descriptor through the checker; false (with a finding) if it is cut short or invalid. */
    private static boolean descriptor(Head h, Verdict v, long start, int length, VmdkDescriptor d) throws IOException {
        byte[] buf = new byte[CHUNK];
        boolean text = start == 0;
        for (int done = 0; done < length && d.invalid == null; ) {
            int want = Math.min(CHUNK, length - done);
            int n = h.read(start + done, buf, want);
            d.feed(buf, 0, Math.max(n, 0));
            done += Math.max(n, 0);
            if (n < want) {
                if (!text) { // an embedded descriptor's declared size must be there
                    v.truncated(start + length, start + done);
                    return false;
                }
                break;
            }
        }
        d.finish();
        if (d.invalid != null) {
            v.invalid("vmdk descriptor " + d.invalid);
            return false;
        }
        return true;
    }

    /** Adds the descriptor's findings; true when the create type is one Glance sizes. */
    private static boolean findings(Verdict v, VmdkDescriptor d, boolean embedded) {
        boolean typeOk = "monolithicSparse".equals(d.createType) || "streamOptimized".equals(d.createType);
        if (!typeOk) {
            v.add(Finding.Kind.VMDK_CREATE_TYPE, d.createType == null ? "(no createType)" : d.createType);
        }
        if (d.extents == 0) {
            v.add(Finding.Kind.VMDK_EXTENT, "no extent");
        } else if (d.foreignExtent != null) {
            v.add(Finding.Kind.VMDK_EXTENT, "extent in another file: " + d.foreignExtent);
        } else if (d.extents > 1) {
            v.add(Finding.Kind.VMDK_EXTENT, d.extents + " extents (a monolithic image has one)");
        } else if (!embedded) {
            v.add(Finding.Kind.VMDK_EXTENT, "descriptor file: the extent is another file");
        }
        return typeOk;
    }
}
