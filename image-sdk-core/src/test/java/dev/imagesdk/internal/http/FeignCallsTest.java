package dev.imagesdk.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.imagesdk.auth.ServiceCatalog;
import dev.imagesdk.auth.Token;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.exception.ConflictException;
import dev.imagesdk.exception.ImageServiceException;
import dev.imagesdk.exception.NotFoundException;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.TransportException;
import dev.imagesdk.internal.auth.KeystoneTokenProvider;
import dev.imagesdk.internal.retry.RetryPolicy;
import dev.imagesdk.testsupport.MutableClock;
import dev.imagesdk.testsupport.RecordingSleeper;
import dev.imagesdk.testsupport.WireMocks;
import feign.Headers;
import feign.Param;
import feign.RequestLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Feign path end to end over real HTTP: token header, retries, re-auth, error mapping. */
class FeignCallsTest {

    interface ImagesApi {
        @RequestLine("GET /v2/images/{id}")
        @Headers({"X-Auth-Token: {token}", "Accept: {accept}"})
        JsonNode get(@Param("token") String token, @Param("id") String id, @Param("accept") String accept);

        @RequestLine("GET /v2/images/{id}")
        @Headers("X-Auth-Token: {token}")
        JsonNode getWithOptions(@Param("token") String token, @Param("id") String id, feign.Request.Options options);

        @RequestLine("PATCH /v2/images/{id}")
        @Headers({"X-Auth-Token: {token}", "Content-Type: application/openstack-images-v2.1-json-patch"})
        JsonNode patch(@Param("token") String token, @Param("id") String id, JsonNode body);
    }

    private static final String ID = "d6aee501-3277-4b50-ae2c-cf7a0083b284";

    private WireMockServer glance;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T20:00:00Z"));
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final AtomicInteger issued = new AtomicInteger();
    private final ObjectMapper json = HttpStack.objectMapper();
    private CallExecutor executor;
    private ImagesApi api;
    private FeignFactory feign;

    @BeforeEach
    void setUp() {
        glance = WireMocks.started();
        KeystoneTokenProvider tokens = new KeystoneTokenProvider(
                () -> new Token("token-" + issued.incrementAndGet(), clock.instant().plusSeconds(3600), ServiceCatalog.EMPTY, null),
                clock, Duration.ofSeconds(120));
        executor = new CallExecutor(tokens, RetryPolicy.defaults(), sleeper);
        ClientConfig config = ClientConfig.builder().auth(new AuthMethod.NoAuth()).imageEndpoint(glance.baseUrl()).build();
        ErrorMapper errors = new ErrorMapper(json, clock);
        FeignFactory feign = new FeignFactory(HttpStack.httpClient(config, TlsContexts.create(null, false)), json, errors,
                new WireLogger(), RequestDecoration.builder().connectTimeout(Duration.ofSeconds(5)).build(),  Duration.ofSeconds(10));
        this.feign = feign;
        api = feign.create(ImagesApi.class, glance.baseUrl() + "/");
    }

    @AfterEach
    void tearDown() {
        glance.stop();
    }

    private JsonNode getImage(String accept) {
        return executor.execute(CallSpec.idempotent("images.get", "GET"), token -> api.get(token, ID, accept));
    }

    @Test
    void sendsTokenAndUserAgentAndDecodesJson() {
        glance.stubFor(get(urlEqualTo("/v2/images/" + ID)).willReturn(okJson("{\"id\": \"" + ID + "\", \"status\": \"active\"}")));
        assertThat(getImage("application/json").path("status").asText()).isEqualTo("active");
        glance.verify(getRequestedFor(urlEqualTo("/v2/images/" + ID))
                .withHeader("X-Auth-Token", equalTo("token-1"))
                .withHeader("User-Agent", matching("image-sdk/.+")));
    }

    @Test
    void malformedJsonIsATypedClientErrorAndNotRetried() {
        glance.stubFor(get(urlEqualTo("/v2/images/" + ID)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\": \"" + ID + "\", \"status\": ")));

        assertThatThrownBy(() -> getImage("application/json"))
                .isInstanceOf(ImageSdkClientException.class)
                .isNotInstanceOf(TransportException.class)
                .hasMessageStartingWith("malformed response from images.get: ");
        glance.verify(1, getRequestedFor(urlEqualTo("/v2/images/" + ID)));
        assertThat(sleeper.waits()).isEmpty();
        assertThat(executor.retryCount()).isZero();
    }

    @Test
    void connectionResetOnGetIsRetried() {
        // Two resets: the JDK client itself may retry a GET once on a fresh connection, so only the
        // SDK's retry can get past both.
        glance.stubFor(get(urlEqualTo("/v2/images/" + ID)).inScenario("reset").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("reset-again"));
        glance.stubFor(get(urlEqualTo("/v2/images/" + ID)).inScenario("reset").whenScenarioStateIs("reset-again")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("recovered"));
        glance.stubFor(get(urlEqualTo("/v2/images/" + ID)).inScenario("reset").whenScenarioStateIs("recovered")
                .willReturn(okJson("{\"id\": \"" + ID + "\"}")));
        assertThat(getImage("application/json").path("id").asText()).isEqualTo(ID);
        assertThat(executor.retryCount()).isBetween(1L, 2L);
        assertThat(sleeper.waits()).hasSize((int) executor.retryCount());
        glance.verify(3, getRequestedFor(urlEqualTo("/v2/images/" + ID)));
    }

    @Test
    void connectionResetOnGetFailsWithoutRetries() {
        glance.stubFor(get(urlEqualTo("/v2/images/" + ID)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        executor = new CallExecutor(null, RetryPolicy.none(), sleeper);
        assertThatThrownBy(() -> getImage("application/json")).isInstanceOf(TransportException.class);
    }

    @Test
    void patchIsNotRetriedAfterConnectionReset() {
        glance.stubFor(patch(urlEqualTo("/v2/images/" + ID)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        JsonNode body = json.createArrayNode().add(json.createObjectNode().put("op", "add").put("path", "/tags/-").put("value", "x"));
        assertThatThrownBy(() -> executor.execute(CallSpec.nonIdempotent("images.update", "PATCH"),
                token -> api.patch(token, ID, body))).isInstanceOf(TransportException.class);
        glance.verify(1, patchRequestedFor(urlEqualTo("/v2/images/" + ID)));
        assertThat(executor.retryCount()).isZero();
    }

    @Test
    void retriesAfter503WithRetryAfterThenSucceeds() {
        glance.stubFor(get(urlEqualTo("/v2/images/" + ID)).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "2")
                        .withHeader("Content-Type", "text/plain").withBody("503 Service Unavailable\n\nbusy\n"))
                .willSetStateTo("free"));
        glance.stubFor(get(urlEqualTo("/v2/images/" + ID)).inScenario("busy").whenScenarioStateIs("free")
                .willReturn(okJson("{\"id\": \"" + ID + "\"}")));
        assertThat(getImage("application/json").path("id").asText()).isEqualTo(ID);
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void retries429ThenSucceeds() {
        glance.stubFor(get(urlEqualTo("/v2/images/" + ID)).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("ok"));
        glance.stubFor(get(urlEqualTo("/v2/images/" + ID)).inScenario("limited").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"id\": \"" + ID + "\"}")));
        assertThat(getImage("application/json").path("id").asText()).isEqualTo(ID);
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void reauthenticatesOnceAfter401AndReplaysWithNewToken() {
        glance.stubFor(get(urlEqualTo("/v2/images/" + ID)).withHeader("X-Auth-Token", equalTo("token-1"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\": \"This server could not verify that you are authorized\", \"code\": \"401 Unauthorized\"}")));
        glance.stubFor(get(urlEqualTo("/v2/images/" + ID)).withHeader("X-Auth-Token", equalTo("token-2"))
                .willReturn(okJson("{\"id\": \"" + ID + "\"}")));
        assertThat(getImage("application/json").path("id").asText()).isEqualTo(ID);
        assertThat(executor.reauthenticationCount()).isEqualTo(1);
        assertThat(issued).hasValue(2);
    }

    @Test
    void nullTokenSendsNoAuthHeader() {
        glance.stubFor(get(urlEqualTo("/v2/images/" + ID)).willReturn(okJson("{}")));
        executor = new CallExecutor(null, RetryPolicy.defaults(), sleeper);
        getImage("application/json");
        glance.verify(getRequestedFor(urlEqualTo("/v2/images/" + ID)).withHeader("X-Auth-Token", absent()));
    }

    @Test
    void mapsJsonTextAndHtmlErrorsWithRequestId() {
        String msg = "No image found with ID " + ID;
        glance.stubFor(get(urlEqualTo("/v2/images/" + ID)).withHeader("Accept", equalTo("application/json"))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withHeader("X-Openstack-Request-Id", "req-json")
                        .withBody("{\"message\": \"" + msg + "<br /><br />\\n\\n\\n\", \"code\": \"404 Not Found\", \"title\": \"Not Found\"}")));
        glance.stubFor(get(urlEqualTo("/v2/images/" + ID)).withHeader("Accept", equalTo("text/plain"))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "text/plain; charset=UTF-8")
                        .withHeader("X-Openstack-Request-Id", "req-text").withBody("404 Not Found\n\n" + msg + "\n\n   ")));
        glance.stubFor(get(urlEqualTo("/v2/images/" + ID)).withHeader("Accept", equalTo("text/html"))
                .willReturn(aResponse().withStatus(409).withHeader("Content-Type", "text/html; charset=UTF-8")
                        .withHeader("X-Openstack-Request-Id", "req-html")
                        .withBody("<html>\n <head>\n  <title>409 Conflict</title>\n </head>\n <body>\n  <h1>409 Conflict</h1>\n  "
                                + msg + "<br /><br />\n\n\n\n </body>\n</html>")));
        assertThatThrownBy(() -> getImage("application/json")).isInstanceOf(NotFoundException.class)
                .satisfies(e -> assertMessage((ImageServiceException) e, msg, "req-json"));
        assertThatThrownBy(() -> getImage("text/plain")).isInstanceOf(NotFoundException.class)
                .satisfies(e -> assertMessage((ImageServiceException) e, msg, "req-text"));
        assertThatThrownBy(() -> getImage("text/html")).isInstanceOf(ConflictException.class)
                .satisfies(e -> assertMessage((ImageServiceException) e, msg, "req-html"));
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void perCallReadTimeoutFailsASlowCall() {
        glance.stubFor(get(urlEqualTo("/v2/images/" + ID)).willReturn(okJson("{}").withFixedDelay(1500)));
        executor = new CallExecutor(null, RetryPolicy.none(), sleeper);
        assertThatThrownBy(() -> executor.execute(CallSpec.idempotent("images.get", "GET"),
                token -> api.getWithOptions(token, ID, feign.options(Duration.ofMillis(200)))))
                .isInstanceOf(TransportException.class)
                .satisfies(e -> assertThat(e.getCause()).isInstanceOf(java.net.http.HttpTimeoutException.class));
    }

    @Test
    void aFeignCallWhoseBodyStallsTimesOutToo() throws Exception {
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"id\": ")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (dev.imagesdk.testsupport.StallingServer server = new dev.imagesdk.testsupport.StallingServer(head)) {
            ImagesApi stalled = feign.create(ImagesApi.class, server.url("/").toString());
            executor = new CallExecutor(null, RetryPolicy.none(), sleeper);
            assertThatThrownBy(() -> org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> executor.execute(CallSpec.idempotent("images.get", "GET"),
                            token -> stalled.getWithOptions(token, ID, feign.options(Duration.ofMillis(300))))))
                    .isInstanceOf(TransportException.class)
                    .hasMessageContaining("did not arrive within 300 ms")
                    .satisfies(e -> assertThat(e.getCause()).isInstanceOf(java.net.http.HttpTimeoutException.class));
            assertThat(server.requests()).isEqualTo(1);
        }
    }

    @Test
    void requestsGoThroughTheConfiguredProxySelector() {
        dev.imagesdk.testsupport.RecordingProxySelector recording = new dev.imagesdk.testsupport.RecordingProxySelector();
        java.util.List<java.net.URI> asked = recording.asked();
        ClientConfig config = ClientConfig.builder().auth(new AuthMethod.NoAuth()).imageEndpoint(glance.baseUrl())
                .proxySelector(recording).build();
        FeignFactory proxied = new FeignFactory(HttpStack.httpClient(config, TlsContexts.create(null, false)), json,
                new ErrorMapper(json, clock), new WireLogger(), RequestDecoration.builder().connectTimeout(Duration.ofSeconds(5)).build(),  Duration.ofSeconds(10));
        glance.stubFor(get(urlEqualTo("/v2/images/" + ID)).willReturn(okJson("{}")));
        ImagesApi viaProxy = proxied.create(ImagesApi.class, glance.baseUrl());
        executor.execute(CallSpec.idempotent("images.get", "GET"), token -> viaProxy.get(token, ID, "application/json"));
        assertThat(asked).isNotEmpty();
        assertThat(asked.get(0).getPort()).isEqualTo(glance.port());
    }

    private static void assertMessage(ImageServiceException e, String message, String requestId) {
        assertThat(e.serviceMessage()).isEqualTo(message);
        assertThat(e.requestId()).contains(requestId);
    }
}
