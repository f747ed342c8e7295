package dev.imagesdk.micrometer.internal;

import dev.imagesdk.micrometer.MicrometerImageServiceListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The meters of one {@code operation} tag value. Each meter is registered on the first event that needs it
 * (so an operation shows only what happened to it) and kept here, so an event after the first of its kind is a lookup in a
 * {@link ConcurrentHashMap} by an existing key or an array read, and allocates nothing.
 *
 * <p>Races are harmless: two threads registering the same meter get the same instance from the registry.
 */
public final class OperationMeters {

    /** Different HTTP methods per operation beyond which the method tag reads {@link TagValues#OTHER}. */
    private static final int MAX_METHODS = 16;
    /** Different non-HTTP retry reasons per operation beyond which the reason tag reads {@link TagValues#OTHER}. */
    private static final int MAX_REASONS = 32;
    private static final int STATUS_SLOTS = 600;

    private final MeterRegistry registry;
    private final Tags tags;

    // Registered on first use (volatile: a racing second registration returns the same meter), so an
    // operation shows only the meters of what happened to it: no zero transfer summary for a metadata call.
    private volatile Counter reauthentications;
    private volatile DistributionSummary successAttempts;
    private volatile DistributionSummary failureAttempts;
    private volatile DistributionSummary transferBytes;
    private volatile Timer transfers;
    private volatile Counter verified;
    private volatile Counter mismatched;

    private final ConcurrentMap<String, MethodMeters> byMethod = new ConcurrentHashMap<>();
    private final AtomicReferenceArray<Counter> responses = new AtomicReferenceArray<>(STATUS_SLOTS);
    private final AtomicReferenceArray<Counter> retriesByStatus = new AtomicReferenceArray<>(STATUS_SLOTS);
    private final ConcurrentMap<String, Counter> retriesByCategory = new ConcurrentHashMap<>();

    OperationMeters(MeterRegistry registry, Tags commonTags, String operation) {
        this.registry = registry;
        this.tags = commonTags.and("operation", operation);
    }

    private DistributionSummary attempts(String outcome) {
        return DistributionSummary.builder(MicrometerImageServiceListener.CALL_ATTEMPTS)
                .description("Attempts per call, the first included (a retry or a replay after a re-authentication adds one)")
                .tags(tags).tag("outcome", outcome).register(registry);
    }

    private Counter verification(String result) {
        return Counter.builder(MicrometerImageServiceListener.VERIFICATIONS)
                .description("Checksum comparisons of image data after a transfer")
                .tags(tags).tag("result", result).register(registry);
    }

    public void callEnd(String method, long elapsedNanos, int attempts) {
        method(method).success().record(elapsedNanos, TimeUnit.NANOSECONDS);
        DistributionSummary summary = successAttempts;
        if (summary == null) {
            summary = successAttempts = attempts("success");
        }
        summary.record(attempts);
    }

    public void callFailed(String method, Class<?> failure, long elapsedNanos, int attempts) {
        method(method).failure(failure).record(elapsedNanos, TimeUnit.NANOSECONDS);
        DistributionSummary summary = failureAttempts;
        if (summary == null) {
            summary = failureAttempts = attempts("failure");
        }
        summary.record(attempts);
    }

    public void response(int status) {
        int slot = status >= 100 && status < STATUS_SLOTS ? status : 0;
        Counter counter = responses.get(slot);
        if (counter == null) {
            counter = Counter.builder(MicrometerImageServiceListener.RESPONSES)
                    .description("Answers of the service, by HTTP status")
                    .tags(tags).tag("status", slot == 0 ? TagValues.OTHER : Integer.toString(status))
                    .register(registry);
            responses.set(slot, counter);
        }
        counter.increment();
    }

    public void retry(String reason) {
        int status = TagValues.httpStatus(reason);
        if (status > 0) {
            Counter counter = retriesByStatus.get(status);
            if (counter == null) {
                counter = retryCounter("HTTP " + status);
                retriesByStatus.set(status, counter);
            }
            counter.increment();
            return;
        }
        String category = TagValues.reasonCategory(reason);
        Counter counter = retriesByCategory.get(category);
        if (counter == null) {
            if (retriesByCategory.size() >= MAX_REASONS) {
                category = TagValues.OTHER;
            }
            counter = retriesByCategory.computeIfAbsent(category, this::retryCounter);
        }
        counter.increment();
    }

    private Counter retryCounter(String reason) {
        return Counter.builder(MicrometerImageServiceListener.RETRIES)
                .description("Attempts that failed and were retried, by reason")
                .tags(tags).tag("reason", reason).register(registry);
    }

    public void reauthentication() {
        Counter counter = reauthentications;
        if (counter == null) {
            counter = reauthentications = Counter.builder(MicrometerImageServiceListener.REAUTHENTICATIONS)
                    .description("Tokens refused (401) and renewed, each followed by one replay of the call")
                    .tags(tags).register(registry);
        }
        counter.increment();
    }

    public void transfer(long bytes, long elapsedNanos) {
        DistributionSummary summary = transferBytes;
        if (summary == null) {
            summary = transferBytes = DistributionSummary.builder(MicrometerImageServiceListener.TRANSFER_BYTES)
                    .description("Image data sent or received per upload or download (all attempts)")
                    .baseUnit("bytes").tags(tags).register(registry);
        }
        summary.record(bytes);
        Timer timer = transfers;
        if (timer == null) {
            timer = transfers = Timer.builder(MicrometerImageServiceListener.TRANSFERS)
                    .description("Time from the first byte of image data to the last, per upload or download")
                    .tags(tags).register(registry);
        }
        timer.record(elapsedNanos, TimeUnit.NANOSECONDS);
    }

    public void verification(boolean ok) {
        Counter counter = ok ? verified : mismatched;
        if (counter == null) {
            counter = verification(ok ? "verified" : "mismatch");
            if (ok) {
                verified = counter;
            } else {
                mismatched = counter;
            }
        }
        counter.increment();
    }

    private MethodMeters method(String method) {
        String key = method == null ? TagValues.OTHER : method;
        MethodMeters meters = byMethod.get(key);
        if (meters == null) {
            if (byMethod.size() >= MAX_METHODS) {
                key = TagValues.OTHER;
            }
            meters = byMethod.computeIfAbsent(key, MethodMeters::new);
        }
        return meters;
    }

    /** The {@code imagesdk.calls} timers of one operation and method. */
    private final class MethodMeters {
        final String method;
        volatile Timer success;
        final ConcurrentMap<Class<?>, Timer> failures = new ConcurrentHashMap<>();

        MethodMeters(String method) {
            this.method = method;
        }

        Timer success() {
            Timer timer = success;
            if (timer == null) {
                timer = success = calls("success", TagValues.NONE);
            }
            return timer;
        }

        Timer failure(Class<?> type) {
            Class<?> key = type == null ? Void.class : type;
            Timer timer = failures.get(key);
            if (timer == null) {
                timer = failures.computeIfAbsent(key,
                        k -> calls("failure", k == Void.class ? TagValues.OTHER : TagValues.exception(k)));
            }
            return timer;
        }

        private Timer calls(String outcome, String exception) {
            return Timer.builder(MicrometerImageServiceListener.CALLS)
                    .description("Calls from start to success or failure, retries, re-authentication and backoff included")
                    .tags(tags).tag("method", method).tag("outcome", outcome).tag("exception", exception)
                    .register(registry);
        }
    }
}
