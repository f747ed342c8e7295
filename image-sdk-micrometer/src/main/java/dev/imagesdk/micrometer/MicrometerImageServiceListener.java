package dev.imagesdk.micrometer;

import dev.imagesdk.event.CallInfo;
import dev.imagesdk.event.ImageServiceListener;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.micrometer.internal.OperationCache;
import dev.imagesdk.micrometer.internal.OperationMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;

import java.time.Duration;
import java.util.Set;

/**
 * Records the events of an {@link dev.imagesdk.ImageService} as Micrometer meters. Register it on the builder:
 *
 * <pre>{@code
 * ImageService images = ImageService.builder().config(config)
 *         .listener(new MicrometerImageServiceListener(registry))
 *         .build();
 * }</pre>
 *
 * <p>Meters (names in Micrometer's dot-separated lower-case convention; each registry renders them in its own
 * style, e.g. Prometheus {@code imagesdk_calls_seconds}); every meter carries the common tags given to the
 * constructor and {@code operation}:
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>further tags</th><th>recorded</th></tr>
 *   <tr><td>{@value #CALLS}</td><td>Timer</td>
 *       <td>{@code method}, {@code outcome} ({@code success}, {@code failure}), {@code exception} (the simple
 *       class name of the failure thrown to the caller, {@code none} on success)</td>
 *       <td>once per call, its whole time: retries, re-authentication and backoff included</td></tr>
 *   <tr><td>{@value #CALL_ATTEMPTS}</td><td>DistributionSummary</td><td>{@code outcome}</td>
 *       <td>once per call: the attempts it made (1 without retry)</td></tr>
 *   <tr><td>{@value #RESPONSES}</td><td>Counter</td><td>{@code status} (e.g. {@code 200}, {@code 503})</td>
 *       <td>per answer of the service, every attempt included</td></tr>
 *   <tr><td>{@value #RETRIES}</td><td>Counter</td>
 *       <td>{@code reason}: {@code HTTP nnn}; an exception's simple class name when that is the reason
 *       given (e.g. {@code HttpTimeoutException}); else {@code connection failed}, {@code connection reset},
 *       {@code timeout}, {@code unknown host}, {@code tls}, {@code connection closed} or {@code other}</td>
 *       <td>per failed attempt that is retried</td></tr>
 *   <tr><td>{@value #REAUTHENTICATIONS}</td><td>Counter</td><td>none</td>
 *       <td>per token refused with 401 and renewed</td></tr>
 *   <tr><td>{@value #TRANSFER_BYTES}</td><td>DistributionSummary (base unit bytes)</td><td>none</td>
 *       <td>once per upload or download: the image bytes moved</td></tr>
 *   <tr><td>{@value #TRANSFERS}</td><td>Timer</td><td>none</td>
 *       <td>once per upload or download: first byte to last</td></tr>
 *   <tr><td>{@value #VERIFICATIONS}</td><td>Counter</td><td>{@code result} ({@code verified},
 *       {@code mismatch})</td><td>per checksum comparison of a transfer</td></tr>
 * </table>
 *
 * <p><b>Bounded tags.</b> No tag ever carries an image id, a URL, a host, a request id, a token or the free
 * text of a message. The retry reason is reduced to the list above. In an operation name, every token that
 * looks like an id (16 or more letters, digits, {@code -} or {@code _}, one of them a digit) becomes
 * {@code {id}}. Past 100 distinct operations, 16 methods per operation and 32 retry reasons per operation,
 * new values are counted under {@code other} (the first overflow of operations is logged once at WARN).
 * Percentiles and histograms are not published unless the application turns them on with a
 * {@code MeterFilter}, as Micrometer recommends.
 *
 * <p><b>Cost.</b> Thread-safe; the meters of a tag set are registered on its first event and kept, so later
 * events are a map lookup and a meter update, with no allocation by this class. A meter removed from the
 * registry afterwards is no longer updated (as with Micrometer's own binders).
 */
public final class MicrometerImageServiceListener implements ImageServiceListener {

    /** Timer of whole calls: {@value}. */
    public static final String CALLS = "imagesdk.calls";
    /** Distribution of the attempts each call made: {@value}. */
    public static final String CALL_ATTEMPTS = "imagesdk.call.attempts";
    /** Counter of the service's answers by status: {@value}. */
    public static final String RESPONSES = "imagesdk.responses";
    /** Counter of retried attempts by reason: {@value}. */
    public static final String RETRIES = "imagesdk.retries";
    /** Counter of re-authentications after a 401: {@value}. */
    public static final String REAUTHENTICATIONS = "imagesdk.reauthentications";
    /** Distribution of the image bytes each transfer moved: {@value}. */
    public static final String TRANSFER_BYTES = "imagesdk.transfer.bytes";
    /** Timer of transfers, first byte to last: {@value}. */
    public static final String TRANSFERS = "imagesdk.transfers";
    /** Counter of checksum verifications by result: {@value}. */
    public static final String VERIFICATIONS = "imagesdk.verifications";

    private static final Set<String> RESERVED_KEYS =
            Set.of("operation", "method", "outcome", "exception", "status", "reason", "result");

    private final OperationCache operations;

    /**
     * A listener recording into {@code registry} with no common tags.
     *
     * @param registry where the meters are registered; not null
     * @throws InvalidInputException if {@code registry} is null
     */
    public MicrometerImageServiceListener(MeterRegistry registry) {
        this(registry, Tags.empty());
    }

    /**
     * A listener recording into {@code registry}, adding {@code tags} to every meter (e.g. the region or the
     * cloud the {@code ImageService} talks to, to tell several services apart). Keep their values bounded.
     *
     * @param registry where the meters are registered; not null
     * @param tags tags added to every meter; not null, may be empty; must not use the keys this listener
     *             sets ({@code operation}, {@code method}, {@code outcome}, {@code exception}, {@code status},
     *             {@code reason}, {@code result})
     * @throws InvalidInputException if {@code registry} or {@code tags} is null, or a tag uses one of those keys
     */
    public MicrometerImageServiceListener(MeterRegistry registry, Iterable<Tag> tags) {
        if (registry == null) {
            throw new InvalidInputException("registry", null, "a MeterRegistry is required");
        }
        if (tags == null) {
            throw new InvalidInputException("tags", null, "pass Tags.empty() for no common tags");
        }
        Tags common = Tags.of(tags);
        for (Tag tag : common) {
            if (RESERVED_KEYS.contains(tag.getKey())) {
                throw new InvalidInputException("tags", tag.getKey() + "=" + tag.getValue(),
                        "the key " + tag.getKey() + " is set by the listener itself; reserved keys: " + RESERVED_KEYS);
            }
        }
        this.operations = new OperationCache(registry, common);
    }

    /**
     * Counts the answer in {@value #RESPONSES} under its status. The request id is not used as a tag.
     *
     * @param call the call
     * @param attempt the attempt that was answered
     * @param status the HTTP status code
     * @param requestId the service's request id (ignored)
     */
    @Override
    public void response(CallInfo call, int attempt, int status, String requestId) {
        operations.forName(call.operation()).response(status);
    }

    /**
     * Counts the retry in {@value #RETRIES} under its reason, reduced to a bounded value.
     *
     * @param call the call
     * @param failedAttempt the attempt that failed
     * @param reason why, in words
     * @param delay the wait before the next attempt (not recorded)
     */
    @Override
    public void retry(CallInfo call, int failedAttempt, String reason, Duration delay) {
        operations.forName(call.operation()).retry(reason);
    }

    /**
     * Counts the re-authentication in {@value #REAUTHENTICATIONS}.
     *
     * @param call the call
     */
    @Override
    public void reauthentication(CallInfo call) {
        operations.forName(call.operation()).reauthentication();
    }

    /**
     * Records the bytes in {@value #TRANSFER_BYTES} and the time in {@value #TRANSFERS}.
     *
     * @param call the upload or download call
     * @param bytes bytes of image data moved
     * @param elapsed time from the first byte to the last
     */
    @Override
    public void transferBytes(CallInfo call, long bytes, Duration elapsed) {
        operations.forName(call.operation()).transfer(bytes, nanos(elapsed));
    }

    /**
     * Counts the comparison in {@value #VERIFICATIONS} as {@code verified} or {@code mismatch}.
     *
     * @param call the upload or download call
     * @param verified whether every compared digest matched
     */
    @Override
    public void verification(CallInfo call, boolean verified) {
        operations.forName(call.operation()).verification(verified);
    }

    /**
     * Records the call in {@value #CALLS} ({@code outcome=success}, {@code exception=none}) and its attempts in
     * {@value #CALL_ATTEMPTS}.
     *
     * @param call the call
     * @param elapsed time since the call started
     * @param attempts attempts made
     */
    @Override
    public void callEnd(CallInfo call, Duration elapsed, int attempts) {
        operations.forName(call.operation()).callEnd(call.method(), nanos(elapsed), attempts);
    }

    /**
     * Records the call in {@value #CALLS} ({@code outcome=failure}, {@code exception=} the failure's simple class
     * name) and its attempts in {@value #CALL_ATTEMPTS}.
     *
     * @param call the call
     * @param elapsed time since the call started
     * @param attempts attempts made
     * @param failure the failure thrown to the caller
     */
    @Override
    public void callFailed(CallInfo call, Duration elapsed, int attempts, ImageSdkException failure) {
        operations.forName(call.operation())
                .callFailed(call.method(), failure == null ? null : failure.getClass(), nanos(elapsed), attempts);
    }

    private static long nanos(Duration d) {
        if (d == null || d.isNegative()) {
            return 0;
        }
        return d.getSeconds() >= Long.MAX_VALUE / 1_000_000_000L ? Long.MAX_VALUE : d.toNanos();
    }

    @Override
    public String toString() {
        return "MicrometerImageServiceListener";
    }
}
