package dev.imagesdk.internal.http;

import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.config.ProxyConfig;
import dev.imagesdk.exception.InvalidInputException;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The one place that decides what every outgoing request carries and how its connection is made, for both
 * transports of a service: the JDK {@link HttpClient} of the JSON and header calls ({@link JdkFeignClient},
 * {@link JsonGet}) and the {@link HttpURLConnection}s of the image-data path (uploads, downloads; chosen by
 * measurement, see ARCHITECTURE.md: about twice the throughput with a fraction of the CPU). Nothing about a request
 * may differ between the two paths, so neither sets a header or a connection setting itself.
 *
 * <p>Headers, in this order: {@code User-Agent: image-sdk/<version>[ <application name>]}; {@code X-Auth-Token}
 * when the call has a token; then the call's own headers ({@code Accept}, {@code Content-Type},
 * {@code x-image-meta-*} ...), except those the transports manage (framing, connection, {@code Range}) and those
 * decided here (a call's own {@code User-Agent} or {@code Proxy-Authorization} is dropped). The token is the value
 * the call put under {@link #TOKEN_HEADER}; a null or absent token sends none.
 *
 * <p>No request id is sent: Glance generates its own for every request and returns it in
 * {@code x-openstack-request-id}, which the error mapper puts in every exception of both paths; an inbound id is
 * only oslo's optional "global request id" (format {@code req-<uuid>}), of no use to a single client.
 *
 * <p>Connections: the connect timeout; the TLS context and host name verifier; redirects never followed (they
 * would carry the token elsewhere); the proxy, which is the configured {@link ProxyConfig} if any, else the
 * configured {@link ProxySelector}. Proxy credentials answer only the configured proxy's {@code 407}; on the data
 * path to a plain {@code http} target they are also sent up front ({@code Proxy-Authorization: Basic}), because a
 * body streamed in fixed-length or chunked mode cannot be re-sent after a 407. They are never logged.
 * Immutable and thread-safe.
 */
public final class RequestDecoration {

    /** The header that carries the token. */
    public static final String TOKEN_HEADER = "X-Auth-Token";
    /** The header that names the client. */
    public static final String USER_AGENT_HEADER = "User-Agent";

    /** Managed by a transport (framing, connection, ranges) or decided here: a call's own value is dropped. */
    private static final Set<String> NOT_FROM_CALLS = Set.of("connection", "content-length", "expect", "host",
            "upgrade", "transfer-encoding", "range", "user-agent", "x-auth-token", "proxy-authorization");

    private final String userAgent;
    private final Duration connectTimeout;
    private final ProxySelector proxySelector;
    private final ProxyConfig proxy;
    private final Authenticator proxyAuthenticator;
    private final SSLContext sslContext;
    private final SSLSocketFactory sslSocketFactory;
    private final HostnameVerifier hostnameVerifier;

    private RequestDecoration(Builder b) {
        this.userAgent = Objects.requireNonNull(b.userAgent, "userAgent");
        this.connectTimeout = Objects.requireNonNull(b.connectTimeout, "connectTimeout");
        this.proxy = b.proxy;
        this.proxySelector = b.proxy != null
                ? ProxySelector.of(InetSocketAddress.createUnresolved(b.proxy.host(), b.proxy.port()))
                : b.proxySelector;
        this.proxyAuthenticator = b.proxy != null && b.proxy.username().isPresent()
                ? new ProxyAuthenticator(b.proxy) : null;
        this.sslContext = b.sslContext;
        this.sslSocketFactory = b.sslSocketFactory != null ? b.sslSocketFactory
                : b.sslContext != null ? b.sslContext.getSocketFactory() : null;
        this.hostnameVerifier = b.hostnameVerifier;
    }

    /** The decoration of a service built from {@code config}, with its TLS context and the SDK's User-Agent. */
    public static RequestDecoration of(ClientConfig config, SSLContext ssl) {
        return builder()
                .userAgent(UserAgent.value(config.applicationName().orElse(null)))
                .connectTimeout(config.connectTimeout())
                .proxySelector(config.proxySelector())
                .proxy(config.proxy().orElse(null))
                .sslContext(ssl)
                .hostnameVerifier(TlsContexts.hostnameVerifier(config.insecure()))
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code image-sdk/<version>[ <application name>]}. */
    public String userAgent() {
        return userAgent;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * The headers of one request, in the order they are sent: User-Agent, the token (from the call's
     * {@link #TOKEN_HEADER}, if any), then the call's own headers less the managed ones.
     *
     * @param callHeaders the call's headers (may hold the token); null for none
     * @return name/value pairs
     */
    public List<Map.Entry<String, String>> headers(Map<String, ? extends Collection<String>> callHeaders) {
        List<Map.Entry<String, String>> out = new ArrayList<>(4 + (callHeaders == null ? 0 : callHeaders.size()));
        out.add(Map.entry(USER_AGENT_HEADER, userAgent));
        if (callHeaders == null) {
            return out;
        }
        for (Map.Entry<String, ? extends Collection<String>> e : callHeaders.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(TOKEN_HEADER) && e.getValue() != null) {
                e.getValue().stream().filter(Objects::nonNull).findFirst()
                        .ifPresent(token -> out.add(Map.entry(TOKEN_HEADER, token)));
            }
        }
        // The extra headers of the call in flight on this thread (CallOptions of a service view; validated there):
        // after the call's own, replacing a call header of the same name.
        Map<String, String> extra = CallScope.extraHeaders();
        for (Map.Entry<String, ? extends Collection<String>> e : callHeaders.entrySet()) {
            String name = e.getKey();
            if (name == null || e.getValue() == null || NOT_FROM_CALLS.contains(name.toLowerCase(Locale.ROOT))
                    || (!extra.isEmpty() && containsIgnoringCase(extra, name))) {
                continue;
            }
            for (String v : e.getValue()) {
                if (v != null) {
                    out.add(Map.entry(name, v));
                }
            }
        }
        extra.forEach((name, value) -> {
            if (!NOT_FROM_CALLS.contains(name.toLowerCase(Locale.ROOT))) {
                out.add(Map.entry(name, value));
            }
        });
        return out;
    }

    private static boolean containsIgnoringCase(Map<String, String> headers, String name) {
        for (String k : headers.keySet()) {
            if (k.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    // ---- the JDK HttpClient (JSON and header calls) ----

    /**
     * The JDK client of this decoration's connection settings: HTTP/1.1 (Glance is served over HTTP/1.1; HTTP/2
     * would try an h2c upgrade), no redirects, the connect timeout, TLS context, proxy and proxy credentials.
     */
    public HttpClient newHttpClient() {
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .proxy(proxySelector != null ? proxySelector : ProxySelector.getDefault());
        if (sslContext != null) {
            b.sslContext(sslContext);
        }
        if (proxyAuthenticator != null) {
            b.authenticator(proxyAuthenticator);
        }
        return b.build();
    }

    /**
     * A request to {@code uri} on the JDK client with every header decided here; the caller sets the method and
     * body.
     *
     * @param timeout until the response headers arrive
     * @param callHeaders the call's headers, the token under {@link #TOKEN_HEADER}
     */
    public HttpRequest.Builder newRequest(URI uri, Duration timeout, Map<String, ? extends Collection<String>> callHeaders) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout);
        for (Map.Entry<String, String> h : headers(callHeaders)) {
            b.header(h.getKey(), h.getValue());
        }
        return b;
    }

    // ---- HttpURLConnection (image data) ----

    /**
     * Opens (without connecting) a connection for one data request with every setting and header decided here.
     *
     * @param callHeaders the call's headers, the token under {@link #TOKEN_HEADER}
     * @param readTimeoutMillis the socket read timeout
     * @throws InvalidInputException naming {@code url} if it is not http(s)
     * @throws IOException if the connection cannot be created
     */
    public HttpURLConnection open(URL url, String method, Map<String, String> callHeaders, int readTimeoutMillis)
            throws IOException {
        Proxy via = proxyFor(url);
        URLConnection uc = url.openConnection(via);
        if (!(uc instanceof HttpURLConnection)) {
            throw new InvalidInputException("url", url, "must be an http or https URL");
        }
        if (uc instanceof HttpsURLConnection https) {
            if (sslSocketFactory != null) {
                https.setSSLSocketFactory(sslSocketFactory);
            }
            if (hostnameVerifier != null) {
                https.setHostnameVerifier(hostnameVerifier);
            }
        }
        HttpURLConnection c = (HttpURLConnection) uc;
        c.setRequestMethod(method);
        c.setInstanceFollowRedirects(false);
        c.setUseCaches(false);
        c.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
        c.setReadTimeout(readTimeoutMillis);
        if (proxyAuthenticator != null) {
            c.setAuthenticator(proxyAuthenticator); // the CONNECT of an https target
        }
        Map<String, Collection<String>> asLists = new java.util.LinkedHashMap<>();
        if (callHeaders != null) {
            callHeaders.forEach((k, v) -> asLists.put(k, v == null ? List.of() : List.of(v)));
        }
        for (Map.Entry<String, String> h : headers(asLists)) {
            c.addRequestProperty(h.getKey(), h.getValue());
        }
        if (proxyAuthenticator != null && via.type() == Proxy.Type.HTTP && "http".equalsIgnoreCase(url.getProtocol())) {
            // A streamed body cannot be re-sent after a 407: offer the credentials up front, to the proxy only
            // (for an https target this header would travel inside the tunnel to the service, so never there).
            c.setRequestProperty("Proxy-Authorization", basic(proxy));
        }
        return c;
    }

    /** The proxy of a data connection to {@code url}: the configured one, else the selector's first choice. */
    Proxy proxyFor(URL url) {
        ProxySelector selector = proxySelector != null ? proxySelector : ProxySelector.getDefault();
        if (selector == null) {
            return Proxy.NO_PROXY;
        }
        try {
            List<Proxy> proxies = selector.select(url.toURI());
            return proxies == null || proxies.isEmpty() ? Proxy.NO_PROXY : proxies.get(0);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Proxy.NO_PROXY;
        }
    }

    private static String basic(ProxyConfig p) {
        String pair = p.username().orElse("") + ":" + p.password().orElse("");
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() { // no credentials: ProxyConfig masks its password
        return "RequestDecoration{userAgent=" + userAgent + ", proxy=" + (proxy != null ? proxy : proxySelector)
                + ", connectTimeout=" + connectTimeout + '}';
    }

    /** Answers only the configured proxy's challenge, never a server's (a 401 from Glance is the SDK's to handle). */
    private static final class ProxyAuthenticator extends Authenticator {
        private final ProxyConfig proxy;

        ProxyAuthenticator(ProxyConfig proxy) {
            this.proxy = proxy;
        }

        @Override
        protected PasswordAuthentication getPasswordAuthentication() {
            if (getRequestorType() != RequestorType.PROXY || getRequestingPort() != proxy.port()
                    || getRequestingHost() == null || !getRequestingHost().equalsIgnoreCase(proxy.host())) {
                return null;
            }
            return new PasswordAuthentication(proxy.username().orElse(""),
                    proxy.password().orElse("").toCharArray());
        }

        @Override
        public String toString() {
            return "ProxyAuthenticator{" + proxy + '}';
        }
    }

    /** Builds a {@link RequestDecoration}; only the User-Agent and connect timeout are required. */
    public static final class Builder {
        private String userAgent = UserAgent.value();
        private Duration connectTimeout = Duration.ofSeconds(30);
        private ProxySelector proxySelector;
        private ProxyConfig proxy;
        private SSLContext sslContext;
        private SSLSocketFactory sslSocketFactory;
        private HostnameVerifier hostnameVerifier;

        private Builder() {
        }

        public Builder userAgent(String v) { userAgent = v; return this; }
        public Builder connectTimeout(Duration v) { connectTimeout = v; return this; }
        /** Null: {@link ProxySelector#getDefault()}. Ignored when {@link #proxy} is set. */
        public Builder proxySelector(ProxySelector v) { proxySelector = v; return this; }
        public Builder proxy(ProxyConfig v) { proxy = v; return this; }
        public Builder sslContext(SSLContext v) { sslContext = v; return this; }
        /** For the data path only (tests of a standalone transfer engine); the JDK client uses the context. */
        public Builder sslSocketFactory(SSLSocketFactory v) { sslSocketFactory = v; return this; }
        public Builder hostnameVerifier(HostnameVerifier v) { hostnameVerifier = v; return this; }

        public RequestDecoration build() {
            return new RequestDecoration(this);
        }
    }
}
