package dev.imagesdk.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagesdk.ApiVersion;
import dev.imagesdk.auth.TokenProvider;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.event.ImageServiceListener;
import dev.imagesdk.internal.log.Redactor;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything an API-version implementation (image-sdk-v1, image-sdk-v2) needs, resolved once by
 * {@link dev.imagesdk.ImageServiceBuilder}: the image endpoint, the shared call layer
 * ({@link CallExecutor}, {@link ErrorMapper}, {@link WireLogger}), the one pooled {@link HttpClient} and
 * its Feign factory, the TLS and proxy settings for the streaming path, timeouts and the JSON mapper.
 * Immutable and thread-safe. The HTTP client is shared with other services of the same settings:
 * {@link #release()} gives it back when the service closes.
 */
public final class ClientContext {

    private final ClientConfig config;
    private final URI imageEndpoint;
    private final URI catalogedEndpoint;
    private final ApiVersion apiVersion;
    private final String versionId;
    private final CallExecutor callExecutor;
    private final TokenProvider tokenProvider;
    private final HttpClient httpClient;
    private final FeignFactory feignFactory;
    private final SSLContext sslContext;
    private final ObjectMapper objectMapper;
    private final ErrorMapper errorMapper;
    private final WireLogger wireLogger;
    private final String userAgent;
    private final Clock clock;
    private final Runnable onRelease;
    private final ImageServiceListener listener;
    private final java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();

    private ClientContext(Builder b) {
        this.config = Objects.requireNonNull(b.config, "config");
        this.imageEndpoint = Objects.requireNonNull(b.imageEndpoint, "imageEndpoint");
        this.catalogedEndpoint = b.catalogedEndpoint != null ? b.catalogedEndpoint : b.imageEndpoint;
        this.apiVersion = Objects.requireNonNull(b.apiVersion, "apiVersion");
        this.versionId = b.versionId;
        this.callExecutor = Objects.requireNonNull(b.callExecutor, "callExecutor");
        this.tokenProvider = b.tokenProvider;
        this.httpClient = Objects.requireNonNull(b.httpClient, "httpClient");
        this.feignFactory = Objects.requireNonNull(b.feignFactory, "feignFactory");
        this.sslContext = Objects.requireNonNull(b.sslContext, "sslContext");
        this.objectMapper = Objects.requireNonNull(b.objectMapper, "objectMapper");
        this.errorMapper = Objects.requireNonNull(b.errorMapper, "errorMapper");
        this.wireLogger = Objects.requireNonNull(b.wireLogger, "wireLogger");
        this.userAgent = Objects.requireNonNull(b.userAgent, "userAgent");
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.onRelease = b.onRelease != null ? b.onRelease : () -> { };
        this.listener = b.listener != null ? b.listener : ImageServiceListener.NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The configuration the service was built from. */
    public ClientConfig config() {
        return config;
    }

    /**
     * The image endpoint's root, without a version segment or trailing slash (e.g.
     * {@code http://glance:9292} or {@code https://cloud/image}); implementations append {@code /v2/...}.
     */
    public URI imageEndpoint() {
        return imageEndpoint;
    }

    /**
     * The image endpoint as configured or catalogued, with the version segment it may carry (e.g.
     * {@code https://region-a.geo-1.images.hpcloudsvc.com/v1.0}); {@link #imageEndpoint()} is its root.
     */
    public URI catalogedEndpoint() {
        return catalogedEndpoint;
    }

    /** The API version chosen (pinned or discovered). */
    public ApiVersion apiVersion() {
        return apiVersion;
    }

    /** The server's id of the version chosen (e.g. {@code v2.16}) when discovery ran and found it. */
    public Optional<String> versionId() {
        return Optional.ofNullable(versionId);
    }

    /** Runs every call: token, retries, one re-authentication, typed errors. */
    public CallExecutor callExecutor() {
        return callExecutor;
    }

    /** The token provider; empty without authentication. Use {@code ensureValidFor} before long transfers. */
    public Optional<TokenProvider> tokenProvider() {
        return Optional.ofNullable(tokenProvider);
    }

    /** The one pooled JDK client (HTTP/1.1, no redirects, TLS and proxy as configured). */
    public HttpClient httpClient() {
        return httpClient;
    }

    public FeignFactory feignFactory() {
        return feignFactory;
    }

    /** A Feign client of {@code api} on the image endpoint's root. */
    public <T> T feign(Class<T> api) {
        return feignFactory.create(api, imageEndpoint.toString());
    }

    /**
     * The lean GET of the hottest metadata calls ({@link JsonGet}): the same client, read timeout, headers, wire
     * log and error mapper as the Feign clients.
     */
    public JsonGet jsonGet() {
        return new JsonGet(httpClient, errorMapper::map, wireLogger, feignFactory.decoration(),
                feignFactory.readTimeout());
    }

    /** For the streaming path ({@code HttpsURLConnection#setSSLSocketFactory}). */
    public SSLContext sslContext() {
        return sslContext;
    }

    /** For the streaming path: the default verifier, or one accepting every host when insecure. */
    public HostnameVerifier hostnameVerifier() {
        return TlsContexts.hostnameVerifier(config.insecure());
    }

    public ProxySelector proxySelector() {
        return config.proxySelector();
    }

    public Duration connectTimeout() {
        return config.connectTimeout();
    }

    /** Timeout of a JSON/header call until its response headers arrive ({@link JsonGet}: the whole answer). */
    public Duration requestTimeout() {
        return config.requestTimeout();
    }

    /** A data transfer that moves no byte for this long is aborted ({@link dev.imagesdk.exception.IdleTimeoutException}). */
    public Duration idleTimeout() {
        return config.idleTimeout();
    }

    /** The validity to {@code ensureValidFor} before an upload or download. */
    public Duration transferTokenValidity() {
        return config.transferTokenValidity();
    }

    public ObjectMapper objectMapper() {
        return objectMapper;
    }

    public ErrorMapper errorMapper() {
        return errorMapper;
    }

    public WireLogger wireLogger() {
        return wireLogger;
    }

    /** {@code image-sdk/<version>[ <application name>]}, as {@link #requestDecoration()} sends it. */
    public String userAgent() {
        return userAgent;
    }

    /** What every request of both paths carries and how its connection is made. */
    public RequestDecoration requestDecoration() {
        return feignFactory.decoration();
    }

    public Clock clock() {
        return clock;
    }

    /**
     * The listener of the service's calls ({@link ImageServiceListener#NONE} if none); the {@link CallExecutor}
     * reports the call-level events, the transfer code reports bytes and verification results to it.
     */
    public ImageServiceListener listener() {
        return listener;
    }

    /**
     * Gives back what the service shares with others (the pooled {@link HttpClient}, see
     * {@link SharedHttpClients}); call once when the service is closed ({@code DataTransport.close()} does).
     * Idempotent; the context must not be used for calls afterwards.
     */
    public void release() {
        if (released.compareAndSet(false, true)) {
            onRelease.run();
        }
    }

    @Override
    public String toString() {
        return "ClientContext{imageEndpoint=" + Redactor.url(imageEndpoint.toString()) + ", apiVersion=" + apiVersion
                + ", versionId=" + versionId + '}';
    }

    /**
     * Builds a {@link ClientContext}; every field but the token provider, the version id and the catalogued
     * endpoint (default: the image endpoint) is required.
     */
    public static final class Builder {
        private ClientConfig config;
        private URI imageEndpoint;
        private URI catalogedEndpoint;
        private ApiVersion apiVersion;
        private String versionId;
        private CallExecutor callExecutor;
        private TokenProvider tokenProvider;
        private HttpClient httpClient;
        private FeignFactory feignFactory;
        private SSLContext sslContext;
        private ObjectMapper objectMapper;
        private ErrorMapper errorMapper;
        private WireLogger wireLogger;
        private String userAgent;
        private Clock clock = Clock.systemUTC();
        private Runnable onRelease;
        private ImageServiceListener listener;

        private Builder() {
        }

        public Builder config(ClientConfig v) { config = v; return this; }
        public Builder imageEndpoint(URI v) { imageEndpoint = v; return this; }
        public Builder catalogedEndpoint(URI v) { catalogedEndpoint = v; return this; }
        public Builder apiVersion(ApiVersion v) { apiVersion = v; return this; }
        public Builder versionId(String v) { versionId = v; return this; }
        public Builder callExecutor(CallExecutor v) { callExecutor = v; return this; }
        public Builder tokenProvider(TokenProvider v) { tokenProvider = v; return this; }
        public Builder httpClient(HttpClient v) { httpClient = v; return this; }
        public Builder feignFactory(FeignFactory v) { feignFactory = v; return this; }
        public Builder sslContext(SSLContext v) { sslContext = v; return this; }
        public Builder objectMapper(ObjectMapper v) { objectMapper = v; return this; }
        public Builder errorMapper(ErrorMapper v) { errorMapper = v; return this; }
        public Builder wireLogger(WireLogger v) { wireLogger = v; return this; }
        public Builder userAgent(String v) { userAgent = v; return this; }
        public Builder clock(Clock v) { clock = v; return this; }
        public Builder listener(ImageServiceListener v) { listener = v; return this; }
        /** Run once by {@link ClientContext#release()}. */
        public Builder onRelease(Runnable v) { onRelease = v; return this; }

        public ClientContext build() {
            return new ClientContext(this);
        }
    }
}
