package dev.imagesdk.internal.transfer;

import dev.imagesdk.internal.http.RequestDecoration;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Opening {@link HttpURLConnection}s for every transfer through the service's {@link RequestDecoration} (the one
 * place that decides headers and connection settings for the JSON path too), and reading their responses.
 */
final class HttpSupport {

    private final TransferConfig config;
    private final RequestDecoration decoration;

    HttpSupport(TransferConfig config, RequestDecoration decoration) {
        this.config = config;
        this.decoration = decoration;
    }

    /** A connection (not yet connected) with the decoration's headers and settings; the token is in {@code headers}. */
    HttpURLConnection open(URL url, String method, Map<String, String> headers, int readTimeoutMillis)
            throws IOException {
        return decoration.open(url, method, headers, readTimeoutMillis);
    }

    /** The response headers with case-insensitive names, without the status line. */
    static Map<String, List<String>> headers(HttpURLConnection c) {
        Map<String, List<String>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        c.getHeaderFields().forEach((name, values) -> {
            if (name != null) {
                out.computeIfAbsent(name, k -> new ArrayList<>()).addAll(values);
            }
        });
        out.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(out);
    }

    static String firstHeader(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    /**
     * Reads at most {@code config.maxResponseBody()} bytes of the response body. If the body is longer the
     * connection is dropped instead of drained.
     */
    byte[] boundedBody(HttpURLConnection c, int status) {
        InputStream in;
        try {
            in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        } catch (IOException e) {
            return new byte[0];
        }
        if (in == null) {
            return new byte[0];
        }
        int max = config.maxResponseBody();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf, 0, Math.min(buf.length, max + 1 - out.size()))) > 0) {
                out.write(buf, 0, n);
                if (out.size() > max) {
                    c.disconnect();
                    return Arrays.copyOf(out.toByteArray(), max);
                }
            }
        } catch (IOException e) {
            c.disconnect(); // a body we could not finish reading: don't reuse this connection
        }
        return out.toByteArray();
    }
}
