package dev.imagesdk.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Feign;
import feign.Logger;
import feign.Request;
import feign.Retryer;
import feign.jackson.JacksonDecoder;
import feign.jackson.JacksonEncoder;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Creates Feign clients for JSON and header calls, all on one JDK {@link HttpClient} (one connection pool
 * per service instance).
 *
 * <p>Every client: {@link JdkFeignClient} over the shared client (the body timeout and error-body cap of
 * {@link JdkExchange}), Jackson encoder/decoder on the shared mapper,
 * {@link Retryer#NEVER_RETRY} (retries belong to {@link CallExecutor}), errors mapped by the shared
 * {@link ErrorMapper} (404 included: {@code dismiss404} is off), the wire log written by a client
 * decorator and Feign's own logging off; every header and connection setting decided by the one
 * {@link RequestDecoration} (which the data path uses too).
 *
 * <p>Tokens: API interfaces take the token as a header parameter, so every attempt of
 * {@link CallExecutor#execute} sends the token it was given and no thread-local state is needed:
 * <pre>{@code
 * @RequestLine("GET /v2/images/{id}")
 * @Headers("X-Auth-Token: {token}")
 * ImageJson get(@Param("token") String token, @Param("id") String id);
 * }</pre>
 * A null token drops the header (no-auth). Per-call timeouts: add a {@link Request.Options} parameter to
 * the method, or use {@link #options(Duration)} (its connect timeout is ignored: the shared client's applies,
 * one pool). A method returning {@code feign.Response} gets every
 * status back without the error decoder: pass it through {@link FeignResponses#requireSuccess}.
 */
public final class FeignFactory {

    private final HttpClient httpClient;
    private final ObjectMapper mapper;
    private final ErrorMapper errorMapper;
    private final WireLogger wire;
    private final RequestDecoration decoration;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    public FeignFactory(HttpClient httpClient, ObjectMapper mapper, ErrorMapper errorMapper, WireLogger wire,
                        RequestDecoration decoration, Duration readTimeout) {
        this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.errorMapper = Objects.requireNonNull(errorMapper, "errorMapper");
        this.wire = Objects.requireNonNull(wire, "wire");
        this.decoration = Objects.requireNonNull(decoration, "decoration");
        this.connectTimeout = decoration.connectTimeout();
        this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
    }

    /** A Feign client of {@code api} whose request lines are relative to {@code baseUrl}. */
    public <T> T create(Class<T> api, String baseUrl) {
        return Feign.builder()
                .client(new LoggingClient(new JdkFeignClient(httpClient, decoration), wire))
                .options(options(readTimeout))
                .retryer(Retryer.NEVER_RETRY)
                .encoder(new JacksonEncoder(mapper))
                .decoder(new JacksonDecoder(mapper))
                .errorDecoder(new MappingErrorDecoder(errorMapper))
                .logLevel(Logger.Level.NONE)
                .target(api, stripTrailingSlash(baseUrl));
    }

    /** Request options with this read timeout and the shared connect timeout (no redirects). */
    public Request.Options options(Duration readTimeout) {
        return new Request.Options(connectTimeout.toMillis(), TimeUnit.MILLISECONDS,
                readTimeout.toMillis(), TimeUnit.MILLISECONDS, false);
    }

    /** The decoration every request of these clients gets. */
    public RequestDecoration decoration() {
        return decoration;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    static String stripTrailingSlash(String url) {
        String u = url;
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }
}
