package dev.imagesdk.inspect;

import dev.imagesdk.testsupport.ImageHeaders;

/**
 * The disk image headers that core's tests write ({@code ImageHeaders}, in image-sdk-testkit), for the
 * fake's tests: the same bytes the inspector is tested on.
 */
public final class DiskHeaders {
    private DiskHeaders() {
    }

    /** A qcow2 v3 header stating {@code size}, one 64 KiB cluster long. */
    public static byte[] qcow2(long size) {
        return ImageHeaders.qcow2(size);
    }

    /** A dynamic vhd (footer copy at offset 0). */
    public static byte[] vhd(long size) {
        return ImageHeaders.vhd(size, 3);
    }

    /** A vhdx with its metadata region at 256 KiB. */
    public static byte[] vhdx(long size) {
        return ImageHeaders.vhdx(size, 256 << 10, false);
    }

    /** A monolithicSparse vmdk of {@code sectors} 512-byte sectors. */
    public static byte[] vmdk(long sectors) {
        return ImageHeaders.vmdk(sectors);
    }

    /** A dynamic vdi. */
    public static byte[] vdi(long size) {
        return ImageHeaders.vdi(size, 1);
    }

    /** An iso 9660 head of {@code blocks} 2 KiB blocks. */
    public static byte[] iso(int blocks) {
        return ImageHeaders.iso(blocks);
    }
}
