package dev.imagesdk.internal.retry;

import dev.imagesdk.exception.InvalidInputException;

import java.time.Duration;
import java.util.Objects;

/**
 * The SDK's one retry policy (immutable): how many attempts, the exponential backoff with jitter used
 * when the service gave no {@code Retry-After} (capped per wait), and the cap on the total time a call may
 * spend waiting (which also bounds the {@code Retry-After} honoured). What is retried is decided per call by {@code CallExecutor}.
 */
public final class RetryPolicy {

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final double multiplier;
    private final double jitter;
    private final Duration maxBackoff;
    private final Duration maxTotalWait;

    public RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, double jitter,
                       Duration maxBackoff, Duration maxTotalWait) {
        if (maxAttempts < 1) {
            throw new InvalidInputException("maxAttempts", maxAttempts, "must be at least 1");
        }
        if (multiplier < 1.0) {
            throw new InvalidInputException("multiplier", multiplier, "must be at least 1.0");
        }
        if (jitter < 0.0 || jitter >= 1.0) {
            throw new InvalidInputException("jitter", jitter, "must be in [0, 1)");
        }
        this.maxAttempts = maxAttempts;
        this.initialBackoff = positive("initialBackoff", initialBackoff);
        this.multiplier = multiplier;
        this.jitter = jitter;
        this.maxBackoff = positive("maxBackoff", maxBackoff);
        this.maxTotalWait = Objects.requireNonNull(maxTotalWait, "maxTotalWait");
        if (maxTotalWait.isNegative()) {
            throw new InvalidInputException("maxTotalWait", maxTotalWait, "must not be negative");
        }
    }

    /** 4 attempts, 500 ms doubling with +-50 % jitter, at most 30 s per wait and 2 min in total. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMillis(500), 2.0, 0.5, Duration.ofSeconds(30), Duration.ofMinutes(2));
    }

    /** A policy that never retries. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ofMillis(1), 1.0, 0.0, Duration.ofMillis(1), Duration.ZERO);
    }

    private static Duration positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new InvalidInputException(name, d, "must be positive");
        }
        return d;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public double multiplier() {
        return multiplier;
    }

    public double jitter() {
        return jitter;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    public Duration maxTotalWait() {
        return maxTotalWait;
    }

    @Override
    public String toString() {
        return "RetryPolicy{maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff
                + ", multiplier=" + multiplier + ", jitter=" + jitter + ", maxBackoff=" + maxBackoff
                + ", maxTotalWait=" + maxTotalWait + '}';
    }
}
