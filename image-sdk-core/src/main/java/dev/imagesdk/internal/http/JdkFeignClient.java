package dev.imagesdk.internal.http;

import feign.Client;
import feign.Request;
import feign.Response;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Feign's {@link Client} on the service's one JDK {@link HttpClient}, through {@link JdkExchange}: the same
 * exchange as the lean GETs, so every JSON and header call has the body timeout and the error-body cap. The
 * per-request read timeout ({@link Request.Options}) bounds the headers and again the body; redirects are never
 * followed and the connect timeout is the shared client's (one pool, whatever the options say).
 */
final class JdkFeignClient implements Client {

    private final HttpClient client;
    private final RequestDecoration decoration;

    JdkFeignClient(HttpClient client, RequestDecoration decoration) {
        this.client = client;
        this.decoration = decoration;
    }

    @Override
    public Response execute(Request request, Request.Options options) throws IOException {
        // The least of the read timeout and what remains of the attempt and call timeouts of the call in flight.
        Duration timeout = CallScope.timeout(Duration.ofMillis(options.readTimeoutMillis()));
        // Headers (token from the template's X-Auth-Token, User-Agent, the call's own) as for every request.
        HttpRequest.Builder b = decoration.newRequest(URI.create(request.url()), timeout, request.headers())
                .method(request.httpMethod().name(), request.body() == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        HttpResponse<byte[]> r;
        try {
            r = JdkExchange.send(client, b.build(), timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException io = new InterruptedIOException("interrupted waiting for " + request.httpMethod());
            io.initCause(e);
            throw io;
        }
        Map<String, Collection<String>> headers = new LinkedHashMap<>(r.headers().map());
        return Response.builder()
                .status(r.statusCode())
                .headers(headers)
                .body(r.body())
                .request(request)
                .protocolVersion(Request.ProtocolVersion.HTTP_1_1)
                .build();
    }
}
