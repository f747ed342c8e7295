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
     * The one JDK client, with the connection settings {@link RequestDecoration} decides for every request of
     * both paths (HTTP/1.1, no redirects, connect timeout, TLS, proxy and proxy credentials).
     */
    public static HttpClient httpClient(ClientConfig config, SSLContext ssl) {
        return RequestDecoration.of(config, ssl).newHttpClient();
    }
}
