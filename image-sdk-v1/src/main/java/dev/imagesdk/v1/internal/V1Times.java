package dev.imagesdk.v1.internal;

import dev.imagesdk.exception.ImageSdkClientException;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Timestamps as API v1 writes them: ISO 8601 without a zone ({@code 2013-05-24T11:44:48} in JSON,
 * {@code 2016-01-06T03:22:20.000000} in headers), meaning UTC; a zone or {@code Z} is accepted too.
 */
final class V1Times {
    private V1Times() {
    }

    /** The instant, or null for null, empty or {@code None}. */
    static Instant parse(String field, String raw) {
        if (raw == null || raw.isBlank() || raw.equals("None")) {
            return null;
        }
        String s = raw.trim().replace(' ', 'T');
        try {
            if (s.endsWith("Z") || s.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(s.endsWith("Z") ? s : s.replaceFirst("([+-]\\d\\d)(\\d\\d)$", "$1:$2"))
                        .toInstant();
            }
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new ImageSdkClientException("The service sent a malformed timestamp for " + field + ": '" + raw + "'",
                    e);
        }
    }

    /** An instant as v1 filters take it ({@code 2024-01-01T00:00:00Z}). */
    static String format(Instant instant) {
        return instant.toString();
    }
}
