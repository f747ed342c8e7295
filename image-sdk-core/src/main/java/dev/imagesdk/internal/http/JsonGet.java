package dev.imagesdk.internal.http;

import dev.imagesdk.exception.ImageServiceException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
 * <p>Bounds: the read timeout covers the headers (the JDK client's request timeout) and, again, the body after
 * them: the JDK's timeout stops at the headers, so a body that stalls would otherwise hang the call. An error body is read
 * up to {@link ErrorMapper#MAX_ERROR_BODY} bytes, then the exchange is dropped: a huge or endless error page
 * is never buffered.
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

    private final HttpClient client;
    private final Errors errors;
    private final WireLogger wire;
    private final String userAgent;
    private final Duration readTimeout;

    public JsonGet(HttpClient client, Errors errors, WireLogger wire, String userAgent, Duration readTimeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.wire = Objects.requireNonNull(wire, "wire");
        this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
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
        HttpRequest.Builder b = HttpRequest.newBuilder(url)
                .timeout(readTimeout) // until the headers; TimedBody bounds the body
                .header("Accept", "application/json")
                .header("User-Agent", userAgent)
                .GET();
        if (tokenOrNull != null) {
            b.header("X-Auth-Token", tokenOrNull);
        }
        String urlText = wire.isEnabled() ? url.toString() : null;
        long start = urlText == null ? 0 : System.nanoTime();
        if (urlText != null) {
            wire.request("GET", urlText, 0);
        }
        HttpResponse<byte[]> r;
        try {
            r = exchange(b.build());
        } catch (IOException | RuntimeException e) {
            if (urlText != null) {
                wire.failure("GET", urlText, System.nanoTime() - start, e);
            }
            throw e;
        }
        Map<String, List<String>> headers = r.headers().map();
        if (urlText != null) {
            wire.response("GET", urlText, r.statusCode(), System.nanoTime() - start, LoggingClient.requestId(headers));
        }
        byte[] body = r.body() == null ? new byte[0] : r.body();
        if (!success(r.statusCode())) {
            throw errors.map(r.statusCode(), headers, body);
        }
        return parser.parse(body);
    }

    private static boolean success(int status) {
        return status >= 200 && status < 300;
    }

    /**
     * The exchange on the calling thread ({@code send}: one hand-off fewer than {@code sendAsync}, which cost a
     * third of a GET's latency). The JDK's request timeout covers the headers; {@link TimedBody} the body.
     */
    private HttpResponse<byte[]> exchange(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, info -> new TimedBody(success(info.statusCode())
                ? HttpResponse.BodySubscribers.ofByteArray()
                : new CappedBody(ErrorMapper.MAX_ERROR_BODY), readTimeout));
    }

    /**
     * A body that must arrive within {@code timeout} after the headers: else the exchange is dropped and the call
     * fails with {@link HttpTimeoutException} (on the JDK's shared delay thread, no thread of ours).
     */
    private static final class TimedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final HttpResponse.BodySubscriber<byte[]> inner;
        private final CompletableFuture<byte[]> body;
        private volatile Flow.Subscription subscription;

        TimedBody(HttpResponse.BodySubscriber<byte[]> inner, Duration timeout) {
            this.inner = inner;
            this.body = inner.getBody().toCompletableFuture().copy()
                    .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
                    .exceptionallyCompose(t -> {
                        if (t instanceof TimeoutException) {
                            Flow.Subscription s = subscription;
                            if (s != null) {
                                s.cancel();
                            }
                            return CompletableFuture.failedFuture(new HttpTimeoutException(
                                    "the answer's body did not arrive within " + timeout.toMillis() + " ms"));
                        }
                        return CompletableFuture.failedFuture(t);
                    });
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            inner.onSubscribe(s);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            inner.onNext(item);
        }

        @Override
        public void onError(Throwable t) {
            inner.onError(t);
        }

        @Override
        public void onComplete() {
            inner.onComplete();
        }
    }

    /** Keeps the first {@code max} bytes of a body, then cancels the rest (the connection is dropped). */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        CappedBody(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer buf : buffers) {
                int n = Math.min(buf.remaining(), max - kept.size());
                byte[] chunk = new byte[n];
                buf.get(chunk);
                kept.write(chunk, 0, n);
            }
            if (kept.size() >= max) {
                body.complete(kept.toByteArray());
                subscription.cancel();
            }
        }

        @Override
        public void onError(Throwable t) {
            body.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            body.complete(kept.toByteArray());
        }
    }
}
