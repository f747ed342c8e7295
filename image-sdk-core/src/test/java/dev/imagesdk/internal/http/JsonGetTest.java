package dev.imagesdk.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.auth.ServiceCatalog;
import dev.imagesdk.auth.Token;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.NotFoundException;
import dev.imagesdk.exception.ServiceUnavailableException;
import dev.imagesdk.exception.TransportException;
import dev.imagesdk.internal.auth.KeystoneTokenProvider;
import dev.imagesdk.internal.retry.RetryPolicy;
import dev.imagesdk.testsupport.MutableClock;
import dev.imagesdk.testsupport.RecordingLogger;
import dev.imagesdk.testsupport.RecordingSleeper;
import dev.imagesdk.testsupport.StallingServer;
import dev.imagesdk.testsupport.WireMocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lean GET over real HTTP, run by the CallExecutor as in production: headers, errors, retries, re-auth, log. */
class JsonGetTest {

    private static final String ID = "d6aee501-3277-4b50-ae2c-cf7a0083b284";
    private static final String PATH = "/v2/images/" + ID;

    private WireMockServer glance;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T20:00:00Z"));
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final AtomicInteger issued = new AtomicInteger();
    private final ObjectMapper json = HttpStack.objectMapper();
    private final List<String> wireLines = new ArrayList<>();
    private CallExecutor executor;
    private JsonGet gets;
    private URI url;

    @BeforeEach
    void setUp() {
        glance = WireMocks.started();
        KeystoneTokenProvider tokens = new KeystoneTokenProvider(
                () -> new Token("token-" + issued.incrementAndGet(), clock.instant().plusSeconds(3600),
                        ServiceCatalog.EMPTY, null),
                clock, Duration.ofSeconds(120));
        executor = new CallExecutor(tokens, RetryPolicy.defaults(), sleeper);
        ClientConfig config = ClientConfig.builder().auth(new AuthMethod.NoAuth()).imageEndpoint(glance.baseUrl()).build();
        ErrorMapper errors = new ErrorMapper(json, clock);
        gets = new JsonGet(HttpStack.httpClient(config, TlsContexts.create(null, false)), errors::map,
                new WireLogger(RecordingLogger.into(wireLines)), RequestDecoration.builder().build(), Duration.ofMillis(500));
        url = URI.create(glance.baseUrl() + PATH);
    }

    @AfterEach
    void tearDown() {
        glance.stop();
    }


    private JsonNode getImage() {
        return executor.execute(CallSpec.idempotent("get image", "GET"), token -> gets.get(url, token, json::readTree));
    }

    @Test
    void sendsTokenAcceptAndUserAgentAndParsesTheBody() {
        glance.stubFor(get(urlEqualTo(PATH)).willReturn(okJson("{\"id\": \"" + ID + "\", \"status\": \"active\"}")
                .withHeader("X-Openstack-Request-Id", "req-ok")));

        assertThat(getImage().path("status").asText()).isEqualTo("active");

        glance.verify(getRequestedFor(urlEqualTo(PATH))
                .withHeader("X-Auth-Token", equalTo("token-1"))
                .withHeader("Accept", equalTo("application/json"))
                .withHeader("User-Agent", matching("image-sdk/.+")));
        assertThat(wireLines).hasSize(2);
        assertThat(wireLines.get(0)).isEqualTo("--> GET " + url + " (0 bytes)");
        assertThat(wireLines.get(1)).startsWith("<-- 200 GET " + url).contains("request id req-ok")
                .doesNotContain("token-1");
    }

    @Test
    void withoutATokenNoTokenHeaderIsSent() throws Exception {
        glance.stubFor(get(urlEqualTo(PATH)).willReturn(okJson("{}")));
        int length = gets.get(url, null, body -> body.length);
        assertThat(length).isEqualTo(2);
        glance.verify(getRequestedFor(urlEqualTo(PATH)).withHeader("X-Auth-Token", absent()));
    }

    @Test
    void anErrorAnswerIsTheMappedExceptionWithItsRequestIdAndIsNotRetried() {
        glance.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withHeader("X-Openstack-Request-Id", "req-404")
                .withBody("{\"message\": \"No image found with ID " + ID + "\", \"code\": \"404 Not Found\"}")));

        assertThatThrownBy(this::getImage).isInstanceOfSatisfying(NotFoundException.class, e -> {
            assertThat(e.getMessage()).contains("No image found with ID " + ID);
            assertThat(e.requestId()).contains("req-404");
        });
        glance.verify(1, getRequestedFor(urlEqualTo(PATH)));
        assertThat(executor.retryCount()).isZero();
    }

    @Test
    void a503IsRetriedAsAnyIdempotentCallIs() {
        glance.stubFor(get(urlEqualTo(PATH)).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "2")).willSetStateTo("ok"));
        glance.stubFor(get(urlEqualTo(PATH)).inScenario("busy").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"id\": \"" + ID + "\"}")));

        assertThat(getImage().path("id").asText()).isEqualTo(ID);
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(2));
        glance.verify(2, getRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void a401IsReplayedOnceWithANewToken() {
        glance.stubFor(get(urlEqualTo(PATH)).withHeader("X-Auth-Token", equalTo("token-1"))
                .willReturn(aResponse().withStatus(401)));
        glance.stubFor(get(urlEqualTo(PATH)).withHeader("X-Auth-Token", equalTo("token-2"))
                .willReturn(okJson("{\"id\": \"" + ID + "\"}")));

        assertThat(getImage().path("id").asText()).isEqualTo(ID);
        assertThat(executor.reauthenticationCount()).isEqualTo(1);
    }

    @Test
    void aSlowAnswerTimesOutAsARetryableTransportFailure() {
        glance.stubFor(get(urlEqualTo(PATH)).willReturn(okJson("{}").withFixedDelay(3_000)));

        assertThatThrownBy(() -> executor.execute(CallSpec.idempotent("get image", "GET"),
                token -> gets.get(url, token, body -> body)))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining(" (get image): timed out after 0.5 s")
                .hasCauseInstanceOf(java.net.http.HttpTimeoutException.class); // the JDK's or our own, both at 500 ms
        assertThat(executor.retryCount()).isPositive();
        assertThat(wireLines).anySatisfy(l -> assertThat(l).startsWith("<-- FAILED GET " + url));
    }

    @Test
    void aDroppedConnectionIsATransportFailureAndAMalformedBodyAClientError() {
        glance.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThatThrownBy(this::getImage).isInstanceOf(TransportException.class);

        glance.resetAll();
        glance.stubFor(get(urlEqualTo(PATH)).willReturn(okJson("{\"id\": ")));
        assertThatThrownBy(this::getImage).isInstanceOf(ImageSdkClientException.class)
                .isNotInstanceOf(TransportException.class)
                .hasMessageStartingWith("malformed response from get image: ");
    }

    @Test
    void anErrorBodyHandedToTheMapperIsCappedAtItsLimit() throws Exception {
        int[] seen = {-1};
        JsonGet capped = new JsonGet(HttpStack.httpClient(ClientConfig.builder().auth(new AuthMethod.NoAuth())
                .imageEndpoint(glance.baseUrl()).build(), TlsContexts.create(null, false)),
                (status, headers, body) -> {
                    seen[0] = body.length;
                    return new ServiceUnavailableException("busy", null);
                }, new WireLogger(), RequestDecoration.builder().build(), Duration.ofSeconds(5));
        glance.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(503)
                .withBody(new byte[ErrorMapper.MAX_ERROR_BODY + 1000])));

        assertThatThrownBy(() -> capped.get(url, "t", body -> body)).isInstanceOf(ServiceUnavailableException.class);
        assertThat(seen[0]).isEqualTo(ErrorMapper.MAX_ERROR_BODY);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Test
    void aBodyThatStallsTimesOutInsteadOfHangingAndIsRetried() throws Exception {
        try (StallingServer server = new StallingServer(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1000\r\n\r\n{\"id\": \"" + ID + "\", "))) {
            URI stalled = server.url(PATH);
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> executor.execute(CallSpec.idempotent("get image", "GET"),
                            token -> gets.get(stalled, token, json::readTree))))
                    .isInstanceOf(TransportException.class)
                    .hasMessageContaining("did not arrive within 500 ms")
                    .hasCauseInstanceOf(java.net.http.HttpTimeoutException.class);
            assertThat(server.requests()).isEqualTo(RetryPolicy.defaults().maxAttempts());
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
        }
    }

    @Test
    void anEndlessErrorBodyIsCutAtTheCapAndMappedWithoutWaitingForTheTimeout() throws Exception {
        byte[] head = ascii("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 1000000000\r\n"
                + "X-Openstack-Request-Id: req-huge\r\n\r\n");
        byte[] start = new byte[head.length + 3 * ErrorMapper.MAX_ERROR_BODY];
        System.arraycopy(head, 0, start, 0, head.length);
        java.util.Arrays.fill(start, head.length, start.length, (byte) 'x');
        int[] seen = {-1};
        JsonGet patient = new JsonGet(HttpStack.httpClient(ClientConfig.builder().auth(new AuthMethod.NoAuth())
                .imageEndpoint(glance.baseUrl()).build(), TlsContexts.create(null, false)),
                (status, headers, body) -> {
                    seen[0] = body.length;
                    return new ServiceUnavailableException("busy", LoggingClient.requestId(headers));
                }, new WireLogger(), RequestDecoration.builder().build(), Duration.ofSeconds(60));
        try (StallingServer server = new StallingServer(start)) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> patient.get(server.url(PATH), "t", body -> body)))
                    .isInstanceOfSatisfying(ServiceUnavailableException.class,
                            e -> assertThat(e.requestId()).contains("req-huge"));
            assertThat(seen[0]).isEqualTo(ErrorMapper.MAX_ERROR_BODY);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        }
    }
}
