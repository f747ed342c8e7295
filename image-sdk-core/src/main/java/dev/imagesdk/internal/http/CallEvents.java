package dev.imagesdk.internal.http;

import dev.imagesdk.event.CallInfo;
import dev.imagesdk.event.ImageServiceListener;
import dev.imagesdk.exception.ImageSdkException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Delivers the call-level events of {@link CallExecutor} to its {@link ImageServiceListener}: each method does
 * nothing when the call has no {@link CallInfo} (no listener registered, so nothing was allocated for it), and a
 * listener that throws is logged at WARN and ignored, so it never changes the outcome of a call.
 */
final class CallEvents {

    private static final Logger LOG = LoggerFactory.getLogger(CallEvents.class);

    private CallEvents() {
    }

    static void callStart(ImageServiceListener l, CallInfo call) {
        if (call != null) {
            try {
                l.callStart(call);
            } catch (RuntimeException e) {
                ignored(l, call, "callStart", e);
            }
        }
    }

    static void attemptStart(ImageServiceListener l, CallInfo call, int attempt) {
        if (call != null) {
            try {
                l.attemptStart(call, attempt);
            } catch (RuntimeException e) {
                ignored(l, call, "attemptStart", e);
            }
        }
    }

    static void response(ImageServiceListener l, CallInfo call, int attempt, int status, String requestId) {
        if (call != null) {
            try {
                l.response(call, attempt, status, requestId);
            } catch (RuntimeException e) {
                ignored(l, call, "response", e);
            }
        }
    }

    static void retry(ImageServiceListener l, CallInfo call, int failedAttempt, String reason, Duration delay) {
        if (call != null) {
            try {
                l.retry(call, failedAttempt, reason, delay);
            } catch (RuntimeException e) {
                ignored(l, call, "retry", e);
            }
        }
    }

    static void reauthentication(ImageServiceListener l, CallInfo call) {
        if (call != null) {
            try {
                l.reauthentication(call);
            } catch (RuntimeException e) {
                ignored(l, call, "reauthentication", e);
            }
        }
    }

    static void callEnd(ImageServiceListener l, CallInfo call, long startNanos, int attempts) {
        if (call != null) {
            try {
                l.callEnd(call, Duration.ofNanos(System.nanoTime() - startNanos), attempts);
            } catch (RuntimeException e) {
                ignored(l, call, "callEnd", e);
            }
        }
    }

    static void callFailed(ImageServiceListener l, CallInfo call, long startNanos, int attempts,
                           ImageSdkException failure) {
        if (call != null) {
            try {
                l.callFailed(call, Duration.ofNanos(System.nanoTime() - startNanos), attempts, failure);
            } catch (RuntimeException e) {
                ignored(l, call, "callFailed", e);
            }
        }
    }

    private static void ignored(ImageServiceListener l, CallInfo call, String event, RuntimeException e) {
        LOG.warn("ImageServiceListener {} failed on {} of {}; ignored", l.getClass().getName(), event,
                call.operation(), e);
    }
}
