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
 * <p>Refused with {@link InvalidInputException} naming the field: a null, empty or blank value (it would
 * address the collection instead of one member of it), a value longer than the given limit in characters, and
 * the whole-segment values {@code .} and {@code ..}. No encoding of those is safe: RFC 3986 makes
 * {@code %2E} equivalent to {@code .} (section 6.2.2.2), and proxies that normalise paths (nginx, Apache
 * httpd) decode it and then resolve the dot segment, so {@code DELETE .../tags/%2E%2E} would reach
 * {@code DELETE /v2/images/<id>}.
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
     * @throws InvalidInputException if the value is null, blank, {@code .} or {@code ..}, or longer than
     *         {@code maxLength}
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
        if (value.equals(".") || value.equals("..")) {
            throw new InvalidInputException(field, value, "must not be '.' or '..' (a proxy would resolve it as a "
                    + "directory step)");
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
