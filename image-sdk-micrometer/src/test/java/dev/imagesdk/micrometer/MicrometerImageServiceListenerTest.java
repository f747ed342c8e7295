package dev.imagesdk.micrometer;

import dev.imagesdk.event.CallInfo;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.exception.NotFoundException;
import dev.imagesdk.exception.ServiceUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static dev.imagesdk.micrometer.MicrometerImageServiceListener.CALLS;
import static dev.imagesdk.micrometer.MicrometerImageServiceListener.CALL_ATTEMPTS;
import static dev.imagesdk.micrometer.MicrometerImageServiceListener.REAUTHENTICATIONS;
import static dev.imagesdk.micrometer.MicrometerImageServiceListener.RESPONSES;
import static dev.imagesdk.micrometer.MicrometerImageServiceListener.RETRIES;
import static dev.imagesdk.micrometer.MicrometerImageServiceListener.TRANSFERS;
import static dev.imagesdk.micrometer.MicrometerImageServiceListener.TRANSFER_BYTES;
import static dev.imagesdk.micrometer.MicrometerImageServiceListener.VERIFICATIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The listener driven directly with scripted event sequences (as the call layer emits them) against a
 * {@link SimpleMeterRegistry}: exact counts, timer totals and tags.
 */
class MicrometerImageServiceListenerTest {

    static final String UUID_1 = "9a3f2c4e-8d1b-4c7a-9e2f-0b5d6c7e8f90";
    static final String UUID_2 = "0b5d6c7e-8f90-4c7a-9e2f-9a3f2c4e8d1b";

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final MicrometerImageServiceListener listener = new MicrometerImageServiceListener(registry);

    long nextId;

    CallInfo call(String operation, String method) {
        return new CallInfo(operation, method, ++nextId);
    }

    /** One call: a 503, a retry, a 200. */
    void getWithOneServiceUnavailable(Duration elapsed) {
        CallInfo get = call("get image", "GET");
        listener.callStart(get);
        listener.attemptStart(get, 1);
        listener.response(get, 1, 503, "req-1");
        listener.retry(get, 1, "HTTP 503", Duration.ofSeconds(1));
        listener.attemptStart(get, 2);
        listener.response(get, 2, 200, "req-2");
        listener.callEnd(get, elapsed, 2);
    }

    /** One call: a 401, a re-authentication, a replay answered 200. */
    void getWithOneReauthentication(Duration elapsed) {
        CallInfo get = call("get image", "GET");
        listener.callStart(get);
        listener.attemptStart(get, 1);
        listener.response(get, 1, 401, "req-3");
        listener.reauthentication(get);
        listener.attemptStart(get, 2);
        listener.response(get, 2, 200, "req-4");
        listener.callEnd(get, elapsed, 2);
    }

    @Test
    void scriptedRunIsCountedAndTimedPerOperationOutcomeAndStatus() {
        getWithOneServiceUnavailable(Duration.ofMillis(120));
        getWithOneReauthentication(Duration.ofMillis(50));

        CallInfo delete = call("delete image", "DELETE");
        listener.callStart(delete);
        listener.attemptStart(delete, 1);
        listener.response(delete, 1, 404, "req-5");
        listener.callFailed(delete, Duration.ofMillis(30), 1, new NotFoundException("No image found", "req-5"));

        CallInfo download = call("download image", "GET");
        listener.callStart(download);
        listener.attemptStart(download, 1);
        listener.response(download, 1, 200, "req-6");
        listener.transferBytes(download, 1_048_576, Duration.ofMillis(200));
        listener.verification(download, true);
        listener.callEnd(download, Duration.ofMillis(250), 1);

        Timer getCalls = registry.get(CALLS)
                .tags("operation", "get image", "method", "GET", "outcome", "success", "exception", "none").timer();
        assertThat(getCalls.count()).isEqualTo(2);
        assertThat(getCalls.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(170.0);
        Timer deleteCalls = registry.get(CALLS).tags("operation", "delete image", "method", "DELETE",
                "outcome", "failure", "exception", "NotFoundException").timer();
        assertThat(deleteCalls.count()).isEqualTo(1);
        assertThat(deleteCalls.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(30.0);
        assertThat(registry.get(CALLS).timers()).hasSize(3);
        assertThat(registry.get(CALLS).timers().stream().mapToLong(Timer::count).sum()).isEqualTo(4);

        DistributionSummary getAttempts = registry.get(CALL_ATTEMPTS)
                .tags("operation", "get image", "outcome", "success").summary();
        assertThat(getAttempts.count()).isEqualTo(2);
        assertThat(getAttempts.totalAmount()).isEqualTo(4.0);

        assertThat(count(RETRIES, "operation", "get image", "reason", "HTTP 503")).isEqualTo(1.0);
        assertThat(total(RETRIES)).isEqualTo(1.0);
        assertThat(count(REAUTHENTICATIONS, "operation", "get image")).isEqualTo(1.0);
        assertThat(total(REAUTHENTICATIONS)).isEqualTo(1.0);

        assertThat(count(RESPONSES, "operation", "get image", "status", "503")).isEqualTo(1.0);
        assertThat(count(RESPONSES, "operation", "get image", "status", "401")).isEqualTo(1.0);
        assertThat(count(RESPONSES, "operation", "get image", "status", "200")).isEqualTo(2.0);
        assertThat(count(RESPONSES, "operation", "delete image", "status", "404")).isEqualTo(1.0);
        assertThat(count(RESPONSES, "operation", "download image", "status", "200")).isEqualTo(1.0);
        assertThat(total(RESPONSES)).isEqualTo(6.0);

        DistributionSummary bytes = registry.get(TRANSFER_BYTES).tags("operation", "download image").summary();
        assertThat(bytes.count()).isEqualTo(1);
        assertThat(bytes.totalAmount()).isEqualTo(1_048_576.0);
        assertThat(bytes.getId().getBaseUnit()).isEqualTo("bytes");
        Timer transfers = registry.get(TRANSFERS).tags("operation", "download image").timer();
        assertThat(transfers.count()).isEqualTo(1);
        assertThat(transfers.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(200.0);

        assertThat(count(VERIFICATIONS, "operation", "download image", "result", "verified")).isEqualTo(1.0);
        assertThat(registry.find(VERIFICATIONS).tags("result", "mismatch").counter()).isNull();
        assertThat(registry.find(TRANSFER_BYTES).tags("operation", "get image").summary())
                .as("a metadata call shows no transfer meters").isNull();
    }

    @Test
    void timersReportInSecondsAsMicrometerConventionWants() {
        getWithOneServiceUnavailable(Duration.ofMillis(1500));

        Timer timer = registry.get(CALLS).timer();
        assertThat(timer.baseTimeUnit()).isEqualTo(TimeUnit.SECONDS);
        assertThat(timer.totalTime(timer.baseTimeUnit())).isEqualTo(1.5);
        assertThat(registry.getMeters()).extracting(m -> m.getId().getName())
                .allMatch(name -> name.matches("imagesdk(\\.[a-z]+)+"));
    }

    @Test
    void failedCallIsTaggedWithTheSimpleNameOfTheExceptionThrownToTheCaller() {
        CallInfo get = call("get image", "GET");
        listener.callStart(get);
        listener.attemptStart(get, 1);
        listener.response(get, 1, 503, null);
        listener.retry(get, 1, "HTTP 503", Duration.ofMillis(5));
        listener.attemptStart(get, 2);
        listener.response(get, 2, 503, null);
        listener.callFailed(get, Duration.ofMillis(40), 2, new ServiceUnavailableException("busy", null));

        assertThat(registry.get(CALLS).tags("outcome", "failure", "exception", "ServiceUnavailableException")
                .timer().count()).isEqualTo(1);
        assertThat(registry.find(CALLS).tags("outcome", "success").timer()).isNull();
        assertThat(registry.get(CALL_ATTEMPTS).tags("outcome", "failure").summary().totalAmount()).isEqualTo(2.0);
        assertThat(count(RESPONSES, "status", "503")).isEqualTo(2.0);
    }

    @Test
    void checksumMismatchIsCountedApartFromVerifiedTransfers() {
        CallInfo upload = call("upload image", "PUT");
        listener.transferBytes(upload, 10, Duration.ofMillis(1));
        listener.verification(upload, false);
        listener.verification(upload, true);
        listener.verification(upload, false);

        assertThat(count(VERIFICATIONS, "result", "mismatch")).isEqualTo(2.0);
        assertThat(count(VERIFICATIONS, "result", "verified")).isEqualTo(1.0);
    }

    @Test
    void retryReasonsInFreeTextBecomeOneOfAFixedSetOfTagValues() {
        CallInfo get = call("get image", "GET");
        listener.retry(get, 1, "HTTP 503 Service Unavailable", Duration.ZERO);
        listener.retry(get, 1, "HTTP 429", Duration.ZERO);
        listener.retry(get, 1, "connection refused: glance.example.com:9292", Duration.ZERO);
        listener.retry(get, 1, "Connection reset after 1048576 bytes", Duration.ZERO);
        listener.retry(get, 1, "timed out after 30 s", Duration.ZERO);
        listener.retry(get, 1, "unknown host glance.internal.example", Duration.ZERO);
        listener.retry(get, 1, "TLS handshake failed: PKIX path building failed", Duration.ZERO);
        listener.retry(get, 1, "connection closed by peer", Duration.ZERO);
        listener.retry(get, 1, "something else at http://10.0.0.1/v2/images/" + UUID_1, Duration.ZERO);
        listener.retry(get, 1, null, Duration.ZERO);
        listener.retry(get, 1, "HTTP 5030", Duration.ZERO);
        listener.retry(get, 1, "connection failed", Duration.ZERO);
        listener.retry(get, 1, "HttpTimeoutException", Duration.ZERO);
        listener.retry(get, 1, "unknown", Duration.ZERO);
        listener.retry(get, 1, "Bad.Exception", Duration.ZERO);

        assertThat(tagValues(RETRIES, "reason")).containsExactlyInAnyOrder("HTTP 503", "HTTP 429",
                "connection failed", "connection reset", "timeout", "unknown host", "tls", "connection closed",
                "HttpTimeoutException", "other");
        assertThat(count(RETRIES, "reason", "connection failed")).isEqualTo(2.0);
        assertThat(count(RETRIES, "reason", "other")).isEqualTo(5.0);
        assertThat(total(RETRIES)).isEqualTo(15.0);
    }

    @Test
    void retryReasonTagStopsGrowingAtItsBoundPerOperation() {
        CallInfo get = call("get image", "GET");
        for (int i = 0; i < 40; i++) {
            listener.retry(get, 1, "Generated" + i + "Exception", Duration.ZERO);
        }

        assertThat(tagValues(RETRIES, "reason")).hasSize(33).contains("other");
        assertThat(count(RETRIES, "reason", "other")).isEqualTo(8.0);
        assertThat(total(RETRIES)).isEqualTo(40.0);
    }

    @Test
    void idsInOperationNamesCollapseToOneTagValue() {
        listener.callEnd(call("download image " + UUID_1, "GET"), Duration.ofMillis(1), 1);
        listener.callEnd(call("download image " + UUID_2, "GET"), Duration.ofMillis(1), 1);
        listener.callEnd(call("v1 GET /v1/images/" + UUID_1, "GET"), Duration.ofMillis(1), 1);
        listener.callEnd(call("v1 HEAD /v1/images/" + UUID_2, "HEAD"), Duration.ofMillis(1), 1);
        listener.callEnd(call("v1 PUT /v1/images/" + UUID_1 + "/members/0123456789abcdef0123456789abcdef", "PUT"),
                Duration.ofMillis(1), 1);
        listener.callEnd(call("keystone.issueToken", "POST"), Duration.ofMillis(1), 1);

        assertThat(tagValues(CALLS, "operation")).containsExactlyInAnyOrder("download image {id}",
                "v1 GET /v1/images/{id}", "v1 HEAD /v1/images/{id}", "v1 PUT /v1/images/{id}/members/{id}",
                "keystone.issueToken");
        assertThat(registry.get(CALLS).tags("operation", "download image {id}").timer().count()).isEqualTo(2);
    }

    @Test
    void operationTagStopsGrowingAtItsBoundAndCountsTheRestAsOther() {
        for (int i = 0; i < 150; i++) {
            listener.response(call("operation number " + i, "GET"), 1, 200, null);
        }

        Set<String> operations = tagValues(RESPONSES, "operation");
        assertThat(operations).hasSize(101).contains("other");
        assertThat(count(RESPONSES, "operation", "other")).isEqualTo(50.0);
        assertThat(total(RESPONSES)).isEqualTo(150.0);
    }

    @Test
    void statusOutsideHttpRangeIsTaggedOther() {
        CallInfo get = call("get image", "GET");
        listener.response(get, 1, 0, null);
        listener.response(get, 1, 999, null);
        listener.response(get, 1, -1, null);

        assertThat(tagValues(RESPONSES, "status")).containsExactly("other");
        assertThat(count(RESPONSES, "status", "other")).isEqualTo(3.0);
    }

    @Test
    void requestIdsNeverBecomeTagValues() {
        getWithOneServiceUnavailable(Duration.ofMillis(1));

        assertThat(registry.getMeters()).flatExtracting(m -> m.getId().getTags())
                .extracting(Tag::getValue).noneMatch(v -> v.startsWith("req-"));
    }

    @Test
    void commonTagsAreAddedToEveryMeter() {
        MicrometerImageServiceListener tagged = new MicrometerImageServiceListener(registry,
                Tags.of("region", "RegionOne"));
        CallInfo download = call("download image", "GET");
        tagged.response(download, 1, 200, null);
        tagged.retry(download, 1, "HTTP 503", Duration.ZERO);
        tagged.reauthentication(download);
        tagged.transferBytes(download, 3, Duration.ofMillis(1));
        tagged.verification(download, true);
        tagged.callEnd(download, Duration.ofMillis(2), 1);
        tagged.callFailed(download, Duration.ofMillis(2), 1, new NotFoundException("gone", null));

        assertThat(registry.getMeters()).isNotEmpty()
                .allSatisfy(m -> assertThat(m.getId().getTag("region")).isEqualTo("RegionOne"));
    }

    @Test
    void commonTagWithAKeyTheListenerSetsIsRefusedNamingIt() {
        assertThatThrownBy(() -> new MicrometerImageServiceListener(registry, Tags.of("operation", "x")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("tags");
                    assertThat(e.value()).isEqualTo("operation=x");
                });
    }

    @Test
    void missingRegistryOrTagsIsRefusedNamingTheParameter() {
        assertThatThrownBy(() -> new MicrometerImageServiceListener(null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("registry"));
        assertThatThrownBy(() -> new MicrometerImageServiceListener(registry, null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("tags"));
    }

    @Test
    void concurrentCallsFromManyThreadsAreAllCounted() throws Exception {
        int threads = 8;
        int callsPerThread = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String operation = t % 2 == 0 ? "get image" : "list images";
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < callsPerThread; i++) {
                        CallInfo c = new CallInfo(operation, "GET", i);
                        listener.response(c, 1, i % 2 == 0 ? 200 : 503, null);
                        listener.retry(c, 1, "HTTP 503", Duration.ZERO);
                        listener.callEnd(c, Duration.ofNanos(1_000), 1);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        long total = (long) threads * callsPerThread;
        assertThat(registry.get(CALLS).timers().stream().mapToLong(Timer::count).sum()).isEqualTo(total);
        assertThat(registry.get(CALLS).timers()).hasSize(2);
        assertThat(total(RESPONSES)).isEqualTo(total);
        assertThat(count(RESPONSES, "operation", "get image", "status", "503")).isEqualTo(total / 4.0);
        assertThat(count(RETRIES, "operation", "list images", "reason", "HTTP 503")).isEqualTo(total / 2.0);
    }

    double count(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    double total(String name) {
        return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    Set<String> tagValues(String name, String key) {
        return registry.find(name).meters().stream().map(Meter::getId).map(id -> id.getTag(key))
                .collect(Collectors.toSet());
    }
}
