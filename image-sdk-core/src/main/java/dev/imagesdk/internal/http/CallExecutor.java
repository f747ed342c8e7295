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
import io.github.resilience4j.core.IntervalFunction;
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
 * Thread-safe; counters of retries and re-authentications are kept for tests and metrics.
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

    private static final Logger LOG = LoggerFactory.getLogger(CallExecutor.class);

    private final TokenProvider tokenProvider;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final LongAdder retries = new LongAdder();
    private final LongAdder reauthentications = new LongAdder();
    /** Built once: the config depends only on the policy; per-call state comes from {@link #CURRENT}. */
    private final Retry retry;

    /**
     * The call whose failure Resilience4j is judging. Set only around {@code context.onError}, which runs
     * the predicate and interval function synchronously on the calling thread, so calls never see each
     * other's state.
     */
    private static final ThreadLocal<CallState> CURRENT = new ThreadLocal<>();

    /**
     * @param tokenProviderOrNull null when requests carry no token
     */
    public CallExecutor(TokenProvider tokenProviderOrNull, RetryPolicy policy, Sleeper sleeper) {
        this.tokenProvider = tokenProviderOrNull;
        this.policy = policy;
        this.sleeper = sleeper;
        this.retry = Retry.of("image-sdk", retryConfig());
    }

    /** Runs the call with the token, retry and re-authentication rules above. */
    public <T> T execute(CallSpec spec, Attempt<T> attempt) {
        CallState state = new CallState(spec);
        Retry.Context<T> context = retry.context();
        boolean reauthenticated = false;
        while (true) {
            String token = tokenProvider == null ? null : tokenProvider.token().value();
            RuntimeException failure;
            try {
                T result = attempt.run(token);
                context.onComplete();
                return result;
            } catch (Throwable t) {
                failure = translate(spec, t);
            }
            if (Thread.currentThread().isInterrupted()) {
                throw failure; // the caller wants out: neither a retry nor a re-authentication
            }
            if (failure instanceof UnauthorizedException && !reauthenticated && canReauthenticate(spec, failure)) {
                reauthenticated = true;
                reauthentications.increment();
                LOG.debug("{}: 401, re-authenticating once and replaying", spec.name());
                tokenProvider.invalidate(token);
                continue;
            }
            CallState outer = CURRENT.get();
            CURRENT.set(state);
            try {
                context.onError(failure);
            } catch (Exception stop) {
                // Not retryable, attempts exhausted, or the wait would exceed the budget.
                throw failure;
            } finally {
                if (outer == null) {
                    CURRENT.remove();
                } else {
                    CURRENT.set(outer);
                }
            }
            retries.increment();
            Duration wait = state.lastWait;
            LOG.debug("{}: retrying in {} ms after: {}", spec.name(), wait.toMillis(), failure.getMessage());
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                TransportException interrupted = new TransportException(spec.name() + " interrupted while waiting to retry", e);
                interrupted.addSuppressed(failure);
                throw interrupted;
            }
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

    private RetryConfig retryConfig() {
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(
                policy.initialBackoff().toMillis(), policy.multiplier(), policy.jitter(), policy.maxBackoff().toMillis());
        return RetryConfig.<Object>custom()
                .maxAttempts(policy.maxAttempts())
                .retryOnException(t -> {
                    CallState state = CURRENT.get();
                    return state != null && isRetryable(state.spec, t);
                })
                .intervalBiFunction((attempt, either) -> {
                    CallState state = CURRENT.get();
                    if (state == null) {
                        return -1L;
                    }
                    Throwable t = either.isLeft() ? either.getLeft() : null;
                    long millis = ErrorMapper.retryAfterOf(t)
                            .map(Duration::toMillis)
                            .orElseGet(() -> backoff.apply(attempt));
                    // A Retry-After is honoured as asked, within the total budget; a negative interval makes
                    // Resilience4j stop retrying (the last failure is then thrown).
                    if (state.total.plusMillis(millis).compareTo(policy.maxTotalWait()) > 0) {
                        return -1L;
                    }
                    state.lastWait = Duration.ofMillis(millis);
                    state.total = state.total.plusMillis(millis);
                    // The wait itself is done by our Sleeper (injectable); Resilience4j sleeps 0 ms.
                    return 0L;
                })
                .failAfterMaxAttempts(false)
                .build();
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

    /** Per-call record: the spec and the waits decided so far. */
    private static final class CallState {
        final CallSpec spec;
        Duration total = Duration.ZERO;
        Duration lastWait = Duration.ZERO;

        CallState(CallSpec spec) {
            this.spec = spec;
        }
    }
}
