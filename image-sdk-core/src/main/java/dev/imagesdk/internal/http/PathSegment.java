package dev.imagesdk.internal.http;

import dev.imagesdk.exception.InvalidInputException;

import java.nio.charset.StandardCharsets;

/**
 * The one encoder for a caller's value (image id, tag, member id, namespace name) that becomes one segment
 * of a request path, for Feign and non-Feign calls alike.
 *
 * <p>Guarantee: the result is exactly one path segment that every server and proxy decodes back to the
 * value. Every byte of the value's UTF-8 form outside RFC 3986's <em>unreserved</em> set
 * ({@code A-Z a-z 0-9 - . _ ~}) is percent-encoded, so {@code %} becomes {@code %25} (an id like
 * {@code %41bc} is never decoded into {@code Abc}), {@code /} becomes {@code %2F}, and {@code ?},
 * {@code #}, spaces, CR/LF and non-ASCII characters can neither end the path nor split the request line.
 * The whole-segment values {@code .} and {@code ..}, which a proxy or server would resolve as "this" and
 * "parent" directory, are sent as {@code %2E} and {@code %2E%2E}.
 *
 * <p>Refused with {@link InvalidInputException} naming the field: a null, empty or blank value (it would
 * address the collection instead of one member of it) and a value longer than the given limit in
 * characters.
 */
public final class PathSegment {

    /** The limit for ids and names when the caller has no more specific one (Glance's columns are 255). */
    public static final int DEFAULT_MAX_LENGTH = 255;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PathSegment() {
    }

    /** {@link #encode(String, String, int)} with {@link #DEFAULT_MAX_LENGTH}. */
    public static String encode(String field, String value) {
        return encode(field, value, DEFAULT_MAX_LENGTH);
    }

    /**
     * @param field names the value in the exception (e.g. {@code imageId}, {@code tag})
     * @param maxLength the longest value accepted, in characters
     * @return the encoded segment, without slashes
     * @throws InvalidInputException if the value is null, blank or longer than {@code maxLength}
     */
    public static String encode(String field, String value, int maxLength) {
        if (value == null) {
            throw new InvalidInputException(field, null, "is required");
        }
        if (value.isBlank()) {
            throw new InvalidInputException(field, value, "must not be empty or blank");
        }
        if (value.length() > maxLength) {
            throw new InvalidInputException(field, value, "must be at most " + maxLength + " characters");
        }
        if (value.equals(".")) {
            return "%2E";
        }
        if (value.equals("..")) {
            return "%2E%2E";
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(utf8.length + 16);
        for (byte b : utf8) {
            int c = b & 0xff;
            if (isUnreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
