package dev.imagesdk.internal.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagesdk.config.ClientConfig;

import javax.net.ssl.SSLContext;
import java.net.http.HttpClient;

/** Builds the shared pieces of one service instance from its configuration. */
public final class HttpStack {

    private HttpStack() {
    }

    /** The SDK's JSON mapper: tolerant of unknown fields (Glance adds some in every release). */
    public static ObjectMapper objectMapper() {
        return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /**
     * The one JDK client: HTTP/1.1 (Glance is served over HTTP/1.1; HTTP/2 would try an h2c upgrade),
     * redirects not followed (a redirect would carry the token elsewhere), the configured connect
     * timeout, SSL context and proxy selector.
     */
    public static HttpClient httpClient(ClientConfig config, SSLContext ssl) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.connectTimeout())
                .proxy(config.proxySelector())
                .sslContext(ssl)
                .build();
    }
}
