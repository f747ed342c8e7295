package dev.imagesdk.event;

import dev.imagesdk.exception.ImageSdkException;

import java.time.Duration;

/**
 * Receives the life of every call an {@link dev.imagesdk.ImageService} makes (in the style of OkHttp's
 * {@code EventListener}): start, each attempt and its response, retries with their reason and delay,
 * re-authentications, the end or failure of the call, and for image data the bytes moved and the result
 * of the checksum verification. Registered with
 * {@code ImageService.builder().listener(...)}; the default is {@link #NONE}, which costs nothing.
 *
 * <p>Guarantees: for each call, {@link #callStart} comes first and exactly one of {@link #callEnd} or
 * {@link #callFailed} comes last; {@link #attemptStart} precedes that attempt's {@link #response};
 * events of one call are delivered in order on the thread that runs the call (a transfer may report
 * {@link #transferBytes} from its transfer thread, still in order). Events of different calls may
 * interleave and arrive concurrently, so implementations must be thread-safe. Methods must be fast and
 * must not block; an exception thrown by a listener is logged at WARN and otherwise ignored: it never
 * changes the outcome of the call. No event carries a token, a password or a request body.
 */
public interface ImageServiceListener {

    /** A listener that ignores every event. */
    ImageServiceListener NONE = new ImageServiceListener() {
    };

    /**
     * A call starts (before authentication, if a token must be obtained first).
     *
     * @param call the call
     */
    default void callStart(CallInfo call) {
    }

    /**
     * An attempt of the call starts: its request is about to be sent.
     *
     * @param call the call
     * @param attempt 1 for the first attempt, 2 for the first retry or replay, ...
     */
    default void attemptStart(CallInfo call, int attempt) {
    }

    /**
     * The service answered an attempt (any status, success or not).
     *
     * @param call the call
     * @param attempt the attempt that was answered
     * @param status the HTTP status code
     * @param requestId the service's request id ({@code x-openstack-request-id}), or null if it sent none
     */
    default void response(CallInfo call, int attempt, int status, String requestId) {
    }

    /**
     * The attempt failed and the call will be retried after {@code delay}.
     *
     * @param call the call
     * @param failedAttempt the attempt that failed
     * @param reason why, in words (e.g. {@code HTTP 503}, {@code connection refused}); never a secret
     * @param delay how long the SDK waits before the next attempt
     */
    default void retry(CallInfo call, int failedAttempt, String reason, Duration delay) {
    }

    /**
     * The service refused the token (401); a new token was obtained and the call is replayed once.
     *
     * @param call the call
     */
    default void reauthentication(CallInfo call) {
    }

    /**
     * Image data moved: called once per transfer when it ends, successfully or not.
     *
     * @param call the upload or download call
     * @param bytes bytes of image data sent or received by the call (all attempts)
     * @param elapsed time from the first byte to the last
     */
    default void transferBytes(CallInfo call, long bytes, Duration elapsed) {
    }

    /**
     * The checksums of a transfer were compared (MD5 {@code checksum} and/or {@code os_hash_value}).
     *
     * @param call the upload or download call
     * @param verified true if every compared digest matched, false on a mismatch
     */
    default void verification(CallInfo call, boolean verified) {
    }

    /**
     * The call succeeded.
     *
     * @param call the call
     * @param elapsed time since {@link #callStart}
     * @param attempts attempts made (including replays after a re-authentication)
     */
    default void callEnd(CallInfo call, Duration elapsed, int attempts) {
    }

    /**
     * The call failed; {@code failure} is the exception the caller receives.
     *
     * @param call the call
     * @param elapsed time since {@link #callStart}
     * @param attempts attempts made
     * @param failure the typed failure thrown to the caller
     */
    default void callFailed(CallInfo call, Duration elapsed, int attempts, ImageSdkException failure) {
    }
}
