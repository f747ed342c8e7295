package dev.imagesdk.internal.http;

import dev.imagesdk.auth.TokenProvider;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.exception.ImageServiceException;
import dev.imagesdk.exception.TransportException;
import dev.imagesdk.exception.UnauthorizedException;
import dev.imagesdk.internal.retry.RetryPolicy;
import dev.imagesdk.internal.retry.Sleeper;
import com.fasterxml.jackson.core.JsonProcessingException;
import feign.FeignException;
import feign.codec.DecodeException;
import dev.imagesdk.CallOptions;
import dev.imagesdk.event.CallInfo;
import dev.imagesdk.event.ImageServiceListener;
import dev.imagesdk.exception.CallTimeoutException;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.http.HttpConnectTimeoutException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs every call of the SDK, Feign or streaming: it supplies the token, applies the one retry policy
 * and the one re-authentication rule, and turns any stray failure into a typed exception.
 *
 * <p>Rules, per call:
 * <ul>
 *   <li><b>Retried</b> (Resilience4j, exponential backoff with jitter, {@code Retry-After} honoured, a cap
 *       on each backoff wait and on the total wait, a {@code Retry-After} longer than the remaining
 *       budget ends the retries): 429, 502, 503, 504 and {@link TransportException}s, only if the
 *       call is idempotent or nothing was sent, and only if its body can be sent again. A connect failure
 *       always counts as nothing sent. Never retried: other 4xx, checksum mismatches, client errors, and
 *       TLS failures that sending again cannot fix (an untrusted or invalid certificate, a host name that
 *       does not match it, no common protocol or cipher: see {@link #isTlsFailure}).</li>
 *   <li><b>Re-authenticated</b> at most once: on a 401 the refused token is invalidated
 *       (compare-and-invalidate) and the call replayed with a new token, if the body is replayable (or
 *       nothing was sent) and the provider can issue a different token. A second 401 is thrown.</li>
 *   <li><b>Translated</b>: a body that cannot be decoded (Feign's {@code DecodeException}, Jackson's
 *       parse errors) becomes a non-retried {@link ImageSdkClientException} ("malformed response from
 *       &lt;call&gt;: ..."); other {@link IOException}s (also inside Feign's exceptions) become
 *       {@link TransportException}; other unexpected runtime exceptions become
 *       {@link ImageSdkClientException}; the interrupt flag is preserved, and a call whose thread is
 *       interrupted is neither retried nor re-authenticated.</li>
 * </ul>
 * <p>Time, per call: a <b>call timeout</b> bounds the whole call (attempts, re-authentication, the waits between
 * attempts; 10 min by default for metadata calls, none for image data calls, which the idle timeout bounds by
 * progress, unless {@link CallOptions#callTimeout()} sets one); an <b>attempt timeout</b> bounds one attempt of a
 * metadata call (the transports read it through {@link CallScope#timeout}: the JDK request timeout is the least of
 * the request timeout, the attempt timeout and what remains of the call). A wait is never longer than what
 * remains of the call; a call that runs out throws {@link CallTimeoutException} (operation, attempts, time spent).
 *
 * <p>How: one Resilience4j {@link Retry} per call that fails once (a call whose first attempt succeeds creates
 * none), built from the shared {@link RetryConfig} with this call's predicate and interval function, so no
 * per-call state is shared between calls; Resilience4j decides and waits (its interval function gives the backoff
 * or the {@code Retry-After}). Only a test's {@link Sleeper} replaces the wait: Resilience4j's own sleep function
 * is JVM-wide, so it is not swapped, the interval function hands the wait to that sleeper instead.
 *
 * <p>Events: every call is reported to the {@link ImageServiceListener} (start, attempts, answers, retries with
 * reason and delay, re-authentication, end or failure); with {@link ImageServiceListener#NONE} nothing is
 * allocated for it. A listener that throws is logged at WARN and ignored.
 * Thread-safe; counters of retries and re-authentications are kept for tests and metrics. Over 400 lines as one
 * concept: running a call (the retry, re-authentication, time and translation rules decide together); the per-call
 * record is {@link CallRun}, the event delivery {@link CallEvents}, the transports' view {@link CallScope}.
 */
public final class CallExecutor {

    /** One attempt of a call. */
    @FunctionalInterface
    public interface Attempt<T> {
        /**
         * @param tokenOrNull the token to send as {@code X-Auth-Token}; null without authentication
         */
        T run(String tokenOrNull) throws Exception;
    }

    /** The call timeout of metadata calls when the configuration sets none. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(CallExecutor.class);
    private static final AtomicLong CALL_IDS = new AtomicLong();

    private final TokenProvider tokenProvider;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final ImageServiceListener listener;
    private final Duration callTimeout;
    private final Duration attemptTimeout;
    private final LongAdder retries = new LongAdder();
    private final LongAdder reauthentications = new LongAdder();
    /** Shared by every call: attempts and the backoff; each failing call derives its own from it. */
    private final RetryConfig sharedConfig;
    private final IntervalFunction backoff;

    /**
     * An executor without listener, with the default call timeout and no attempt timeout of its own.
     *
     * @param tokenProviderOrNull null when requests carry no token
     */
    public CallExecutor(TokenProvider tokenProviderOrNull, RetryPolicy policy, Sleeper sleeper) {
        this(tokenProviderOrNull, policy, sleeper, ImageServiceListener.NONE, DEFAULT_CALL_TIMEOUT, null);
    }

    /**
     * @param tokenProviderOrNull null when requests carry no token
     * @param sleeper {@link Sleeper#SYSTEM}: Resilience4j waits; another: a test's recorder of the waits
     * @param listener receives the events of every call; {@link ImageServiceListener#NONE} for none
     * @param callTimeout bounds each metadata call (image data calls: only if a call's options set one)
     * @param attemptTimeoutOrNull bounds each attempt of a metadata call; null: only the request timeout does
     */
    public CallExecutor(TokenProvider tokenProviderOrNull, RetryPolicy policy, Sleeper sleeper,
                        ImageServiceListener listener, Duration callTimeout, Duration attemptTimeoutOrNull) {
        this.tokenProvider = tokenProviderOrNull;
        this.policy = Objects.requireNonNull(policy, "policy");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
        this.attemptTimeout = attemptTimeoutOrNull;
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(policy.initialBackoff().toMillis(),
                policy.multiplier(), policy.jitter(), policy.maxBackoff().toMillis());
        this.sharedConfig = RetryConfig.custom()
                .maxAttempts(policy.maxAttempts())
                .failAfterMaxAttempts(false)
                .writableStackTraceEnabled(false)
                .build();
    }

    /** Runs the call with the token, retry and re-authentication rules above, and the executor's timeouts. */
    public <T> T execute(CallSpec spec, Attempt<T> attempt) {
        return execute(spec, CallOptions.none(), attempt);
    }

    /**
     * Runs the call with the token, retry and re-authentication rules above; {@code options} override the
     * executor's timeouts and attempts and add headers for this call.
     */
    public <T> T execute(CallSpec spec, CallOptions options, Attempt<T> attempt) {
        long start = System.nanoTime();
        CallInfo info = listener == ImageServiceListener.NONE ? null
                : new CallInfo(spec.name(), spec.method(), CALL_IDS.incrementAndGet());
        Duration timeout = options.isEmpty() ? (spec.transfer() ? null : callTimeout)
                : options.callTimeout().orElse(spec.transfer() ? null : callTimeout);
        Duration perAttempt = options.isEmpty() || options.attemptTimeout().isEmpty() ? attemptTimeout
                : options.attemptTimeout().get();

        CallScope scope = CallScope.current();
        // The enclosing call's scope (a token issued within a call), restored on the way out.
        long outerDeadline = scope.callDeadline;
        boolean outerBounded = scope.bounded;
        long outerAttemptNanos = scope.attemptNanos;
        long outerAttemptStart = scope.attemptStart;
        Map<String, String> outerHeaders = scope.headers;
        ImageServiceListener outerListener = scope.listener;
        CallInfo outerCall = scope.call;
        int outerAttempt = scope.attempt;
        boolean outerResponded = scope.responded;
        long outerCallStart = scope.callStart;

        long deadline = timeout == null ? 0 : start + timeout.toNanos();
        boolean bounded = timeout != null;
        if (outerBounded && (!bounded || outerDeadline - deadline < 0)) {
            deadline = outerDeadline;
            bounded = true;
            timeout = Duration.ofNanos(Math.max(0, deadline - start));
        }
        scope.callDeadline = deadline;
        scope.bounded = bounded;
        scope.attemptNanos = 0;
        scope.headers = options.headers();
        scope.listener = listener;
        scope.call = null; // no attempt in flight while the token is obtained
        scope.attempt = 0;
        scope.callStart = start;
        CallEvents.callStart(listener, info);
        try {
            T result = loop(spec, info, start, bounded, deadline, timeout, options, perAttempt, scope, attempt);
            if (!spec.endedByCaller()) {
                CallEvents.callEnd(listener, info, start, scope.attempt);
            }
            return result;
        } catch (RuntimeException e) {
            if (info != null) {
                ImageSdkException typed = e instanceof ImageSdkException ? (ImageSdkException) e
                        : new ImageSdkClientException(spec.name() + " failed unexpectedly: " + e, e);
                CallEvents.callFailed(listener, info, start, scope.attempt, typed);
            }
            throw e;
        } finally {
            scope.callDeadline = outerDeadline;
            scope.bounded = outerBounded;
            scope.attemptNanos = outerAttemptNanos;
            scope.attemptStart = outerAttemptStart;
            scope.headers = outerHeaders;
            scope.listener = outerListener;
            scope.call = outerCall;
            scope.attempt = outerAttempt;
            scope.responded = outerResponded;
            scope.callStart = outerCallStart;
        }
    }

    /**
     * The attempts of one call. Nothing is allocated for a call whose first attempt succeeds: the per-call record
     * ({@link CallRun}) and Resilience4j's {@link Retry} are created at the first failure. The attempt number lives in
     * the thread's {@link CallScope} (which the caller restores afterwards).
     */
    private <T> T loop(CallSpec spec, CallInfo info, long start, boolean bounded, long deadline, Duration timeout,
                       CallOptions options, Duration perAttempt, CallScope scope, Attempt<T> attempt) {
        boolean reauthenticated = false;
        CallRun run = null;
        Retry.Context<T> context = null;
        while (true) {
            if (run != null && bounded && deadline - System.nanoTime() <= 0) { // the first attempt just started
                throw timedOut(spec, start, timeout, scope.attempt, run == null ? null : run.lastFailure);
            }
            String token = tokenProvider == null ? null : tokenProvider.token().value();
            int number = scope.attempt + 1;
            scope.call = info;
            scope.attempt = number;
            scope.responded = false;
            scope.attemptNanos = perAttempt == null || spec.transfer() ? 0 : perAttempt.toNanos();
            scope.attemptStart = scope.attemptNanos == 0 ? 0 : System.nanoTime();
            CallEvents.attemptStart(listener, info, number);
            RuntimeException failure;
            try {
                T result = attempt.run(token);
                if (context != null) {
                    context.onComplete();
                }
                return result;
            } catch (Throwable t) {
                failure = translate(spec, t);
            } finally {
                scope.call = null;
            }
            if (run == null) {
                run = new CallRun(spec, info, start, bounded, deadline, timeout);
            }
            run.attempts = number;
            run.lastFailure = failure;
            if (info != null && !scope.responded && failure instanceof ImageServiceException) {
                ImageServiceException answered = (ImageServiceException) failure;
                CallEvents.response(listener, info, number, answered.statusCode(), answered.requestId().orElse(null));
            }
            if (Thread.currentThread().isInterrupted()) {
                throw failure; // the caller wants out: neither a retry nor a re-authentication
            }
            if (run.expired() && failure instanceof TransportException) {
                throw run.timedOut(failure); // the attempt was cut at the call's deadline
            }
            if (failure instanceof UnauthorizedException && !reauthenticated && canReauthenticate(spec, failure)) {
                reauthenticated = true;
                reauthentications.increment();
                LOG.debug("{}: 401, re-authenticating once and replaying", spec.name());
                CallEvents.reauthentication(listener, info);
                tokenProvider.invalidate(token);
                continue;
            }
            if (context == null) {
                context = Retry.<T>of(spec.name(), perCallConfig(run, options)).context();
            }
            try {
                // Resilience4j decides (predicate, attempts, interval function) and waits.
                context.onError(failure);
            } catch (Exception stop) {
                if (run.interrupted || Thread.currentThread().isInterrupted()) {
                    Thread.currentThread().interrupt();
                    TransportException interrupted = new TransportException(spec.name()
                            + " interrupted while waiting to retry",
                            run.interruption != null ? run.interruption : failure);
                    interrupted.addSuppressed(failure);
                    throw interrupted;
                }
                if (run.deadlineReached) {
                    throw run.timedOut(failure);
                }
                // Not retryable, attempts exhausted, or the wait would exceed the budget.
                throw failure;
            }
        }
    }

    private static CallTimeoutException timedOut(CallSpec spec, long start, Duration timeout, int attempts,
                                                 Throwable lastFailure) {
        return new CallTimeoutException(spec.name(), timeout, attempts, Duration.ofNanos(System.nanoTime() - start),
                lastFailure);
    }

    /** This call's Retry config: the shared one with this call's predicate, attempts and interval function. */
    private <T> RetryConfig perCallConfig(CallRun run, CallOptions options) {
        int maxAttempts = options.maxAttempts().orElse(policy.maxAttempts());
        return RetryConfig.<T>from(sharedConfig)
                .maxAttempts(maxAttempts)
                .retryOnException(t -> isRetryable(run.spec, t))
                .intervalBiFunction((Integer attempt, Either<Throwable, T> either) -> interval(run, attempt, either))
                .build();
    }

    /**
     * The wait before the next attempt (the Retry-After asked, else the backoff), cut to what remains of the call;
     * -1 makes Resilience4j stop (it then throws the last failure): the total wait budget would be exceeded, the
     * call has no time left, or a test sleeper was interrupted.
     */
    private long interval(CallRun run, int attempt, Either<Throwable, ?> either) {
        Throwable t = either.isLeft() ? either.getLeft() : null;
        long millis = ErrorMapper.retryAfterOf(t).map(Duration::toMillis).orElseGet(() -> backoff.apply(attempt));
        // A Retry-After is honoured as asked, within the total budget.
        if (run.totalWaitMillis + millis > policy.maxTotalWait().toMillis()) {
            return -1L;
        }
        if (run.bounded) {
            long remaining = (run.deadline - System.nanoTime()) / 1_000_000L;
            if (remaining <= 0) {
                run.deadlineReached = true;
                return -1L;
            }
            millis = Math.min(millis, remaining);
        }
        run.totalWaitMillis += millis;
        retries.increment();
        Duration wait = Duration.ofMillis(millis);
        LOG.debug("{}: retrying in {} ms after: {}", run.spec.name(), millis, t == null ? null : t.getMessage());
        if (run.info != null) {
            CallEvents.retry(listener, run.info, run.attempts, reason(t), wait);
        }
        if (sleeper == Sleeper.SYSTEM) {
            return millis; // Resilience4j waits
        }
        try {
            sleeper.sleep(wait);
            return 0L;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.interrupted = true;
            run.interruption = e;
            return -1L;
        }
    }

    /** Why an attempt is retried, in words and without secrets: {@code HTTP 503}, or the transport failure. */
    static String reason(Throwable t) {
        if (t instanceof ImageServiceException) {
            return "HTTP " + ((ImageServiceException) t).statusCode();
        }
        if (t == null) {
            return "unknown";
        }
        Throwable c = t.getCause() != null ? t.getCause() : t;
        return isConnectFailure(t) ? "connection failed" : c.getClass().getSimpleName();
    }

    /**
     * Reports the end of a call whose spec is {@link CallSpec#endedByCaller()} and whose attempts succeeded: the
     * listener's {@code callEnd}, or {@code callFailed} if what followed them failed. Nothing when {@code call} is
     * null (no listener).
     *
     * @param listener the listener of the executor that ran the call
     * @param call the call, as captured inside its attempt ({@link CallScope#currentCall()})
     * @param startNanos the call's start ({@link CallScope#currentCallStart()})
     * @param attempts the attempts it made ({@link CallScope#currentAttempt()})
     * @param failureOrNull the failure that ended it, or null if it succeeded
     */
    public static void endOfCall(ImageServiceListener listener, CallInfo call, long startNanos, int attempts,
                                 ImageSdkException failureOrNull) {
        if (failureOrNull == null) {
            CallEvents.callEnd(listener, call, startNanos, attempts);
        } else {
            CallEvents.callFailed(listener, call, startNanos, attempts, failureOrNull);
        }
    }

    /** Retries performed so far (attempts after the first, not counting re-authentication replays). */
    public long retryCount() {
        return retries.sum();
    }

    /** Re-authentications (401 then replay) performed so far. */
    public long reauthenticationCount() {
        return reauthentications.sum();
    }

    public TokenProvider tokenProvider() {
        return tokenProvider;
    }

    public RetryPolicy policy() {
        return policy;
    }

    /** The listener every call reports to ({@link ImageServiceListener#NONE} if none). */
    public ImageServiceListener listener() {
        return listener;
    }

    /** The call timeout of metadata calls. */
    public Duration callTimeout() {
        return callTimeout;
    }

    private boolean canReauthenticate(CallSpec spec, RuntimeException failure) {
        return tokenProvider != null && tokenProvider.canReauthenticate() && (spec.replayable() || nothingSent(spec, failure));
    }

    /** Whether this failure of this call may be retried at all (before attempts and wait budget). */
    boolean isRetryable(CallSpec spec, Throwable failure) {
        boolean transientFailure = (failure instanceof TransportException && !isTlsFailure(failure))
                || (failure instanceof ImageServiceException && ((ImageServiceException) failure).isRetryable());
        if (!transientFailure) {
            return false;
        }
        boolean notSent = nothingSent(spec, failure);
        return (spec.replayable() || notSent) && (spec.idempotent() || notSent);
    }

    private static boolean nothingSent(CallSpec spec, Throwable failure) {
        if (failure instanceof ImageServiceException) {
            // The service answered, so the request reached it (a streaming attempt may know better).
            return spec.tracksBytesSent() && !spec.anyByteSent();
        }
        return isConnectFailure(failure) || (spec.tracksBytesSent() && !spec.anyByteSent());
    }

    /**
     * A TLS failure that the same request cannot get past by being sent again: a certificate that is not
     * trusted or not valid, a host name it does not cover, a handshake refused for lack of a common protocol
     * or cipher. A handshake cut short by the network (its cause an {@code EOFException} or a
     * {@code SocketException}, e.g. "Remote host terminated the handshake") is transient and not one of them.
     */
    static boolean isTlsFailure(Throwable t) {
        boolean handshake = false;
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof CertificateException || c instanceof SSLPeerUnverifiedException) {
                return true;
            }
            if (c instanceof SSLHandshakeException) {
                handshake = true;
            } else if (handshake && (c instanceof EOFException || c instanceof SocketException)) {
                return false; // the connection dropped during the handshake
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return handshake;
    }

    /** A failure to establish the connection: no byte of the request can have been sent. */
    static boolean isConnectFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectException || c instanceof HttpConnectTimeoutException
                    || c instanceof NoRouteToHostException) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    /** The typed exception for anything an attempt threw. Errors are rethrown as they are. */
    static RuntimeException translate(CallSpec spec, Throwable t) {
        if (t instanceof Error) {
            throw (Error) t;
        }
        if (t instanceof ImageSdkException) {
            return (ImageSdkException) t;
        }
        if (t instanceof FeignException && t.getCause() instanceof ImageSdkException) {
            return (ImageSdkException) t.getCause();
        }
        JsonProcessingException malformed = findMalformed(t);
        if (malformed != null || t instanceof DecodeException) {
            // The service answered, but with a body we cannot read: sending again would not change it.
            Throwable reason = malformed != null ? malformed : t;
            return new ImageSdkClientException("malformed response from " + spec.name() + ": "
                    + reason.getMessage(), t);
        }
        IOException io = findIo(t);
        if (io != null) {
            if (io instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
                return new TransportException(spec.name() + " interrupted", io);
            }
            return TransportFailures.exception(spec, io); // method, URL and cause in words
        }
        if (t instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new TransportException(spec.name() + " interrupted", t);
        }
        return new ImageSdkClientException(spec.name() + " failed unexpectedly: " + t, t);
    }

    /** A JSON parse failure (Jackson's exceptions are IOExceptions, but no transport failed). */
    private static JsonProcessingException findMalformed(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof JsonProcessingException) {
                return (JsonProcessingException) c;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    private static IOException findIo(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException) {
                return (IOException) c;
            }
            if (c instanceof UncheckedIOException) {
                return ((UncheckedIOException) c).getCause();
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }
}
