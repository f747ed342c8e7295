package dev.imagesdk.v1.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One v1 request: method, path below the v1 root ({@code images/detail?limit=10}), headers and an
 * optional small body (JSON). Image data is never held here; it is streamed by {@link V1Http#upload}.
 *
 * @param method HTTP method
 * @param path the path below the v1 root, already encoded, with its query
 * @param headers request headers (never the token: the transport adds it)
 * @param body a small body, or null
 * @param notFoundOnRetryIsSuccess a 404 on a retried attempt means the first attempt succeeded and its
 *        answer was lost (a DELETE): it is answered as 200 with no body
 */
record V1Request(String method, String path, Map<String, String> headers, byte[] body,
                 boolean notFoundOnRetryIsSuccess) {
    V1Request {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers == null ? Map.of() : headers));
    }

    V1Request(String method, String path, Map<String, String> headers, byte[] body) {
        this(method, path, headers, body, false);
    }

    /** This request, with a 404 on a retry counted as success. */
    V1Request treatingNotFoundOnRetryAsSuccess() {
        return new V1Request(method, path, headers, body, true);
    }

    static V1Request of(String method, String path) {
        return new V1Request(method, path, Map.of(), null);
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
