package dev.imagesdk.internal.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one JSON/header exchange on the service's JDK {@link HttpClient}, used by {@link JsonGet} and, through
 * {@link JdkFeignClient}, by every Feign client. The body is received whole (JSON and header calls only; image
 * bytes take the streaming path) with two bounds the JDK client lacks: its request timeout stops at the response
 * headers, so the body gets the timeout again after them (a stalled body would otherwise hang the call); and an
 * error body is kept up to {@link ErrorMapper#MAX_ERROR_BODY} bytes, then the exchange is dropped, so a huge or
 * endless error page is never buffered.
 */
final class JdkExchange {

    private JdkExchange() {
    }

    static boolean success(int status) {
        return status >= 200 && status < 300;
    }

    /**
     * Sends {@code request} (whose own timeout bounds the headers) on the calling thread ({@code send}: one hand-off
     * fewer than {@code sendAsync}, which cost a third of a GET's latency) and receives the whole body within
     * {@code bodyTimeout} after the headers; a non-2xx body is capped at {@link ErrorMapper#MAX_ERROR_BODY}.
     *
     * @throws ExchangeFailure if the exchange failed (its cause the JDK's exception, e.g.
     *         {@link java.net.http.HttpTimeoutException} if the headers or the body did not arrive in time), with the
     *         method, URL, timeouts and body bytes received, for {@link TransportFailures} to describe
     */
    static HttpResponse<byte[]> send(HttpClient client, HttpRequest request, Duration bodyTimeout)
            throws IOException, InterruptedException {
        // The attempt's end (attempt and call timeouts, CallScope), read here on the calling thread: the body may
        // not outlast it even if the headers came late.
        long end = CallScope.attemptEnd();
        AtomicLong received = new AtomicLong(ExchangeFailure.NO_ANSWER);
        try {
            return client.send(request, info -> {
                received.set(0);
                return new TimedBody(success(info.statusCode())
                        ? HttpResponse.BodySubscribers.ofByteArray()
                        : new CappedBody(ErrorMapper.MAX_ERROR_BODY), end == 0 ? bodyTimeout
                        : Duration.ofNanos(Math.max(1_000_000L, Math.min(bodyTimeout.toNanos(), end - System.nanoTime()))),
                        received);
            });
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e; // the caller's interrupt, not a transport failure to describe
            }
            throw new ExchangeFailure(request.method(), request.uri(), request.timeout().orElse(bodyTimeout),
                    client.connectTimeout().orElse(null), received.get(), e);
        }
    }

    /**
     * A body that must arrive within {@code timeout} after the headers: else the exchange is dropped and the call
     * fails with {@link HttpTimeoutException} (on the JDK's shared delay thread, no thread of ours).
     */
    private static final class TimedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final HttpResponse.BodySubscriber<byte[]> inner;
        private final CompletableFuture<byte[]> body;
        private volatile Flow.Subscription subscription;

        private final AtomicLong received;

        TimedBody(HttpResponse.BodySubscriber<byte[]> inner, Duration timeout, AtomicLong received) {
            this.inner = inner;
            this.received = received;
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
            long n = 0;
            for (ByteBuffer b : item) {
                n += b.remaining();
            }
            received.addAndGet(n);
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
