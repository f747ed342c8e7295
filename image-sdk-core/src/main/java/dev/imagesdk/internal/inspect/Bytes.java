package dev.imagesdk.internal.inspect;

import java.nio.charset.StandardCharsets;

/** Little- and big-endian field access and printable text for findings; callers check bounds. */
final class Bytes {
    /** The longest detail text a finding carries. */
    static final int MAX_TEXT = 200;

    private Bytes() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static boolean equal(byte[] b, int off, byte[] magic) {
        for (int i = 0; i < magic.length; i++) {
            if (b[off + i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    static int u16le(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
    }

    static long u32le(byte[] b, int off) {
        return (u16le(b, off) | (long) u16le(b, off + 2) << 16) & 0xffffffffL;
    }

    static long u64le(byte[] b, int off) {
        return u32le(b, off) | u32le(b, off + 4) << 32;
    }

    static long u32be(byte[] b, int off) {
        return ((b[off] & 0xffL) << 24) | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
    }

    static long u64be(byte[] b, int off) {
        return u32be(b, off) << 32 | u32be(b, off + 4);
    }

    /**
     * The GUID in its on-disk (Microsoft mixed-endian) byte order: the first three groups little-endian,
     * the last two as written.
     */
    static byte[] guid(String text) {
        String hex = text.replace("-", "");
        byte[] be = new byte[16];
        for (int i = 0; i < 16; i++) {
            be[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        byte[] out = be.clone();
        int[] order = {3, 2, 1, 0, 5, 4, 7, 6};
        for (int i = 0; i < 8; i++) {
            out[i] = be[order[i]];
        }
        return out;
    }

    /** Bytes as printable ASCII: other bytes as {@code \xNN}; cut to {@link #MAX_TEXT} characters. */
    static String text(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(Math.min(len, MAX_TEXT));
        for (int i = 0; i < len && sb.length() < MAX_TEXT; i++) {
            int c = b[off + i] & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '\\') {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return cut(sb.toString());
    }

    static String cut(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT - 3) + "...";
    }
}
