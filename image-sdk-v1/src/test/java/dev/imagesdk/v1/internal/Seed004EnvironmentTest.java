package dev.imagesdk.v1.internal;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.imagesdk.ImageService;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageQuery;
import dev.imagesdk.testsupport.KeystoneFixtures;
import dev.imagesdk.v1.ImageServiceV1;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 004's set-up end to end: the {@code .glancerc} variables (Keystone v2.0 password auth with a tenant
 * name, a region, {@code OS_IMAGE_URL}), the token request of its "Acquiring a token (curl)" step, and its
 * first image call listing with that token, all through {@code ImageService.builder().fromEnvironment()}-style
 * configuration and the v1 provider.
 */
class Seed004EnvironmentTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    @Test
    void glancercCredentialsTokenAndListImages() {
        wm.stubFor(post(urlEqualTo("/v2.0/tokens")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(KeystoneFixtures.v2Body(Seed004WireTest.TOKEN, Instant.now().plus(12, ChronoUnit.HOURS),
                        "region-b.geo-1", wm.baseUrl()))));
        wm.stubFor(get(urlEqualTo("/v1/images?limit=25")).willReturn(aResponse().withBody(V1JsonTest.SEED_LIST_RESPONSE)));
        wm.stubFor(get(urlEqualTo("/v1/images?limit=200&marker=fcc0edba-6f1b-4451-a4cc-7c63f20430b5"))
                .willReturn(aResponse().withBody("{\"images\": []}")));

        Map<String, String> glancerc = Map.of(
                "OS_USERNAME", "me@example.com",
                "OS_TENANT_NAME", "me@example.com",
                "OS_PASSWORD", "Pa$$w0rd",
                "OS_AUTH_URL", wm.baseUrl() + "/v2.0",
                "OS_AUTH_STRATEGY", "keystone",
                "OS_REGION_NAME", "region-b.geo-1",
                "OS_IMAGE_URL", wm.baseUrl(),
                "OS_IMAGE_API_VERSION", "1");

        List<Image> listed;
        try (ImageService service = ImageService.builder()
                .config(ClientConfig.fromEnvironment(glancerc, List.of())).build()) {
            assertThat(service).isInstanceOf(ImageServiceV1.class);
            listed = ((ImageServiceV1) service).listSummaries(ImageQuery.all()).stream().collect(Collectors.toList());
        }

        assertThat(listed).hasSize(2);
        wm.verify(postRequestedFor(urlEqualTo("/v2.0/tokens")).withRequestBody(equalToJson(
                "{\"auth\": {\"tenantName\": \"me@example.com\", \"passwordCredentials\": "
                        + "{\"username\": \"me@example.com\", \"password\": \"Pa$$w0rd\"}}}")));
        wm.verify(getRequestedFor(urlEqualTo("/v1/images?limit=25")).withHeader("X-Auth-Token", equalTo(Seed004WireTest.TOKEN)));
    }
}
