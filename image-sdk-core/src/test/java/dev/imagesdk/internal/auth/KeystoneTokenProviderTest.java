package dev.imagesdk.internal.auth;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.auth.Token;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.internal.http.CallExecutor;
import dev.imagesdk.internal.http.ErrorMapper;
import dev.imagesdk.internal.http.FeignFactory;
import dev.imagesdk.internal.http.HttpStack;
import dev.imagesdk.internal.http.TlsContexts;
import dev.imagesdk.internal.http.RequestDecoration;
import dev.imagesdk.internal.http.WireLogger;
import dev.imagesdk.internal.retry.RetryPolicy;
import dev.imagesdk.testsupport.KeystoneFixtures;
import dev.imagesdk.testsupport.MutableClock;
import dev.imagesdk.testsupport.RecordingSleeper;
import dev.imagesdk.testsupport.WireMocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** Proactive refresh, single-flight, compare-and-invalidate, against a WireMock Keystone. */
class KeystoneTokenProviderTest {

    private static final Instant START = Instant.parse("2026-11-22T20:00:00Z");

    private WireMockServer keystone;
    private final MutableClock clock = new MutableClock(START);
    private KeystoneTokenProvider provider;

    @BeforeEach
    void setUp() {
        keystone = WireMocks.started();
        ErrorMapper errors = new ErrorMapper(HttpStack.objectMapper(), clock);
        ClientConfig c = ClientConfig.builder().auth(new AuthMethod.NoAuth()).imageEndpoint(keystone.baseUrl()).build();
        FeignFactory feign = new FeignFactory(HttpStack.httpClient(c, TlsContexts.create(null, false)),
                HttpStack.objectMapper(), errors, new WireLogger(), RequestDecoration.builder().connectTimeout(Duration.ofSeconds(5)).build(),  Duration.ofSeconds(10));
        KeystoneAuthenticator auth = new KeystoneAuthenticator(AuthMethod.V3Password.of("demo", "pw", "Default", "demo"),
                URI.create(keystone.baseUrl() + "/v3"), feign, new CallExecutor(null, RetryPolicy.defaults(), new RecordingSleeper()),
                HttpStack.objectMapper(), errors);
        provider = new KeystoneTokenProvider(auth, clock, Duration.ofSeconds(120));
        // Each token lives one hour from START; the first and second token requests return different tokens.
        keystone.stubFor(post(urlEqualTo("/v3/auth/tokens")).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(tokenResponse(KeystoneFixtures.TOKEN_1, START.plusSeconds(3600))).willSetStateTo("second"));
        keystone.stubFor(post(urlEqualTo("/v3/auth/tokens")).inScenario("tokens").whenScenarioStateIs("second")
                .willReturn(tokenResponse(KeystoneFixtures.TOKEN_2, START.plusSeconds(7200))));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder tokenResponse(String token, Instant expiry) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withHeader("X-Subject-Token", token)
                .withBody(KeystoneFixtures.v3Body(expiry, "http://127.0.0.1:9292", "http://other:9292"));
    }

    @AfterEach
    void tearDown() {
        keystone.stop();
    }

    private int tokenRequests() {
        return keystone.findAll(postRequestedFor(urlEqualTo("/v3/auth/tokens"))).size();
    }

    @Test
    void reusesTheTokenWhileItIsFresh() {
        assertThat(provider.token().value()).isEqualTo(KeystoneFixtures.TOKEN_1);
        clock.advance(Duration.ofMinutes(50));
        assertThat(provider.token().value()).isEqualTo(KeystoneFixtures.TOKEN_1);
        assertThat(tokenRequests()).isEqualTo(1);
    }

    @Test
    void renewsATokenNearExpiryBeforeTheCall() {
        assertThat(provider.token().value()).isEqualTo(KeystoneFixtures.TOKEN_1);
        clock.advance(Duration.ofMinutes(59)); // 60 s left, under the 120 s skew
        assertThat(provider.token().value()).isEqualTo(KeystoneFixtures.TOKEN_2);
        assertThat(tokenRequests()).isEqualTo(2);
    }

    @Test
    void ensureValidForRenewsWhenLessRemains() {
        provider.token();
        clock.advance(Duration.ofMinutes(40)); // 20 min left
        assertThat(provider.ensureValidFor(Duration.ofMinutes(10)).value()).isEqualTo(KeystoneFixtures.TOKEN_1);
        assertThat(provider.ensureValidFor(Duration.ofMinutes(30)).value()).isEqualTo(KeystoneFixtures.TOKEN_2);
        assertThat(tokenRequests()).isEqualTo(2);
    }

    @Test
    void invalidateOnlyDropsTheTokenThatWasRefused() {
        provider.token();
        provider.invalidate("some-older-token");
        assertThat(provider.token().value()).isEqualTo(KeystoneFixtures.TOKEN_1);
        provider.invalidate(KeystoneFixtures.TOKEN_1);
        assertThat(provider.token().value()).isEqualTo(KeystoneFixtures.TOKEN_2);
        provider.invalidate(KeystoneFixtures.TOKEN_1); // a late 401 for the old token changes nothing
        assertThat(provider.token().value()).isEqualTo(KeystoneFixtures.TOKEN_2);
        assertThat(tokenRequests()).isEqualTo(2);
    }

    @Test
    void sixteenThreadsWithAnExpiredTokenCauseOneTokenRequest() throws Exception {
        provider.token();
        clock.advance(Duration.ofHours(2)); // TOKEN_1 expired
        // Keystone answers slowly so that the threads really overlap; correctness does not depend on it.
        keystone.stubFor(post(urlEqualTo("/v3/auth/tokens")).inScenario("tokens").whenScenarioStateIs("second")
                .willReturn(tokenResponse(KeystoneFixtures.TOKEN_2, START.plusSeconds(3 * 3600)).withFixedDelay(300)));
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Token>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return provider.token();
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            for (Future<Token> f : results) {
                assertThat(f.get(10, TimeUnit.SECONDS).value()).isEqualTo(KeystoneFixtures.TOKEN_2);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(tokenRequests()).isEqualTo(2); // the initial one and exactly one renewal
        assertThat(provider.authenticationCount()).isEqualTo(2);
    }

    private void tokensLive(Duration lifetime) {
        keystone.resetAll();
        keystone.stubFor(post(urlEqualTo("/v3/auth/tokens")).inScenario("short").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(tokenResponse(KeystoneFixtures.TOKEN_1, START.plus(lifetime))).willSetStateTo("second"));
        keystone.stubFor(post(urlEqualTo("/v3/auth/tokens")).inScenario("short").whenScenarioStateIs("second")
                .willReturn(tokenResponse(KeystoneFixtures.TOKEN_2, START.plus(lifetime).plus(lifetime))));
    }

    @Test
    void tokenShorterLivedThanTheSkewIsReusedUntilHalfItsLifetimeInsteadOfRenewedPerCall() {
        tokensLive(Duration.ofSeconds(60)); // under the 120 s skew
        assertThat(provider.token().value()).isEqualTo(KeystoneFixtures.TOKEN_1);
        clock.advance(Duration.ofSeconds(29));
        assertThat(provider.token().value()).isEqualTo(KeystoneFixtures.TOKEN_1);
        assertThat(tokenRequests()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(2)); // past half the lifetime
        assertThat(provider.token().value()).isEqualTo(KeystoneFixtures.TOKEN_2);
        assertThat(tokenRequests()).isEqualTo(2);
    }

    @Test
    void transferValidityLongerThanTheTokenLifetimeIsCappedAtHalfOfIt() {
        tokensLive(Duration.ofMinutes(5)); // under the 10 min a transfer asks for
        assertThat(provider.ensureValidFor(Duration.ofMinutes(10)).value()).isEqualTo(KeystoneFixtures.TOKEN_1);
        clock.advance(Duration.ofMinutes(2));
        assertThat(provider.ensureValidFor(Duration.ofMinutes(10)).value()).isEqualTo(KeystoneFixtures.TOKEN_1);
        assertThat(tokenRequests()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(31)); // 2:31 of 5:00 passed
        assertThat(provider.ensureValidFor(Duration.ofMinutes(10)).value()).isEqualTo(KeystoneFixtures.TOKEN_2);
        assertThat(tokenRequests()).isEqualTo(2);
    }
}
