package dev.imagesdk.internal.http;

import dev.imagesdk.exception.ImageServiceException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The lean GET of the hottest metadata calls (one image, one page of a list): straight on the service's one
 * JDK {@link HttpClient}, the body received whole into a byte array and handed to a streaming parser.
 *
 * <p>Why not Feign: a profile of 10,000 {@code GET /v2/images/{id}} against the fake spent about 40% of the
 * calling thread in Feign's request templating, header filtering and response conversion, and its
 * {@code ofInputStream} body adds a second thread hand-off per call. This path sends the same request (same
 * client and connection pool, {@code X-Auth-Token}, {@code Accept}, {@code User-Agent}, read timeout) and
 * shares everything above the transport: the wire log here, and the error mapper, token and retry rules
 * through {@link CallExecutor}, which runs each {@link #get} as one attempt.
 *
 * <p>Bounds: those of {@link JdkExchange}, shared with the Feign clients: the read timeout for the headers and
 * again for the body; an error body capped at {@link ErrorMapper#MAX_ERROR_BODY} bytes.
 *
 * <p>Failures: a non-2xx answer throws the mapped {@link ImageServiceException} (request id included); an
 * exchange that fails below HTTP throws its {@link IOException} ({@link HttpTimeoutException} after the read
 * timeout), which {@link CallExecutor} turns into a retryable transport failure. Thread-safe.
 */
public final class JsonGet {

    /** Maps an error answer to the typed exception ({@link ErrorMapper#map} in production). */
    @FunctionalInterface
    public interface Errors {
        ImageServiceException map(int status, Map<String, List<String>> headers, byte[] body);
    }

    /** Parses a 2xx body (never null; empty when the answer had none). */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(byte[] body) throws IOException;
    }

    private static final Map<String, List<String>> ACCEPT_JSON = Map.of("Accept", List.of("application/json"));

    private final HttpClient client;
    private final Errors errors;
    private final WireLogger wire;
    private final RequestDecoration decoration;
    private final Duration readTimeout;

    public JsonGet(HttpClient client, Errors errors, WireLogger wire, RequestDecoration decoration,
                   Duration readTimeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.wire = Objects.requireNonNull(wire, "wire");
        this.decoration = Objects.requireNonNull(decoration, "decoration");
        this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
    }

    /**
     * GETs {@code url} with the token (none when null) and parses a 2xx body.
     *
     * @throws ImageServiceException the mapped error for a non-2xx answer
     * @throws IOException if the exchange failed, or the parser's own failure
     * @throws InterruptedException if interrupted while waiting for the answer
     */
    public <T> T get(URI url, String tokenOrNull, Parser<T> parser) throws IOException, InterruptedException {
        // The least of the read timeout and what remains of the attempt and call timeouts of the call in flight
        // bounds the headers; JdkExchange bounds the body.
        Duration timeout = CallScope.timeout(readTimeout);
        HttpRequest.Builder b = decoration.newRequest(url, timeout, tokenOrNull == null ? ACCEPT_JSON
                : Map.of("Accept", ACCEPT_JSON.get("Accept"), RequestDecoration.TOKEN_HEADER, List.of(tokenOrNull)))
                .GET();
        String urlText = wire.isEnabled() ? url.toString() : null;
        long start = urlText == null ? 0 : System.nanoTime();
        if (urlText != null) {
            wire.request("GET", urlText, 0);
        }
        HttpResponse<byte[]> r;
        try {
            r = JdkExchange.send(client, b.build(), timeout);
        } catch (IOException | RuntimeException e) {
            if (urlText != null) {
                wire.failure("GET", urlText, System.nanoTime() - start, e);
            }
            throw e;
        }
        Map<String, List<String>> headers = r.headers().map();
        CallScope.responseHeaders(r.statusCode(), headers);
        if (urlText != null) {
            wire.response("GET", urlText, r.statusCode(), System.nanoTime() - start, LoggingClient.requestId(headers));
        }
        byte[] body = r.body() == null ? new byte[0] : r.body();
        if (!JdkExchange.success(r.statusCode())) {
            throw errors.map(r.statusCode(), headers, body);
        }
        return parser.parse(body);
    }
}
