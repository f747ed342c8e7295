package dev.imagesdk.internal.inspect;

import java.util.Locale;

/**
 * Checks a vmdk text descriptor as it streams past, in constant memory (one line of at most
 * {@link #MAX_LINE} bytes). Every line must be one Glance accepts: blank, a {@code #} comment, a {@code ddb}
 * line, a header field ({@code key=value}, no space in the key) or an extent ({@code RW}, {@code RDONLY} or
 * {@code NOACCESS} first); matched case-insensitively after trimming. Trailing NUL padding is ignored;
 * text must be ASCII. Records the {@code createType} and the extents.
 */
final class VmdkDescriptor {
    /** Longest non-comment line accepted; real descriptors' lines are well under 200 bytes. */
    static final int MAX_LINE = 1024;

    private final byte[] line = new byte[MAX_LINE];
    private int length;
    private boolean overlong;
    private int pendingNuls;
    private int lineNumber;

    String invalid;
    String createType;
    int extents;
    String foreignExtent;

    void feed(byte[] b, int off, int len) {
        for (int i = off; i < off + len && invalid == null; i++) {
            byte c = b[i];
            if (c == 0) {
                pendingNuls++;
                continue;
            }
            while (pendingNuls > 0 && invalid == null) {
                pendingNuls--;
                append((byte) 0);
            }
            if (c == '\n') {
                endLine();
            } else if (c < 0) {
                invalid = "line " + (lineNumber + 1) + " is not ASCII";
            } else {
                append(c);
            }
        }
    }

    /** Ends the last line; call once after the last {@link #feed}. */
    void finish() {
        if (invalid == null && (length > 0 || overlong)) {
            endLine();
        }
    }

    private void append(byte c) {
        if (length < MAX_LINE) {
            line[length++] = c;
        } else {
            overlong = true;
        }
    }

    private void endLine() {
        lineNumber++;
        int s = 0;
        int e = length;
        while (s < e && space(line[s])) {
            s++;
        }
        while (e > s && space(line[e - 1])) {
            e--;
        }
        boolean comment = s < e && line[s] == '#';
        if (overlong && !comment) {
            invalid = "line " + lineNumber + " is longer than " + MAX_LINE + " bytes";
        } else if (!comment && s < e) {
            classify(new String(line, s, e - s, java.nio.charset.StandardCharsets.US_ASCII));
        }
        length = 0;
        overlong = false;
    }

    private void classify(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        int eq = lower.indexOf('=');
        int sp = lower.indexOf(' ');
        String first = sp < 0 ? lower : lower.substring(0, sp);
        if (lower.startsWith("ddb")) {
            return;
        }
        if (eq >= 0 && (sp < 0 || sp > eq)) {
            if (lower.substring(0, eq).equals("createtype")) {
                createType = unquote(text.substring(eq + 1));
            }
            return;
        }
        if (first.equals("rw") || first.equals("rdonly") || first.equals("noaccess")) {
            extents++;
            String[] parts = lower.split(" +");
            boolean sparse = parts.length >= 4 && parts[2].equals("sparse");
            if (foreignExtent == null && (text.indexOf('/') >= 0 || !sparse)) {
                foreignExtent = Bytes.cut(text);
            }
            return;
        }
        invalid = "line " + lineNumber + " is not a vmdk descriptor line: " + Bytes.cut(text);
    }

    private static String unquote(String v) {
        String t = v.trim();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1);
        }
        return Bytes.cut(t);
    }

    /** Python's {@code str.strip()} whitespace within ASCII. */
    private static boolean space(byte c) {
        return c == ' ' || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
    }
}
