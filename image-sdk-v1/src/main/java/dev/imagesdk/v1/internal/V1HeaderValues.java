package dev.imagesdk.v1.internal;

import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.InvalidInputException;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * How values travel in v1 headers. HTTP header values are ASCII, so a value that is not plain printable
 * ASCII is percent-encoded as UTF-8 (as python-glanceclient does since bug 1766235) and decoded back when
 * read. Booleans are written the way Glance writes them, {@code True} / {@code False}.
 *
 * <p>The encoding is chosen so that every string survives a round trip exactly: a printable-ASCII value
 * with no surrounding spaces is sent verbatim (so {@code My Custom Image} stays readable on the wire, as in
 * the seed's curl examples), unless it already looks percent-encoded; every other value is encoded with
 * {@code %} itself escaped, and only values that look percent-encoded are decoded.
 */
final class V1HeaderValues {

    static final String TRUE = "True";
    static final String FALSE = "False";
    /** How Glance writes a missing value (Python's str(None)). */
    static final String NONE = "None";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private V1HeaderValues() {
    }

    /** {@code True} or {@code False}. */
    static String bool(boolean value) {
        return value ? TRUE : FALSE;
    }

    /**
     * Parses a boolean as Glance's {@code bool_from_string} would (case-insensitive true/false, t/f,
     * yes/no, on/off, 1/0).
     *
     * @throws ImageSdkClientException if the service sent something else
     */
    static boolean parseBool(String field, String raw) {
        switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "true": case "t": case "yes": case "y": case "on": case "1":
                return true;
            case "false": case "f": case "no": case "n": case "off": case "0":
                return false;
            default:
                throw new ImageSdkClientException("The service sent a malformed boolean for " + field + ": '"
                        + raw + "'");
        }
    }

    /**
     * The header form of a value.
     *
     * @param field named in the exception
     * @throws InvalidInputException if the value contains an unpaired surrogate (not encodable as UTF-8)
     */
    static String encode(String field, String value) {
        if (value.equals(NONE)) {
            // Glance writes a missing value as None: a literal "None" is escaped so it reads back as itself.
            return "%4Eone";
        }
        if (isVerbatimSafe(value) && !looksEncoded(value)) {
            return value;
        }
        ByteBuffer encoded;
        try {
            encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(value));
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(field, value, "contains characters that cannot be encoded as UTF-8 "
                    + "(an unpaired surrogate)");
        }
        int length = encoded.remaining();
        byte[] utf8 = new byte[length];
        encoded.get(utf8);
        StringBuilder sb = new StringBuilder(length * 3);
        for (int i = 0; i < length; i++) {
            int b = utf8[i] & 0xff;
            boolean edgeSpace = b == ' ' && (i == 0 || i == length - 1);
            if (b < 0x20 || b > 0x7e || b == '%' || edgeSpace) {
                sb.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
            } else {
                sb.append((char) b);
            }
        }
        return sb.toString();
    }

    /** The value a header carries: percent-decoded if it looks encoded, else verbatim. */
    static String decode(String raw) {
        if (!looksEncoded(raw)) {
            return raw;
        }
        return percentDecode(raw);
    }

    /** Printable ASCII without leading or trailing spaces (which HTTP would strip). */
    private static boolean isVerbatimSafe(String v) {
        if (v.isEmpty()) {
            return true;
        }
        if (v.charAt(0) == ' ' || v.charAt(v.length() - 1) == ' ') {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** At least one {@code %}, every {@code %} followed by two hex digits, and the bytes valid UTF-8. */
    static boolean looksEncoded(String v) {
        if (v.indexOf('%') < 0) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c > 0x7e) {
                return false;
            }
            if (c == '%') {
                if (i + 2 >= v.length() || hex(v.charAt(i + 1)) < 0 || hex(v.charAt(i + 2)) < 0) {
                    return false;
                }
                i += 2;
            }
        }
        return percentDecode(v) != null;
    }

    /** The decoded string, or null if the bytes are not valid UTF-8. */
    private static String percentDecode(String v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '%') {
                out.write(hex(v.charAt(i + 1)) << 4 | hex(v.charAt(i + 2)));
                i += 2;
            } else {
                out.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
