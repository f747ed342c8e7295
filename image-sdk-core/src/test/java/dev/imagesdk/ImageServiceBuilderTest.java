package dev.imagesdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.config.Interface;
import dev.imagesdk.exception.ConfigurationException;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.exception.UnauthorizedException;
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

import java.net.URI;
import java.time.Instant;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The whole build: auth, catalog, version discovery, provider, against one WireMock (Keystone + Glance). */
class ImageServiceBuilderTest {

    interface ImagesApi {
        @RequestLine("GET /v2/images")
        @Headers({"X-Auth-Token: {token}", "Accept: application/json"})
        JsonNode list(@Param("token") String token);
    }

    private WireMockServer server;
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final CapturingProvider v2 = new CapturingProvider(ApiVersion.V2);
    private final CapturingProvider v1 = new CapturingProvider(ApiVersion.V1);

    @BeforeEach
    void setUp() {
        server = WireMocks.started();
        String glance = server.baseUrl() + "/image";
        server.stubFor(post(urlEqualTo("/identity/v3/auth/tokens")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withHeader("X-Subject-Token", KeystoneFixtures.TOKEN_1)
                .withBody(KeystoneFixtures.v3Body(Instant.now().plusSeconds(3600), glance, server.baseUrl() + "/image2"))));
        server.stubFor(get(urlEqualTo("/image/")).willReturn(aResponse().withStatus(300)
                .withHeader("Content-Type", "application/json").withBody(KeystoneFixtures.versionsBody(glance))));
        server.stubFor(get(urlEqualTo("/image2/")).willReturn(aResponse().withStatus(300)
                .withHeader("Content-Type", "application/json").withBody(KeystoneFixtures.versionsBody(glance))));
    }

    @AfterEach
    void tearDown() {
        server.stop();
    }

    private ClientConfig.Builder v3Config() {
        return ClientConfig.builder().authUrl(server.baseUrl() + "/identity/v3")
                .auth(AuthMethod.V3Password.of("demo", "pw-secret", "Default", "demo"));
    }

    private ImageServiceBuilder builder(ClientConfig config, CapturingProvider... providers) {
        return new ImageServiceBuilder().config(config).sleeper(sleeper).providers(List.of(providers));
    }

    @Test
    void authenticatesFindsTheCatalogEndpointAndDiscoversV2() {
        ImageService service = builder(v3Config().build(), v1, v2).build();
        assertThat(service.toString()).isEqualTo("stub V2");
        ClientContext ctx = v2.context();
        assertThat(ctx.imageEndpoint()).isEqualTo(URI.create(server.baseUrl() + "/image"));
        assertThat(ctx.apiVersion()).isEqualTo(ApiVersion.V2);
        assertThat(ctx.versionId()).contains("v2.16");
        assertThat(ctx.userAgent()).startsWith("image-sdk/");
        assertThat(ctx.tokenProvider()).isPresent();
        server.verify(1, postRequestedFor(urlEqualTo("/identity/v3/auth/tokens")));
        server.verify(1, getRequestedFor(urlEqualTo("/image/")));
    }

    @Test
    void contextCarriesTheTokenIntoFeignCalls() {
        server.stubFor(get(urlEqualTo("/image/v2/images")).willReturn(okJson("{\"images\": []}")));
        builder(v3Config().build(), v2).build();
        ClientContext ctx = v2.context();
        ImagesApi api = ctx.feign(ImagesApi.class);
        JsonNode list = ctx.callExecutor().execute(CallSpec.idempotent("images.list", "GET"), api::list);
        assertThat(list.path("images").isArray()).isTrue();
        server.verify(getRequestedFor(urlEqualTo("/image/v2/images")).withHeader("X-Auth-Token", equalTo(KeystoneFixtures.TOKEN_1)));
    }

    @Test
    void regionAndInterfaceSelectTheEndpoint() {
        builder(v3Config().regionName("RegionTwo").build(), v2).build();
        assertThat(v2.context().imageEndpoint()).isEqualTo(URI.create(server.baseUrl() + "/image2"));
        assertThatThrownBy(() -> builder(v3Config().regionName("RegionNine").build(), v2).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("[RegionOne, RegionTwo]");
        assertThatThrownBy(() -> builder(v3Config().endpointInterface(Interface.ADMIN).build(), v2).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("admin");
    }

    @Test
    void keystoneV2TenantNameFlowAsInTheSeed() {
        String glance = server.baseUrl() + "/image";
        server.stubFor(post(urlEqualTo("/identity/v2.0/tokens")).willReturn(okJson(KeystoneFixtures.v2Body(
                "HPAuth10_abc", Instant.now().plusSeconds(3600), "region-b.geo-1", glance))));
        ClientConfig config = ClientConfig.builder().authUrl(server.baseUrl() + "/identity/v2.0")
                .auth(new AuthMethod.V2Password("me@example.com", "Pa$$w0rd", "me@example.com", null))
                .regionName("region-b.geo-1").build();
        builder(config, v1).build();
        ClientContext ctx = v1.context();
        assertThat(ctx.imageEndpoint()).isEqualTo(URI.create(glance));
        assertThat(ctx.apiVersion()).isEqualTo(ApiVersion.V1);
        assertThat(ctx.tokenProvider().orElseThrow().token().value()).isEqualTo("HPAuth10_abc");
        server.verify(1, postRequestedFor(urlEqualTo("/identity/v2.0/tokens")));
    }

    @Test
    void onlyAV1ImplementationChoosesV1() {
        builder(v3Config().build(), v1).build();
        assertThat(v1.context().apiVersion()).isEqualTo(ApiVersion.V1);
        assertThat(v1.context().versionId()).contains("v1.1");
    }

    @Test
    void pinnedVersionSkipsDiscovery() {
        builder(v3Config().apiVersion(ApiVersion.V1).build(), v1, v2).build();
        assertThat(v1.context().apiVersion()).isEqualTo(ApiVersion.V1);
        builder(v3Config().build(), v1, v2).apiVersion(ApiVersion.V2).build();
        assertThat(v2.context().apiVersion()).isEqualTo(ApiVersion.V2);
        server.verify(0, getRequestedFor(urlPathEqualTo("/image/")));
    }

    @Test
    void catalogEndpointEndingInV2NeedsNoDiscovery() {
        server.stubFor(post(urlEqualTo("/identity/v3/auth/tokens")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withHeader("X-Subject-Token", KeystoneFixtures.TOKEN_1)
                .withBody(KeystoneFixtures.v3Body(Instant.now().plusSeconds(3600), server.baseUrl() + "/image/v2",
                        server.baseUrl() + "/image2"))));
        builder(v3Config().build(), v1, v2).build();
        assertThat(v2.context().apiVersion()).isEqualTo(ApiVersion.V2);
        assertThat(v2.context().imageEndpoint()).isEqualTo(URI.create(server.baseUrl() + "/image"));
        assertThat(v2.context().versionId()).isEmpty();
        server.verify(1, postRequestedFor(urlEqualTo("/identity/v3/auth/tokens")));
        server.verify(0, getRequestedFor(urlPathEqualTo("/image/")));
        server.verify(0, getRequestedFor(urlPathEqualTo("/image/v2/")));
        server.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void explicitEndpointEndingInV1OrV2NamesTheVersionAndSendsNothingAtBuild() {
        builder(v3Config().imageEndpoint(server.baseUrl() + "/image/v1").build(), v1, v2).build();
        assertThat(v1.context().apiVersion()).isEqualTo(ApiVersion.V1);
        builder(ClientConfig.builder().auth(new AuthMethod.NoAuth()).imageEndpoint(server.baseUrl() + "/image/v2.1/")
                .build(), v1, v2).build();
        assertThat(v2.context().apiVersion()).isEqualTo(ApiVersion.V2);
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void endpointNamingAVersionWithoutItsModuleIsDiscovered() {
        builder(ClientConfig.builder().auth(new AuthMethod.NoAuth()).imageEndpoint(server.baseUrl() + "/image/v1")
                .build(), v2).build();
        assertThat(v2.context().apiVersion()).isEqualTo(ApiVersion.V2);
        server.verify(1, getRequestedFor(urlEqualTo("/image/")));
    }

    @Test
    void endpointWithoutAVersionIsDiscoveredExactlyOnce() {
        builder(ClientConfig.builder().auth(new AuthMethod.NoAuth()).imageEndpoint(server.baseUrl() + "/image")
                .build(), v1, v2).build();
        assertThat(v2.context().apiVersion()).isEqualTo(ApiVersion.V2);
        assertThat(v2.context().versionId()).contains("v2.16");
        server.verify(1, getRequestedFor(urlEqualTo("/image/")));
        server.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void explicitEndpointWithoutVersionIsDiscoveredWhileTheFirstTokenIsObtained() {
        builder(v3Config().imageEndpoint(server.baseUrl() + "/image").build(), v1, v2).build();
        assertThat(v2.context().apiVersion()).isEqualTo(ApiVersion.V2);
        server.verify(1, getRequestedFor(urlEqualTo("/image/")));
        server.verify(1, postRequestedFor(urlEqualTo("/identity/v3/auth/tokens")));
        // the token obtained during discovery is the one the first call uses
        assertThat(v2.context().tokenProvider().orElseThrow().token().value()).isEqualTo(KeystoneFixtures.TOKEN_1);
        server.verify(1, postRequestedFor(urlEqualTo("/identity/v3/auth/tokens")));
    }

    @Test
    void explicitEndpointWithVersionSuffixIsReducedToItsRoot() {
        builder(v3Config().imageEndpoint(server.baseUrl() + "/image/v2/").build(), v2).build();
        assertThat(v2.context().imageEndpoint()).isEqualTo(URI.create(server.baseUrl() + "/image"));
        // the token is obtained lazily when the endpoint is given
        server.verify(0, postRequestedFor(urlEqualTo("/identity/v3/auth/tokens")));
    }

    @Test
    void staticTokenAndNoAuthNeverCallKeystone() {
        builder(ClientConfig.builder().auth(new AuthMethod.StaticToken("static-tok"))
                .imageEndpoint(server.baseUrl() + "/image").build(), v2).build();
        assertThat(v2.context().tokenProvider().orElseThrow().token().value()).isEqualTo("static-tok");
        builder(ClientConfig.builder().auth(new AuthMethod.NoAuth()).imageEndpoint(server.baseUrl() + "/image").build(), v2).build();
        assertThat(v2.context().tokenProvider()).isEmpty();
        server.verify(0, postRequestedFor(anyUrl()));
        server.verify(2, anyRequestedFor(anyUrl())); // the two discoveries only
    }

    @Test
    void missingImplementationNamesTheModuleToAdd() {
        assertThatThrownBy(() -> builder(v3Config().build()).build())
                .isInstanceOf(ImageSdkClientException.class).hasMessageContaining("image-sdk-v2");
        assertThatThrownBy(() -> builder(v3Config().apiVersion(ApiVersion.V1).build(), v2).build())
                .isInstanceOf(ImageSdkClientException.class).hasMessageContaining("image-sdk-v1");
    }

    @Test
    void refusedCredentialsFailTheBuild() {
        server.stubFor(post(urlEqualTo("/identity/v3/auth/tokens")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"code\": 401, \"message\": \"The request you have made requires authentication.\"}}")));
        assertThatThrownBy(() -> builder(v3Config().build(), v2).build())
                .isInstanceOf(UnauthorizedException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("pw-secret"));
    }

    @Test
    void buildWithoutConfigIsRefused() {
        assertThatThrownBy(() -> new ImageServiceBuilder().build()).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("config");
    }

    @Test
    void serviceLoaderFindsNoProviderInCore() {
        assertThatThrownBy(() -> new ImageServiceBuilder().config(v3Config().build()).build())
                .isInstanceOf(ImageSdkClientException.class).hasMessageContaining("image-sdk-v2");
    }
}
