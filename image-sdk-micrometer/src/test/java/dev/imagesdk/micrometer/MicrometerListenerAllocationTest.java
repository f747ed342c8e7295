package dev.imagesdk.micrometer;

import dev.imagesdk.event.CallInfo;
import dev.imagesdk.exception.NotFoundException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Once the meters of a tag set exist, an event allocates nothing in this module: the meters are cached, the
 * tag values are constants. Measured with the JVM's per-thread allocation counter (HotSpot's
 * {@code com.sun.management.ThreadMXBean}); the bound is far below what registering through a builder per
 * event costs (a builder, a {@code Tags}, a {@code Meter.Id}: several hundred bytes), so it fails if the cache
 * is bypassed, and it does not depend on speed.
 */
class MicrometerListenerAllocationTest {

    static final int EVENTS_PER_ROUND = 9;

    @Test
    void eventsAfterTheFirstAllocateAlmostNothing() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "HotSpot allocation counter");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "allocation counter supported");
        threads.setThreadAllocatedMemoryEnabled(true);

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerImageServiceListener listener = new MicrometerImageServiceListener(registry);
        CallInfo get = new CallInfo("get image", "GET", 1);
        CallInfo download = new CallInfo("download image", "GET", 2);
        Duration retryDelay = Duration.ofMillis(100);
        Duration elapsed = Duration.ofMillis(12);
        NotFoundException notFound = new NotFoundException("gone", null);

        int rounds = 20_000;
        runRounds(listener, get, download, retryDelay, elapsed, notFound, rounds); // registers, warms up
        long threadId = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(threadId);
        runRounds(listener, get, download, retryDelay, elapsed, notFound, rounds);
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        double perEvent = (double) allocated / ((long) rounds * EVENTS_PER_ROUND);
        System.out.printf("allocation: %d bytes for %d events = %.3f bytes/event%n",
                allocated, (long) rounds * EVENTS_PER_ROUND, perEvent);
        assertThat(perEvent).isLessThan(8.0);
        assertThat(registry.get(MicrometerImageServiceListener.RESPONSES).counters().stream()
                .mapToDouble(Counter::count).sum()).isEqualTo(3.0 * rounds * 2);
    }

    static void runRounds(MicrometerImageServiceListener listener, CallInfo get, CallInfo download,
                          Duration retryDelay, Duration elapsed, NotFoundException notFound, int rounds) {
        for (int i = 0; i < rounds; i++) {
            listener.response(get, 1, 503, "req-a");
            listener.retry(get, 1, "HTTP 503", retryDelay);
            listener.response(get, 2, 401, "req-b");
            listener.reauthentication(get);
            listener.callEnd(get, elapsed, 3);
            listener.response(download, 1, 200, "req-c");
            listener.transferBytes(download, 1_048_576, elapsed);
            listener.verification(download, true);
            listener.callFailed(download, elapsed, 1, notFound);
        }
    }
}
