package dev.imagesdk.testsupport;

import dev.imagesdk.internal.retry.Sleeper;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records the waits asked for instead of sleeping. A copy of core's test helper of the same name
 * (it needs core types, so it cannot live in image-sdk-testkit, and core makes no test jar).
 */
public final class RecordingSleeper implements Sleeper {

    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration duration) {
        waits.add(duration);
    }

    public List<Duration> waits() {
        return List.copyOf(waits);
    }
}
