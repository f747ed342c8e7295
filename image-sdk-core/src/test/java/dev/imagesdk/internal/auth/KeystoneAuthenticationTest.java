package dev.imagesdk.internal.auth;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.auth.Token;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.config.Interface;
import dev.imagesdk.exception.ConfigurationException;
import dev.imagesdk.exception.UnauthorizedException;
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

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Keystone v3 and v2.0 token requests and catalog selection, against WireMock. */
class KeystoneAuthenticationTest {

    private WireMockServer keystone;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T20:00:00Z"));
    private FeignFactory feign;
    private ErrorMapper errors;
    private CallExecutor executor;

    @BeforeEach
    void setUp() {
        keystone = WireMocks.started();
        errors = new ErrorMapper(HttpStack.objectMapper(), clock);
        ClientConfig c = ClientConfig.builder().auth(new AuthMethod.NoAuth()).imageEndpoint(keystone.baseUrl()).build();
        feign = new FeignFactory(HttpStack.httpClient(c, TlsContexts.create(null, false)), HttpStack.objectMapper(),
                errors, new WireLogger(), RequestDecoration.builder().connectTimeout(Duration.ofSeconds(5)).build(),  Duration.ofSeconds(10));
        executor = new CallExecutor(null, RetryPolicy.defaults(), new RecordingSleeper());
    }

    @AfterEach
    void tearDown() {
        keystone.stop();
    }

    private KeystoneAuthenticator authenticator(AuthMethod method, String authUrl) {
        return new KeystoneAuthenticator(method, URI.create(authUrl), feign, executor, HttpStack.objectMapper(), errors);
    }

    private void stubV3() {
        keystone.stubFor(post(urlEqualTo("/v3/auth/tokens")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withHeader("X-Subject-Token", KeystoneFixtures.TOKEN_1)
                .withHeader("x-openstack-request-id", "req-a04b301e")
                .withBody(KeystoneFixtures.v3Body(Instant.parse("2026-11-23T19:38:14Z"),
                        "http://127.0.0.1:9292", "http://region-two:9292"))));
    }

    @Test
    void v3PasswordSendsUserAndProjectScopeAndReadsTokenAndCatalog() {
        stubV3();
        Token token = authenticator(AuthMethod.V3Password.of("demo", "pw-123", "Default", "demo"),
                keystone.baseUrl() + "/v3").get();
        keystone.verify(postRequestedFor(urlEqualTo("/v3/auth/tokens")).withRequestBody(equalToJson(
                "{\"auth\": {\"identity\": {\"methods\": [\"password\"], \"password\": {\"user\": {\"name\": \"demo\","
                        + " \"domain\": {\"name\": \"Default\"}, \"password\": \"pw-123\"}}},"
                        + " \"scope\": {\"project\": {\"name\": \"demo\", \"domain\": {\"name\": \"Default\"}}}}}")));
        assertThat(token.value()).isEqualTo(KeystoneFixtures.TOKEN_1);
        assertThat(token.expiresAt()).contains(Instant.parse("2026-11-23T19:38:14Z"));
        assertThat(token.projectId()).contains("p1");
        assertThat(token.catalog().endpoint("image", Interface.PUBLIC, "RegionOne"))
                .isEqualTo(URI.create("http://127.0.0.1:9292"));
        assertThat(token.toString()).doesNotContain(KeystoneFixtures.TOKEN_1);
    }

    @Test
    void authUrlWithoutVersionGetsV3Appended() {
        stubV3();
        authenticator(AuthMethod.V3Password.of("demo", "pw", "Default", "demo"), keystone.baseUrl() + "/").get();
        keystone.verify(1, postRequestedFor(urlEqualTo("/v3/auth/tokens")));
    }

    @Test
    void v3ApplicationCredentialSendsIdAndSecretWithoutScope() {
        stubV3();
        Token token = authenticator(new AuthMethod.V3ApplicationCredential("ac-1", "ac-secret"), keystone.baseUrl() + "/v3").get();
        keystone.verify(postRequestedFor(urlEqualTo("/v3/auth/tokens")).withRequestBody(equalToJson(
                "{\"auth\": {\"identity\": {\"methods\": [\"application_credential\"],"
                        + " \"application_credential\": {\"id\": \"ac-1\", \"secret\": \"ac-secret\"}}}}")));
        assertThat(token.value()).isEqualTo(KeystoneFixtures.TOKEN_1);
    }

    @Test
    void v3TokenMethodExchangesTheToken() {
        stubV3();
        authenticator(new AuthMethod.V3Token("old-token", AuthMethod.ProjectScope.byId("p1")), keystone.baseUrl() + "/v3").get();
        keystone.verify(postRequestedFor(urlEqualTo("/v3/auth/tokens")).withRequestBody(equalToJson(
                "{\"auth\": {\"identity\": {\"methods\": [\"token\"], \"token\": {\"id\": \"old-token\"}},"
                        + " \"scope\": {\"project\": {\"id\": \"p1\"}}}}")));
    }

    @Test
    void v2PasswordSendsTenantNameAsTheSeedDoes() {
        keystone.stubFor(post(urlEqualTo("/v2.0/tokens")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(KeystoneFixtures.v2Body("HPAuth10_a73d39f83b98359a7a0951f51a393aaeafdc00fcbcd31c300384917",
                        Instant.parse("2026-11-22T22:03:30.036Z"), "region-b.geo-1", "https://images.example:443"))));
        Token token = authenticator(new AuthMethod.V2Password("me@example.com", "Pa$$w0rd", "me@example.com", null),
                keystone.baseUrl() + "/v2.0").get();
        keystone.verify(postRequestedFor(urlEqualTo("/v2.0/tokens")).withRequestBody(equalToJson(
                "{\"auth\": {\"tenantName\": \"me@example.com\", \"passwordCredentials\": "
                        + "{\"username\": \"me@example.com\", \"password\": \"Pa$$w0rd\"}}}")));
        assertThat(token.value()).startsWith("HPAuth10_");
        assertThat(token.expiresAt()).contains(Instant.parse("2026-11-22T22:03:30.036Z"));
        assertThat(token.catalog().endpoint("image", Interface.PUBLIC, "region-b.geo-1"))
                .isEqualTo(URI.create("https://images.example:443"));
        assertThat(token.catalog().endpoint("image", Interface.INTERNAL, "region-b.geo-1"))
                .isEqualTo(URI.create("https://images.example:443/int"));
    }

    @Test
    void refusedPasswordIsUnauthorizedWithKeystonesMessage() {
        keystone.stubFor(post(urlEqualTo("/v3/auth/tokens")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"code\": 401, \"message\": \"The request you have made requires authentication.\", \"title\": \"Unauthorized\"}}")));
        assertThatThrownBy(() -> authenticator(AuthMethod.V3Password.of("demo", "wrong-pw", "Default", "demo"),
                keystone.baseUrl() + "/v3").get())
                .isInstanceOf(UnauthorizedException.class)
                .hasMessageContaining("requires authentication")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-pw"));
        keystone.verify(1, postRequestedFor(urlEqualTo("/v3/auth/tokens")));
    }

    @Test
    void catalogSelectsByRegionAndInterface() {
        stubV3();
        Token token = authenticator(AuthMethod.V3Password.of("demo", "pw", "Default", "demo"), keystone.baseUrl() + "/v3").get();
        assertThat(token.catalog().endpoint("image", Interface.PUBLIC, "RegionTwo")).isEqualTo(URI.create("http://region-two:9292"));
        assertThat(token.catalog().endpoint("image", Interface.INTERNAL, "RegionOne"))
                .isEqualTo(URI.create("http://127.0.0.1:9292/internal"));
        assertThat(token.catalog().endpoint("image", Interface.PUBLIC, null)).isEqualTo(URI.create("http://127.0.0.1:9292"));
    }

    @Test
    void wrongRegionIsAClearErrorListingTheRegionsFound() {
        stubV3();
        Token token = authenticator(AuthMethod.V3Password.of("demo", "pw", "Default", "demo"), keystone.baseUrl() + "/v3").get();
        assertThatThrownBy(() -> token.catalog().endpoint("image", Interface.PUBLIC, "RegionNine"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("RegionNine").hasMessageContaining("[RegionOne, RegionTwo]")
                .hasMessageContaining("OS_REGION_NAME");
        assertThatThrownBy(() -> token.catalog().endpoint("image", Interface.PUBLIC, "RegionNine", "clouds.c.region_name"))
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.setting()).isEqualTo("clouds.c.region_name"));
        assertThatThrownBy(() -> token.catalog().endpoint("image", Interface.ADMIN, "RegionTwo"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("interfaces found: [public]");
        assertThatThrownBy(() -> token.catalog().endpoint("volume", Interface.PUBLIC, null))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("[identity, image]");
    }

    @Test
    void v3MethodWithV2AuthUrlIsRefused() {
        assertThatThrownBy(() -> authenticator(AuthMethod.V3Password.of("d", "p", "Default", "d"), keystone.baseUrl() + "/v2.0"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("/v2.0");
    }
}
