package dev.imagesdk.fake;

import static dev.imagesdk.fake.Http.header;
import static dev.imagesdk.fake.Http.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagesdk.fake.junit.FakeGlanceExtension;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FakeGlanceExtension.class)
class KeystoneAndVersionsTest {
    private FakeGlance fake;
    private Http http;

    @BeforeEach
    void setUp(FakeGlance fake) {
        this.fake = fake;
        this.http = new Http(fake);
    }

    static String v3Auth(String user, String password, String project) {
        return "{\"auth\": {\"identity\": {\"methods\": [\"password\"], \"password\": {\"user\": {\"name\": \"" + user
                + "\", \"domain\": {\"name\": \"Default\"}, \"password\": \"" + password + "\"}}}, "
                + "\"scope\": {\"project\": {\"name\": \"" + project + "\", \"domain\": {\"name\": \"Default\"}}}}}";
    }

    @Test
    void rootIs300WithSixteenMinorVersionsAndVersionsIs200() {
        HttpResponse<byte[]> r = http.get("/", "Accept", "application/json");
        assertThat(r.statusCode()).isEqualTo(300);
        JsonNode v = tree(r).get("versions");
        assertThat(v).hasSize(17);
        assertThat(v.get(0).get("id").asText()).isEqualTo("v2.16");
        assertThat(v.get(0).get("status").asText()).isEqualTo("CURRENT");
        assertThat(v.get(16).get("id").asText()).isEqualTo("v2.0");
        assertThat(v.get(16).get("status").asText()).isEqualTo("SUPPORTED");
        assertThat(v.get(0).get("links").get(0).get("href").asText()).isEqualTo(fake.url() + "/v2/");
        assertThat(http.get("/versions").statusCode()).isEqualTo(200);
    }

    @Test
    void v1CanBeAdvertisedForDiscovery() {
        try (FakeGlance old = FakeGlance.builder().advertiseV1(true).start()) {
            JsonNode v = tree(new Http(old).get("/")).get("versions");
            assertThat(v).hasSize(19);
            assertThat(v.get(17).get("id").asText()).isEqualTo("v1.1");
            assertThat(v.get(17).get("status").asText()).isEqualTo("DEPRECATED");
            assertThat(v.get(18).get("links").get(0).get("href").asText()).isEqualTo(old.url() + "/v1/");
        }
    }

    @Test
    void v3PasswordAuthIssuesTokenWithCatalogPointingAtTheFake() {
        HttpResponse<byte[]> r = http.json("POST", "/v3/auth/tokens", v3Auth("demo", "demo", "demo"));
        assertThat(r.statusCode()).isEqualTo(201);
        String token = header(r, "X-Subject-Token");
        assertThat(token).startsWith("gAAAAA");
        assertThat(header(r, "Vary")).isEqualTo("X-Auth-Token");
        JsonNode t = tree(r).get("token");
        assertThat(t.get("project").get("id").asText()).isEqualTo(fake.projectId("demo"));
        assertThat(t.get("user").get("name").asText()).isEqualTo("demo");
        assertThat(t.get("expires_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        String imageUrl = null;
        for (JsonNode s : t.get("catalog")) {
            if (s.get("type").asText().equals("image")) {
                for (JsonNode e : s.get("endpoints")) {
                    if (e.get("interface").asText().equals("public")) imageUrl = e.get("url").asText();
                }
            }
        }
        assertThat(imageUrl).isEqualTo(fake.url().toString());
        assertThat(http.withToken(token).get("/v2/images").statusCode()).isEqualTo(200);
    }

    @Test
    void applicationCredentialsAuthenticate() {
        String id = fake.addApplicationCredential("demo", "ci", "s3cret");
        HttpResponse<byte[]> r = http.json("POST", "/v3/auth/tokens", "{\"auth\": {\"identity\": {\"methods\": "
                + "[\"application_credential\"], \"application_credential\": {\"id\": \"" + id
                + "\", \"secret\": \"s3cret\"}}}}");
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(tree(r).get("token").get("project").get("name").asText()).isEqualTo("demo");
        assertThat(http.json("POST", "/v3/auth/tokens", "{\"auth\": {\"identity\": {\"methods\": "
                + "[\"application_credential\"], \"application_credential\": {\"name\": \"ci\", "
                + "\"user\": {\"name\": \"demo\"}, \"secret\": \"wrong\"}}}}").statusCode()).isEqualTo(401);
    }

    @Test
    void wrongPasswordOrForeignProjectIs401() {
        assertThat(http.json("POST", "/v3/auth/tokens", v3Auth("demo", "nope", "demo")).statusCode()).isEqualTo(401);
        assertThat(http.json("POST", "/v3/auth/tokens", v3Auth("demo", "demo", "admin")).statusCode()).isEqualTo(401);
        assertThat(http.json("POST", "/v3/auth/tokens", "{\"auth\": ").statusCode()).isEqualTo(400);
    }

    @Test
    void v3TokenValidationAnswersLikeKeystone() {
        String admin = fake.issueToken("admin");
        String demo = fake.issueToken("demo");
        HttpResponse<byte[]> ok = http.withToken(admin).get("/v3/auth/tokens", "X-Subject-Token", demo);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(tree(ok).get("token").get("user").get("name").asText()).isEqualTo("demo");
        assertThat(http.withToken(admin).get("/v3/auth/tokens", "X-Subject-Token", "bogus").statusCode()).isEqualTo(404);
    }

    @Test
    void projectsAreReadableByTheirMembersAndAdminsOnly() {
        String demoId = fake.projectId("demo");
        String altId = fake.projectId("alt_demo");
        Http demo = http.withToken(fake.issueToken("demo"));
        HttpResponse<byte[]> own = demo.get("/v3/projects/" + demoId);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(tree(own).get("project").get("name").asText()).isEqualTo("demo");
        // 403, not 404: OSC's project lookup then uses the given value as the id, as with Keystone.
        assertThat(demo.get("/v3/projects/" + altId).statusCode()).isEqualTo(403);
        assertThat(demo.get("/v3/projects?name=alt_demo").statusCode()).isEqualTo(403);
        Http admin = http.withToken(fake.issueToken("admin"));
        HttpResponse<byte[]> byName = admin.get("/v3/projects?name=alt_demo");
        assertThat(byName.statusCode()).isEqualTo(200);
        assertThat(tree(byName).get("projects").get(0).get("id").asText()).isEqualTo(altId);
        assertThat(tree(byName).get("projects").size()).isEqualTo(1);
        assertThat(admin.get("/v3/projects/nosuch").statusCode()).isEqualTo(404);
        assertThat(http.get("/v3/projects/" + demoId).statusCode()).isEqualTo(401);
    }

    @Test
    void v2TokensIssueAccessWithServiceCatalog() {
        HttpResponse<byte[]> r = http.json("POST", "/v2.0/tokens", "{\"auth\": {\"passwordCredentials\": "
                + "{\"username\": \"alt_demo\", \"password\": \"alt_demo\"}, \"tenantName\": \"alt_demo\"}}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode access = tree(r).get("access");
        String token = access.get("token").get("id").asText();
        assertThat(access.get("token").get("tenant").get("id").asText()).isEqualTo(fake.projectId("alt_demo"));
        assertThat(access.get("serviceCatalog").get(0).get("type").asText()).isEqualTo("image");
        assertThat(access.get("serviceCatalog").get(0).get("endpoints").get(0).get("publicURL").asText())
                .isEqualTo(fake.url().toString());
        assertThat(http.withToken(token).get("/v2/images").statusCode()).isEqualTo(200);
        assertThat(http.json("POST", "/v2.0/tokens", "{\"auth\": {\"passwordCredentials\": "
                + "{\"username\": \"alt_demo\", \"password\": \"x\"}}}").statusCode()).isEqualTo(401);
    }

    @Test
    void tokensExpireOnTheFakeClock() {
        String token = fake.issueToken("demo");
        assertThat(http.withToken(token).get("/v2/images").statusCode()).isEqualTo(200);
        fake.advanceClock(Duration.ofHours(25));
        assertThat(http.withToken(token).get("/v2/images").statusCode()).isEqualTo(401);
    }

    @Test
    void revokedTokensAre401() {
        String token = fake.issueToken("demo");
        fake.revokeTokens();
        assertThat(http.withToken(token).get("/v2/images").statusCode()).isEqualTo(401);
    }
}
