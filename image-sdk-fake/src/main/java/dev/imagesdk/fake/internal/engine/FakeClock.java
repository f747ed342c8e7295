package dev.imagesdk.fake.internal.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** The fake's clock: the system clock until set, then a fixed instant moved only by the test. */
public final class FakeClock {
    private final AtomicReference<Instant> fixed = new AtomicReference<>();
    private final Clock system = Clock.systemUTC();

    public Instant now() {
        Instant f = fixed.get();
        return f != null ? f : system.instant();
    }

    public void set(Instant instant) { fixed.set(instant); }

    public void advance(Duration d) {
        fixed.updateAndGet(f -> (f != null ? f : system.instant()).plus(d));
    }

    public void useSystem() { fixed.set(null); }

    public ZoneOffset zone() { return ZoneOffset.UTC; }
}
