package dev.imagesdk.internal.http;

import dev.imagesdk.internal.log.Redactor;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * An exchange that failed below HTTP, with what only the transport knows: the method and URL sent (user-info
 * and secret query values already masked), the timeout that applied and how many bytes of the answer's body
 * had arrived. It wraps the transport's own {@link IOException} (its {@linkplain #getCause() cause}) so that
 * {@link TransportFailures} can describe the failure where the typed exception is built, far from the socket;
 * the typed exception then carries the original exception as its cause, not this wrapper.
 */
public final class ExchangeFailure extends IOException {
    private static final long serialVersionUID = 1L;

    /** {@link #bodyBytes()} when no answer (status line and headers) had arrived. */
    public static final long NO_ANSWER = -1;

    private final String method;
    private final String url;
    private final Duration timeout;
    private final Duration connectTimeout;
    private final long bodyBytes;

    /**
     * @param method the HTTP method
     * @param url the URL requested (masked here)
     * @param timeout the timeout for the answer (headers, then body), or null
     * @param connectTimeout the timeout for connecting, or null
     * @param bodyBytes bytes of the answer's body received, or {@link #NO_ANSWER}
     * @param cause the transport's failure
     */
    public ExchangeFailure(String method, URI url, Duration timeout, Duration connectTimeout, long bodyBytes,
                           IOException cause) {
        super(method + " " + Redactor.url(String.valueOf(Redactor.withoutUserInfo(url))) + ": " + cause, cause);
        this.method = Objects.requireNonNull(method, "method");
        this.url = Redactor.url(String.valueOf(Redactor.withoutUserInfo(url)));
        this.timeout = timeout;
        this.connectTimeout = connectTimeout;
        this.bodyBytes = bodyBytes;
    }

    /** {@return the transport's own failure: {@code e}'s cause if it is an {@code ExchangeFailure}, else {@code e}} */
    public static IOException unwrap(IOException e) {
        return e instanceof ExchangeFailure ef ? ef.original() : e;
    }

    /** The transport's own failure. */
    public IOException original() {
        return (IOException) getCause();
    }

    public String method() {
        return method;
    }

    /** The URL, safe to show. */
    public String url() {
        return url;
    }

    /** The timeout for the answer, or null when unknown. */
    public Duration timeout() {
        return timeout;
    }

    /** The timeout for connecting, or null when unknown. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Bytes of the answer's body received before the failure, or {@link #NO_ANSWER}. */
    public long bodyBytes() {
        return bodyBytes;
    }
}
