package dev.imagesdk.v2.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Behaviour switches of the v2 service.
 *
 * @param deleteOnChecksumMismatch whether {@code upload} deletes an image whose stored checksums differ from
 *                                 what was sent (a corrupt image is never left looking valid); {@code false}
 *                                 leaves it for inspection
 * @param defaultStore the store uploads go to ({@code X-Image-Meta-Store}), or null for the service default
 * @param pollInitial the first wait of a waiter
 * @param pollMax the longest wait between polls
 * @param pause how a waiter waits (tests pass a fake)
 * @param nanoTime the clock of waiters (tests pass a fake)
 */
public record V2Settings(boolean deleteOnChecksumMismatch, String defaultStore, Duration pollInitial,
                         Duration pollMax, Pause pause, LongSupplier nanoTime) {

    /** Waits; interruptible. */
    @FunctionalInterface
    public interface Pause {
        void sleep(Duration d) throws InterruptedException;
    }

    public V2Settings {
        Objects.requireNonNull(pollInitial, "pollInitial");
        Objects.requireNonNull(pollMax, "pollMax");
        Objects.requireNonNull(pause, "pause");
        Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** These settings with {@code deleteOnChecksumMismatch} replaced. */
    public V2Settings withDeleteOnChecksumMismatch(boolean delete) {
        return new V2Settings(delete, defaultStore, pollInitial, pollMax, pause, nanoTime);
    }

    /** Delete on mismatch, default store, polls from 500 ms growing to 5 s, real time. */
    public static V2Settings defaults() {
        return new V2Settings(true, null, Duration.ofMillis(500), Duration.ofSeconds(5),
                d -> Thread.sleep(d.toMillis()), System::nanoTime);
    }
}
