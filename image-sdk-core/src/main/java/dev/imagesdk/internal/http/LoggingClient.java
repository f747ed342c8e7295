package dev.imagesdk.internal.http;

import feign.Client;
import feign.Request;
import feign.Response;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;

/**
 * Feign {@link Client} decorator writing the wire log. Feign's own logger stays off: at HEADERS or FULL it
 * buffers bodies and prints tokens.
 */
final class LoggingClient implements Client {

    private final Client delegate;
    private final WireLogger wire;

    LoggingClient(Client delegate, WireLogger wire) {
        this.delegate = delegate;
        this.wire = wire;
    }

    @Override
    public Response execute(Request request, Request.Options options) throws IOException {
        String method = request.httpMethod().name();
        String url = request.url();
        wire.request(method, url, request.body() == null ? 0 : request.body().length);
        long start = System.nanoTime();
        try {
            Response response = delegate.execute(request, options);
            String requestId = requestId(response.headers());
            wire.response(method, url, response.status(), System.nanoTime() - start, requestId);
            CallScope.response(response.status(), requestId);
            return response;
        } catch (IOException | RuntimeException e) {
            wire.failure(method, url, System.nanoTime() - start, e);
            throw e;
        }
    }

    static String requestId(Map<String, ? extends Collection<String>> headers) {
        for (Map.Entry<String, ? extends Collection<String>> e : headers.entrySet()) {
            if ("x-openstack-request-id".equalsIgnoreCase(e.getKey()) && !e.getValue().isEmpty()) {
                return e.getValue().iterator().next();
            }
        }
        return null;
    }
}
