package dev.imagesdk.internal.retry;

import java.time.Duration;

/** Waits between retry attempts; injectable so tests observe waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps on the calling thread. */
    Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
