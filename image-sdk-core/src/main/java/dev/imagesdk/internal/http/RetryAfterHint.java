package dev.imagesdk.internal.http;

import java.time.Duration;

/**
 * Implemented by the service exceptions {@link ErrorMapper} produces when the response carried a
 * {@code Retry-After} header: the retry policy waits this long (capped) before the next attempt.
 */
public interface RetryAfterHint {

    /** The delay the service asked for; never negative. */
    Duration retryAfter();
}
