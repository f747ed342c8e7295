package dev.imagesdk.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagesdk.CallOptions;
import dev.imagesdk.event.CallInfo;
import dev.imagesdk.event.ImageServiceListener;
import dev.imagesdk.exception.CallTimeoutException;
import dev.imagesdk.exception.ImageServiceException;
import dev.imagesdk.exception.ServiceUnavailableException;
import dev.imagesdk.exception.TransportException;
import dev.imagesdk.internal.retry.RetryPolicy;
import dev.imagesdk.internal.retry.Sleeper;
import dev.imagesdk.testsupport.RecordingSleeper;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The executor's bounds in time (call and attempt timeouts, waits cut to the call's deadline), Resilience4j doing
 * the waiting, per-call retry state, and the listener's view of retries.
 */
class CallExecutorTimeAndEventsTest {

    private final ErrorMapper errors = new ErrorMapper(new ObjectMapper(), Clock.systemUTC());
    private final List<Duration> retryDelays = new CopyOnWriteArrayList<>();
    private final ImageServiceListener delays = new ImageServiceListener() {
        @Override
        public void retry(CallInfo call, int failedAttempt, String reason, Duration delay) {
            retryDelays.add(delay);
        }
    };

    private ImageServiceException status(int code, String retryAfter) {
        return errors.map(code, retryAfter == null ? Map.of() : Map.of("Retry-After", List.of(retryAfter)), null);
    }

    private static RetryPolicy policy(Duration backoff) {
        return new RetryPolicy(4, backoff, 2.0, 0.0, Duration.ofSeconds(30), Duration.ofMinutes(2));
    }

    @Test
    void resilience4jWaitsTheBackoffItself() {
        CallExecutor executor = new CallExecutor(null, policy(Duration.ofMillis(40)), Sleeper.SYSTEM, delays,
                Duration.ofMinutes(1), null);
        AtomicInteger attempts = new AtomicInteger();
        long start = System.nanoTime();

        String result = executor.execute(CallSpec.idempotent("image.get", "GET"), token -> {
            if (attempts.incrementAndGet() == 1) {
                throw status(503, null);
            }
            return "ok";
        });

        assertThat(result).isEqualTo("ok");
        assertThat(retryDelays).containsExactly(Duration.ofMillis(40));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(40));
    }

    @Test
    void waitIsCutToWhatRemainsOfTheCallTimeoutThenTheCallTimesOut() {
        CallExecutor executor = new CallExecutor(null, RetryPolicy.defaults(), Sleeper.SYSTEM, delays,
                Duration.ofMillis(400), null);
        long start = System.nanoTime();

        assertThatThrownBy(() -> executor.execute(CallSpec.idempotent("image.get", "GET"), token -> {
            throw status(503, "30");
        })).isInstanceOf(CallTimeoutException.class)
                .hasMessageMatching("image\\.get: no answer within the call timeout of 0\\.4 s \\(1 attempt, 0\\.\\d s\\)")
                .hasCauseInstanceOf(ServiceUnavailableException.class);

        assertThat(retryDelays).hasSize(1);
        assertThat(retryDelays.get(0)).isLessThanOrEqualTo(Duration.ofMillis(400));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_400));
    }

    @Test
    void interruptDuringResilience4jsWaitEndsTheCallPromptlyWithTheFlagSet() {
        ImageServiceListener interruptOnRetry = new ImageServiceListener() {
            @Override
            public void retry(CallInfo call, int failedAttempt, String reason, Duration delay) {
                Thread.currentThread().interrupt(); // as if another thread interrupted the caller during the wait
            }
        };
        CallExecutor executor = new CallExecutor(null, RetryPolicy.defaults(), Sleeper.SYSTEM, interruptOnRetry,
                Duration.ofMinutes(5), null);
        long start = System.nanoTime();
        try {
            assertThatThrownBy(() -> executor.execute(CallSpec.idempotent("image.get", "GET"), token -> {
                throw status(503, "60");
            })).isInstanceOf(TransportException.class).hasMessage("image.get interrupted while waiting to retry");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void eachCallHasItsOwnWaitBudget() {
        RecordingSleeper sleeper = new RecordingSleeper();
        RetryPolicy budget25s = new RetryPolicy(10, Duration.ofMillis(500), 2.0, 0.0, Duration.ofSeconds(30),
                Duration.ofSeconds(25));
        CallExecutor executor = new CallExecutor(null, budget25s, sleeper);

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> executor.execute(CallSpec.idempotent("image.get", "GET"), token -> {
                throw status(503, "10");
            })).isInstanceOf(ServiceUnavailableException.class);
        }

        // 10 s + 10 s per call: the second call's budget is not eaten by the first's.
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    @Test
    void attemptTimeoutSeenByTheTransportIsTheLeastOfRequestAttemptAndRemainingCallTime() {
        CallExecutor executor = new CallExecutor(null, RetryPolicy.none(), new RecordingSleeper(),
                ImageServiceListener.NONE, Duration.ofSeconds(20), Duration.ofSeconds(5));
        Duration requestTimeout = Duration.ofSeconds(60);

        Duration perAttempt = executor.execute(CallSpec.idempotent("image.get", "GET"),
                token -> CallScope.timeout(requestTimeout));
        Duration cutByCall = executor.execute(CallSpec.idempotent("image.get", "GET"),
                CallOptions.builder().callTimeout(Duration.ofSeconds(2)).build(), token -> CallScope.timeout(requestTimeout));
        Duration transfer = executor.execute(CallSpec.builder("image.download", "GET").idempotent(true).transfer(true)
                .build(), token -> CallScope.timeout(requestTimeout));

        assertThat(perAttempt).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(5));
        assertThat(cutByCall).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(transfer).isEqualTo(requestTimeout); // a transfer is bounded by progress, not by a total
        assertThat(CallScope.timeout(requestTimeout)).isEqualTo(requestTimeout); // nothing left behind
    }

    @Test
    void nestedCallIsBoundedByTheEnclosingCallsDeadline() {
        CallExecutor executor = new CallExecutor(null, RetryPolicy.none(), new RecordingSleeper());

        Duration inner = executor.execute(CallSpec.idempotent("image.get", "GET"),
                CallOptions.builder().callTimeout(Duration.ofSeconds(2)).build(),
                token -> executor.execute(CallSpec.idempotent("keystone.issueToken", "POST"),
                        t -> CallScope.timeout(Duration.ofSeconds(60))));

        assertThat(inner).isLessThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void optionsLimitTheAttemptsOfOneCall() {
        CallExecutor executor = new CallExecutor(null, RetryPolicy.defaults(), new RecordingSleeper());
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> executor.execute(CallSpec.idempotent("image.get", "GET"),
                CallOptions.builder().maxAttempts(2).build(), token -> {
                    attempts.incrementAndGet();
                    throw status(503, null);
                })).isInstanceOf(ServiceUnavailableException.class);

        assertThat(attempts).hasValue(2);
    }
}
