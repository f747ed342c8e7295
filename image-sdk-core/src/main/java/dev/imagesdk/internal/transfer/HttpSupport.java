package dev.imagesdk.internal.transfer;

import dev.imagesdk.exception.InvalidInputException;

import javax.net.ssl.HttpsURLConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Opening {@link HttpURLConnection}s the same way for every transfer, and reading their responses. */
final class HttpSupport {

    /** Set by the engine itself or refused by HttpURLConnection; a caller's value would be wrong. */
    private static final Set<String> MANAGED_HEADERS =
            Set.of("content-length", "transfer-encoding", "host", "connection", "range", "expect");

    private final TransferConfig config;

    HttpSupport(TransferConfig config) {
        this.config = config;
    }

    HttpURLConnection open(URL url, String method, Map<String, String> headers, int readTimeoutMillis)
            throws IOException {
        URLConnection uc = config.proxySelector() == null ? url.openConnection() // ProxySelector.getDefault()
                : url.openConnection(proxyFor(url));
        if (!(uc instanceof HttpURLConnection)) {
            throw new InvalidInputException("url", url, "must be an http or https URL");
        }
        if (uc instanceof HttpsURLConnection https) {
            if (config.sslSocketFactory() != null) {
                https.setSSLSocketFactory(config.sslSocketFactory());
            }
            if (config.hostnameVerifier() != null) {
                https.setHostnameVerifier(config.hostnameVerifier());
            }
        }
        HttpURLConnection c = (HttpURLConnection) uc;
        c.setRequestMethod(method);
        // A redirect would re-send the token to wherever it points; the caller decides instead.
        c.setInstanceFollowRedirects(false);
        c.setUseCaches(false);
        c.setConnectTimeout((int) config.connectTimeout().toMillis());
        c.setReadTimeout(readTimeoutMillis);
        headers.forEach((name, value) -> {
            if (!MANAGED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                c.setRequestProperty(name, value);
            }
        });
        return c;
    }

    /** The first proxy the configured selector offers for this URL (a direct connection if none). */
    private Proxy proxyFor(URL url) {
        try {
            List<Proxy> proxies = config.proxySelector().select(url.toURI());
            return proxies == null || proxies.isEmpty() ? Proxy.NO_PROXY : proxies.get(0);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Proxy.NO_PROXY;
        }
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
