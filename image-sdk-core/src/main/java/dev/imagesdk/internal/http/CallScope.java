package dev.imagesdk.internal.http;

import dev.imagesdk.event.CallInfo;
import dev.imagesdk.event.ImageServiceListener;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the transports of the calling thread must know about the call {@link CallExecutor} is running on it: the
 * time left for the attempt in flight, the call's extra headers, and where to report the status of its answer.
 *
 * <p>Why thread-scoped: Feign builds the request from the API method's arguments, so a per-attempt bound cannot
 * reach {@link JdkFeignClient} as an argument without a {@code Request.Options} parameter on every API method.
 * This holds no retry state (that is per call, in {@link CallExecutor}); one mutable instance per thread is reused
 * (no allocation per call), set by the executor around each attempt and restored after it, so nested calls
 * (a token issued inside a call) see their own values and the enclosing call's deadline still bounds them.
 */
public final class CallScope {

    private static final ThreadLocal<CallScope> SCOPE = ThreadLocal.withInitial(CallScope::new);

    /** {@link System#nanoTime()} deadline of the enclosing call; meaningful only when {@link #bounded}. */
    long callDeadline;
    boolean bounded;
    /** {@link System#nanoTime()} at the start of the call in flight. */
    long callStart;
    /** Longest time one attempt may take (already capped by the call deadline when it was set), or 0 for none. */
    long attemptNanos;
    long attemptStart;
    Map<String, String> headers = Map.of();
    ImageServiceListener listener = ImageServiceListener.NONE;
    CallInfo call;
    int attempt;
    boolean responded;

    private CallScope() {
    }

    /** The calling thread's scope (empty outside of a call). */
    static CallScope current() {
        return SCOPE.get();
    }

    /**
     * The timeout for the attempt now starting on this thread: {@code configured}, cut to what remains of the
     * attempt and call timeouts of the call in flight.
     *
     * @param configured the transport's own timeout (e.g. the request timeout)
     * @return a positive duration, at most {@code configured}
     */
    public static Duration timeout(Duration configured) {
        CallScope s = SCOPE.get();
        long limit = configured.toNanos();
        long now = 0;
        if (s.attemptNanos > 0) {
            now = System.nanoTime();
            limit = Math.min(limit, s.attemptNanos - (now - s.attemptStart));
        }
        if (s.bounded) {
            if (now == 0) {
                now = System.nanoTime();
            }
            limit = Math.min(limit, s.callDeadline - now);
        }
        return limit == configured.toNanos() ? configured : Duration.ofNanos(Math.max(1_000_000L, limit));
    }

    /** {@return the call in flight on this thread, as its listener knows it; null outside a call or without listener} */
    public static CallInfo currentCall() {
        return SCOPE.get().call;
    }

    /**
     * The {@link System#nanoTime()} by which the attempt now starting on this thread must have its whole answer
     * (the least of its attempt timeout and its call's deadline), or 0 if neither bounds it. Read it on the calling
     * thread before sending: the JDK client may deliver the body on another thread.
     *
     * @return the attempt's end, or 0 for none
     */
    public static long attemptEnd() {
        CallScope s = SCOPE.get();
        long end = 0;
        if (s.attemptNanos > 0) {
            end = s.attemptStart + s.attemptNanos;
        }
        if (s.bounded && (end == 0 || s.callDeadline - end < 0)) {
            end = s.callDeadline;
        }
        return end;
    }

    /** {@return the {@link System#nanoTime()} at which the call in flight on this thread started} */
    public static long currentCallStart() {
        return SCOPE.get().callStart;
    }

    /** {@return the number of the attempt in flight on this thread (0 outside a call)} */
    public static int currentAttempt() {
        return SCOPE.get().attempt;
    }

    /** {@return the extra headers of the call in flight on this thread (empty if none)} */
    public static Map<String, String> extraHeaders() {
        return SCOPE.get().headers;
    }

    /**
     * Reports the answer to the attempt in flight on this thread to the call's listener (once per attempt; a
     * listener failure is logged by {@link CallExecutor} and ignored).
     *
     * @param status the HTTP status
     * @param requestId the {@code x-openstack-request-id}, or null
     */
    public static void response(int status, String requestId) {
        CallScope s = SCOPE.get();
        if (s.call != null && !s.responded) {
            s.responded = true;
            CallEvents.response(s.listener, s.call, s.attempt, status, requestId);
        }
    }

    /** As {@link #response(int, String)}, taking the request id from the headers. */
    static void response(int status, Map<String, ? extends java.util.Collection<String>> headers) {
        CallScope s = SCOPE.get();
        if (s.call != null && !s.responded) {
            response(status, LoggingClient.requestId(headers));
        }
    }

    /** For the streaming path's header map ({@code List} values). */
    public static void responseHeaders(int status, Map<String, List<String>> headers) {
        response(status, headers);
    }
}
