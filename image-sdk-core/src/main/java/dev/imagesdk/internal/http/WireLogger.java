package dev.imagesdk.internal.http;

import dev.imagesdk.internal.log.Redactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The one wire logger of the SDK, used by the Feign path and the streaming path alike: one DEBUG line
 * per request ({@code --> PUT url (n bytes)}) and one per response
 * ({@code <-- 204 PUT url (12 ms, request id req-...)}), on the logger {@value #LOGGER_NAME}.
 *
 * <p>URLs are sanitized (user-info and secret query parameters masked); headers and bodies are never
 * logged, so no token, password or image byte can reach the log through this class.
 */
public final class WireLogger {

    /** The SLF4J logger name of the wire log. */
    public static final String LOGGER_NAME = "dev.imagesdk.wire";

    private final Logger log;

    public WireLogger() {
        this(LoggerFactory.getLogger(LOGGER_NAME));
    }

    WireLogger(Logger log) {
        this.log = log;
    }

    /** Whether wire lines are written at all; callers may skip measuring when not. */
    public boolean isEnabled() {
        return log.isDebugEnabled();
    }

    /**
     * Logs a request about to be sent.
     *
     * @param contentLength the body length, {@code -1} when unknown (chunked) and {@code 0} for none
     */
    public void request(String method, String url, long contentLength) {
        if (!log.isDebugEnabled()) {
            return;
        }
        String len = contentLength < 0 ? "unknown length" : contentLength + " bytes";
        log.debug("--> {} {} ({})", method, Redactor.url(url), len);
    }

    /**
     * Logs a response (or the failure of an exchange, with {@code status} 0).
     *
     * @param requestId the {@code x-openstack-request-id}, or null
     */
    public void response(String method, String url, int status, long durationNanos, String requestId) {
        if (!log.isDebugEnabled()) {
            return;
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(durationNanos);
        if (requestId == null) {
            log.debug("<-- {} {} {} ({} ms)", status, method, Redactor.url(url), ms);
        } else {
            log.debug("<-- {} {} {} ({} ms, request id {})", status, method, Redactor.url(url), ms, requestId);
        }
    }

    /** Logs an exchange that failed below HTTP (no status). The message must not carry secrets. */
    public void failure(String method, String url, long durationNanos, Throwable error) {
        if (!log.isDebugEnabled()) {
            return;
        }
        log.debug("<-- FAILED {} {} ({} ms): {}", method, Redactor.url(url),
                TimeUnit.NANOSECONDS.toMillis(durationNanos),
                (error instanceof ExchangeFailure ef ? ef.original() : error).toString()); // the line names the URL
    }
}
