package dev.imagesdk.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagesdk.auth.ServiceCatalog;
import dev.imagesdk.auth.Token;
import dev.imagesdk.exception.BadRequestException;
import dev.imagesdk.exception.ChecksumMismatchException;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.ImageServiceException;
import dev.imagesdk.exception.ServiceUnavailableException;
import dev.imagesdk.exception.TooManyRequestsException;
import dev.imagesdk.exception.TransportException;
import dev.imagesdk.exception.UnauthorizedException;
import dev.imagesdk.internal.auth.KeystoneTokenProvider;
import dev.imagesdk.internal.auth.StaticTokenProvider;
import dev.imagesdk.internal.retry.RetryPolicy;
import dev.imagesdk.testsupport.MutableClock;
import dev.imagesdk.testsupport.RecordingSleeper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallExecutorTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T20:00:00Z"));
    private final ErrorMapper errors = new ErrorMapper(new ObjectMapper(), clock);
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final AtomicInteger issued = new AtomicInteger();
    private final KeystoneTokenProvider tokens = new KeystoneTokenProvider(
            () -> new Token("token-" + issued.incrementAndGet(), clock.instant().plusSeconds(3600), ServiceCatalog.EMPTY, null),
            clock, Duration.ofSeconds(120));
    private final CallExecutor executor = new CallExecutor(tokens, RetryPolicy.defaults(), sleeper);

    private ImageServiceException status(int code, String retryAfter) {
        return errors.map(code, retryAfter == null ? Map.of() : Map.of("Retry-After", List.of(retryAfter)), null);
    }

    @Test
    void retriesAfter503WithRetryAfterAndWaitsTheAskedTime() {
        AtomicInteger attempts = new AtomicInteger();
        String result = executor.execute(CallSpec.idempotent("images.get", "GET"), token -> {
            if (attempts.incrementAndGet() == 1) {
                throw status(503, "3");
            }
            return "ok";
        });
        assertThat(result).isEqualTo("ok");
        assertThat(attempts).hasValue(2);
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(3));
        assertThat(executor.retryCount()).isEqualTo(1);
    }

    @Test
    void retries429WithExponentialBackoffWhenNoRetryAfter() {
        AtomicInteger attempts = new AtomicInteger();
        String result = executor.execute(CallSpec.idempotent("images.list", "GET"), token -> {
            if (attempts.incrementAndGet() < 3) {
                throw status(429, null);
            }
            return "ok";
        });
        assertThat(result).isEqualTo("ok");
        assertThat(sleeper.waits()).hasSize(2);
        // 500 ms +-50 %, then 1000 ms +-50 %
        assertThat(sleeper.waits().get(0)).isBetween(Duration.ofMillis(250), Duration.ofMillis(750));
        assertThat(sleeper.waits().get(1)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1500));
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastError() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> executor.execute(CallSpec.idempotent("images.get", "GET"), token -> {
            attempts.incrementAndGet();
            throw status(503, "1");
        })).isInstanceOf(ServiceUnavailableException.class);
        assertThat(attempts).hasValue(4);
        assertThat(sleeper.waits()).hasSize(3);
    }

    @Test
    void retryAfterLongerThanTheCapIsNotWaitedFor() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> executor.execute(CallSpec.idempotent("images.get", "GET"), token -> {
            attempts.incrementAndGet();
            throw status(429, "3600");
        })).isInstanceOf(TooManyRequestsException.class);
        assertThat(attempts).hasValue(1);
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void retryAfterLongerThanOneBackoffIsHonouredWithinTheBudget() {
        AtomicInteger attempts = new AtomicInteger();
        String result = executor.execute(CallSpec.idempotent("images.get", "GET"), token -> {
            if (attempts.incrementAndGet() == 1) {
                throw status(503, "45"); // above the 30 s backoff cap, within the 2 min budget
            }
            return "ok";
        });
        assertThat(result).isEqualTo("ok");
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(45));
    }

    @Test
    void totalWaitIsCapped() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(500), 2.0, 0.0, Duration.ofSeconds(30), Duration.ofSeconds(25));
        CallExecutor capped = new CallExecutor(null, policy, sleeper);
        assertThatThrownBy(() -> capped.execute(CallSpec.idempotent("images.get", "GET"), token -> {
            throw status(503, "10");
        })).isInstanceOf(ServiceUnavailableException.class);
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    @Test
    void neverRetriesOther4xxOrChecksumMismatch() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> executor.execute(CallSpec.idempotent("images.get", "GET"), token -> {
            attempts.incrementAndGet();
            throw status(400, null);
        })).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> executor.execute(CallSpec.idempotent("images.download", "GET"), token -> {
            attempts.incrementAndGet();
            throw new ChecksumMismatchException("id", "md5", "a", "b");
        })).isInstanceOf(ChecksumMismatchException.class);
        assertThat(attempts).hasValue(2);
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void reauthenticatesOnceOn401AndReplaysWithTheNewToken() {
        List<String> seen = new ArrayList<>();
        String result = executor.execute(CallSpec.idempotent("images.get", "GET"), token -> {
            seen.add(token);
            if (seen.size() == 1) {
                throw status(401, null);
            }
            return "ok";
        });
        assertThat(result).isEqualTo("ok");
        assertThat(seen).containsExactly("token-1", "token-2");
        assertThat(executor.reauthenticationCount()).isEqualTo(1);
        assertThat(executor.retryCount()).isZero();
    }

    @Test
    void second401IsThrownNotLooped() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> executor.execute(CallSpec.idempotent("images.get", "GET"), token -> {
            attempts.incrementAndGet();
            throw status(401, null);
        })).isInstanceOf(UnauthorizedException.class);
        assertThat(attempts).hasValue(2);
        assertThat(issued).hasValue(2);
    }

    @Test
    void oneShotUploadIsNeverReplayedAfterItsBytesWentOut() {
        AtomicInteger attempts = new AtomicInteger();
        CallSpec upload = CallSpec.builder("images.upload", "PUT").idempotent(true).replayable(false)
                .tracksBytesSent(true).build();
        assertThatThrownBy(() -> executor.execute(upload, token -> {
            attempts.incrementAndGet();
            upload.markBytesSent();
            throw status(401, null);
        })).isInstanceOf(UnauthorizedException.class);
        CallSpec upload2 = CallSpec.builder("images.upload", "PUT").idempotent(true).replayable(false)
                .tracksBytesSent(true).build();
        assertThatThrownBy(() -> executor.execute(upload2, token -> {
            attempts.incrementAndGet();
            upload2.markBytesSent();
            throw new IOException("Connection reset");
        })).isInstanceOf(TransportException.class);
        assertThat(attempts).hasValue(2);
        assertThat(executor.reauthenticationCount()).isZero();
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void oneShotUploadIsRetriedWhenNothingWasSent() {
        AtomicInteger attempts = new AtomicInteger();
        CallSpec upload = CallSpec.builder("images.upload", "PUT").idempotent(true).replayable(false)
                .tracksBytesSent(true).build();
        String result = executor.execute(upload, token -> {
            if (attempts.incrementAndGet() == 1) {
                throw new ConnectException("Connection refused");
            }
            upload.markBytesSent();
            return "uploaded";
        });
        assertThat(result).isEqualTo("uploaded");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void nonIdempotentCallIsRetriedOnlyOnConnectFailure() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> executor.execute(CallSpec.nonIdempotent("images.patch", "PATCH"), token -> {
            attempts.incrementAndGet();
            throw status(503, "1");
        })).isInstanceOf(ServiceUnavailableException.class);
        assertThatThrownBy(() -> executor.execute(CallSpec.nonIdempotent("images.patch", "PATCH"), token -> {
            attempts.incrementAndGet();
            throw new IOException("Connection reset");
        })).isInstanceOf(TransportException.class);
        assertThat(attempts).hasValue(2);
        String ok = executor.execute(CallSpec.nonIdempotent("images.patch", "PATCH"), token -> {
            if (attempts.incrementAndGet() == 3) {
                throw new IOException("wrapped", new ConnectException("Connection refused"));
            }
            return "patched";
        });
        assertThat(ok).isEqualTo("patched");
        assertThat(attempts).hasValue(4);
    }

    @Test
    void staticTokenIsNotReplayedOn401() {
        CallExecutor fixed = new CallExecutor(new StaticTokenProvider("static"), RetryPolicy.defaults(), sleeper);
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> fixed.execute(CallSpec.idempotent("images.get", "GET"), token -> {
            assertThat(token).isEqualTo("static");
            attempts.incrementAndGet();
            throw status(401, null);
        })).isInstanceOf(UnauthorizedException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void strayExceptionsBecomeTypedOnes() {
        CallExecutor none = new CallExecutor(null, RetryPolicy.none(), sleeper);
        assertThatThrownBy(() -> none.execute(CallSpec.idempotent("x", "GET"), token -> {
            assertThat(token).isNull();
            throw new IllegalStateException("bug");
        })).isInstanceOf(ImageSdkClientException.class).hasCauseInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> none.execute(CallSpec.idempotent("x", "GET"), token -> {
            throw new java.io.UncheckedIOException(new IOException("broken pipe"));
        })).isInstanceOf(TransportException.class);
    }

    @Test
    void interruptDuringBackoffStopsWithInterruptFlagSet() {
        CallExecutor interrupted = new CallExecutor(null, RetryPolicy.defaults(), d -> {
            throw new InterruptedException();
        });
        try {
            assertThatThrownBy(() -> interrupted.execute(CallSpec.idempotent("x", "GET"), token -> {
                throw status(503, "1");
            })).isInstanceOf(TransportException.class).hasMessageContaining("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
