package dev.imagesdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.exception.ConflictException;
import dev.imagesdk.internal.http.CallSpec;
import dev.imagesdk.internal.http.ClientContext;
import dev.imagesdk.testsupport.CapturingProvider;
import dev.imagesdk.testsupport.KeystoneFixtures;
import dev.imagesdk.testsupport.RecordingSleeper;
import dev.imagesdk.testsupport.WireMocks;
import feign.Headers;
import feign.Param;
import feign.RequestLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Captures everything the SDK logs (DEBUG) during auth + calls and looks for secrets in it. */
class WireLogRedactionTest {

    interface ImagesApi {
        @RequestLine("GET /v2/images?limit=5&temp_url_token={marker}")
        @Headers({"X-Auth-Token: {token}", "Accept: application/json"})
        JsonNode list(@Param("token") String token, @Param("marker") String marker);

        @RequestLine("GET /v2/images/{id}")
        @Headers({"X-Auth-Token: {token}", "Accept: application/json"})
        JsonNode get(@Param("token") String token, @Param("id") String id);
    }

    private static final String PASSWORD = "Pa55-word-never-logged";
    private static final String SECRET = "app-cred-secret-never-logged";

    private WireMockServer server;
    private PrintStream originalErr;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() {
        server = WireMocks.started();
        String glance = server.baseUrl() + "/image";
        server.stubFor(post(urlEqualTo("/identity/v3/auth/tokens")).inScenario("t").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(tokenResponse(KeystoneFixtures.TOKEN_1, glance)).willSetStateTo("second"));
        server.stubFor(post(urlEqualTo("/identity/v3/auth/tokens")).inScenario("t").whenScenarioStateIs("second")
                .willReturn(tokenResponse(KeystoneFixtures.TOKEN_2, glance)));
        server.stubFor(get(urlEqualTo("/image/")).willReturn(aResponse().withStatus(300)
                .withHeader("Content-Type", "application/json").withBody(KeystoneFixtures.versionsBody(glance))));
        // The first token is refused once (expiry), so the log also covers a re-authentication.
        server.stubFor(get(urlPathEqualTo("/image/v2/images")).withHeader("X-Auth-Token", equalTo(KeystoneFixtures.TOKEN_1))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\": \"This server could not verify that you are authorized\"}")));
        server.stubFor(get(urlPathEqualTo("/image/v2/images")).withHeader("X-Auth-Token", equalTo(KeystoneFixtures.TOKEN_2))
                .willReturn(okJson("{\"images\": []}").withHeader("X-Openstack-Request-Id", "req-list-1")));
        server.stubFor(get(urlEqualTo("/image/v2/images/abc")).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "text/plain").withHeader("X-Openstack-Request-Id", "req-conflict")
                .withBody("409 Conflict\n\nsomething conflicted\n")));
        originalErr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder tokenResponse(String token, String glance) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withHeader("X-Subject-Token", token)
                .withBody(KeystoneFixtures.v3Body(Instant.now().plusSeconds(3600), glance, glance));
    }

    @AfterEach
    void tearDown() {
        System.setErr(originalErr);
        server.stop();
    }

    private String runAndCapture(AuthMethod auth) {
        CapturingProvider v2 = new CapturingProvider(ApiVersion.V2);
        ClientConfig config = ClientConfig.builder().authUrl(server.baseUrl() + "/identity/v3").auth(auth).build();
        new ImageServiceBuilder().config(config).sleeper(new RecordingSleeper()).providers(List.of(v2)).build();
        ClientContext ctx = v2.context();
        ImagesApi api = ctx.feign(ImagesApi.class);
        ctx.callExecutor().execute(CallSpec.idempotent("images.list", "GET"),
                token -> api.list(token, KeystoneFixtures.TOKEN_1)); // a token in a secret-named query parameter
        assertThatThrownBy(() -> ctx.callExecutor().execute(CallSpec.idempotent("images.get", "GET"),
                token -> api.get(token, "abc"))).isInstanceOf(ConflictException.class)
                .satisfies(e -> {
                    System.err.println(e);
                    System.err.println(ctx.tokenProvider().orElseThrow());
                    System.err.println(ctx.tokenProvider().orElseThrow().token());
                    System.err.println(config);
                });
        System.err.flush();
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static void assertNoSecrets(String log) {
        assertThat(log).doesNotContain(PASSWORD).doesNotContain(SECRET)
                .doesNotContain(KeystoneFixtures.TOKEN_1).doesNotContain(KeystoneFixtures.TOKEN_2);
    }

    @Test
    void passwordAuthAndCallsLogNoTokenOrPassword() {
        String log = runAndCapture(AuthMethod.V3Password.of("demo", PASSWORD, "Default", "demo"));
        // The log is really there: request and response lines of Keystone and Glance.
        assertThat(log).contains("--> POST " + server.baseUrl() + "/identity/v3/auth/tokens")
                .contains("<-- 201 POST").contains("<-- 401 GET").contains("<-- 200 GET")
                .contains("request id req-list-1").contains("temp_url_token=***").contains("<-- 409 GET").contains("req-conflict");
        assertNoSecrets(log);
    }

    @Test
    void applicationCredentialAuthAndCallsLogNoSecret() {
        String log = runAndCapture(new AuthMethod.V3ApplicationCredential("ac-id", SECRET));
        assertThat(log).contains("--> POST").contains("<-- 200 GET");
        assertNoSecrets(log);
    }
}
