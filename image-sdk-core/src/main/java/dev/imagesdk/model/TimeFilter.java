package dev.imagesdk.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A time filter: {@code <attribute> <comparison> <instant>}.
 *
 * @param comparison the operator
 * @param instant the point in time (sent in UTC, second precision)
 */
public record TimeFilter(Comparison comparison, Instant instant) {
    /**
     * Checks both parts.
     *
     * @param comparison the operator
     * @param instant the point in time (sent in UTC, second precision)
     * @throws NullPointerException if comparison or instant is null
     */
    public TimeFilter {
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(instant, "instant");
    }
}
