package dev.imagesdk.fake;

import static dev.imagesdk.fake.Http.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A fake cloud with several regions: one Keystone, a catalog with each region's image endpoint, own images. */
class FakeRegionsTest {
    static FakeGlance cloud;

    @BeforeAll
    static void start() {
        cloud = FakeGlance.builder().regions("region-a", "region-b").start();
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    static List<String> imageEndpoints(JsonNode services, String regionField, String urlField) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : services) {
            if (s.get("type").asText().equals("image")) {
                for (JsonNode e : s.get("endpoints")) {
                    if (!e.has("interface") || e.get("interface").asText().equals("public")) {
                        out.add(e.get(regionField).asText() + "=" + e.get(urlField).asText());
                    }
                }
            }
        }
        return out;
    }

    @Test
    void theV3CatalogListsEveryRegionsOwnImageEndpoint() {
        HttpResponse<byte[]> r = new Http(cloud).send("POST", "/v3/auth/tokens",
                KeystoneAndVersionsTest.v3Auth("demo", "demo", "demo").getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json");

        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(imageEndpoints(tree(r).get("token").get("catalog"), "region_id", "url")).containsExactly(
                "region-a=" + cloud.url(), "region-b=" + cloud.region("region-b").url());
        assertThat(cloud.region("region-b").url()).isNotEqualTo(cloud.url());
    }

    @Test
    void theV2CatalogListsEveryRegionAndTenantsListTheCallersOwn() {
        Http http = new Http(cloud.region("region-b"));
        HttpResponse<byte[]> r = http.send("POST", "/v2.0/tokens",
                "{\"auth\": {\"passwordCredentials\": {\"username\": \"demo\", \"password\": \"demo\"}, \"tenantName\": \"demo\"}}"
                        .getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode access = tree(r).get("access");
        assertThat(imageEndpoints(access.get("serviceCatalog"), "region", "publicURL")).containsExactly(
                "region-a=" + cloud.url(), "region-b=" + cloud.region("region-b").url());
        HttpResponse<byte[]> tenants = new Http(cloud).get("/v2.0/tenants",
                "X-Auth-Token", access.get("token").get("id").asText());
        assertThat(tree(tenants).get("tenants").findValuesAsText("name")).containsExactly("demo");
    }

    @Test
    void aTokenFromOneRegionsKeystoneIsValidInEveryRegionButImagesAreEachRegionsOwn() {
        String token = cloud.issueToken("demo");
        cloud.region("region-b").seedImage("demo", Map.of("name", "only in b"), null);

        HttpResponse<byte[]> inB = new Http(cloud.region("region-b")).get("/v2/images", "X-Auth-Token", token);
        HttpResponse<byte[]> inA = new Http(cloud).get("/v2/images", "X-Auth-Token", token);

        assertThat(tree(inB).get("images").findValuesAsText("name")).containsExactly("only in b");
        assertThat(tree(inA).get("images")).isEmpty();
        assertThat(cloud.regions()).containsExactly("region-a", "region-b");
        assertThat(cloud.region("region-b").regionName()).isEqualTo("region-b");
        assertThatThrownBy(() -> cloud.region("region-c")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("region-a").hasMessageContaining("region-b");
    }
}
