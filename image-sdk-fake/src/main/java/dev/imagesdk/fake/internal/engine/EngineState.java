package dev.imagesdk.fake.internal.engine;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The engine's state, in one place that every part ({@link Images}, {@link ImageData}, {@link Members}...)
 * shares: the images, deleted ids, tasks, cache lists, the blob store, the clock, the configuration and
 * the transition modes, and the one lock that guards them. Metadata is read and changed only under
 * {@link #locked}; image bytes stream outside it.
 */
final class EngineState {
    private final ReentrantLock lock = new ReentrantLock();
    final LinkedHashMap<String, Image> images = new LinkedHashMap<>();
    final Set<String> deletedIds = new HashSet<>();
    final LinkedHashMap<String, Task> tasks = new LinkedHashMap<>();
    final Set<String> cached = new LinkedHashSet<>();
    final Set<String> cacheQueue = new LinkedHashSet<>();
    final FakeClock clock;
    final BlobStore blobs;
    volatile EngineConfig config;
    volatile TransitionMode uploadMode = TransitionMode.IMMEDIATE;
    volatile TransitionMode importMode = TransitionMode.IMMEDIATE;

    EngineState(EngineConfig config, FakeClock clock) {
        this.config = config;
        this.clock = clock;
        this.blobs = new BlobStore(config.memoryThreshold());
    }

    <T> T locked(Supplier<T> body) {
        lock.lock();
        try {
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    void lockedRun(Runnable body) {
        locked(() -> {
            body.run();
            return null;
        });
    }

    Instant now() {
        return clock.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
