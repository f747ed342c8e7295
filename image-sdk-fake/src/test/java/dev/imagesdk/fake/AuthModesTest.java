package dev.imagesdk.fake;

import static dev.imagesdk.fake.Http.header;
import static dev.imagesdk.fake.Http.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class AuthModesTest {
    @Test
    void noAuthNeedsNoTokenAndEveryoneIsAdminWithoutProject() {
        try (FakeGlance fake = FakeGlance.builder().auth(AuthMode.NONE).start()) {
            Http h = new Http(fake);
            var r = h.json("POST", "/v2/images", "{\"name\": \"n\", \"visibility\": \"public\"}");
            assertThat(r.statusCode()).isEqualTo(201);
            JsonNode img = tree(r);
            assertThat(img.get("owner").isNull()).isTrue();
            assertThat(tree(h.get("/v2/images")).get("images")).hasSize(1);
        }
    }

    @Test
    void externalKeystoneValidatesTokensWithServiceCredentials() {
        try (FakeGlance keystone = FakeGlance.builder().user(new FakeUser("glance", "secret", "service", true))
                .user(new FakeUser("bob", "pw", "bobs", false)).start();
                FakeGlance glance = FakeGlance.builder().auth(AuthMode.EXTERNAL)
                        .externalKeystone(keystone.keystoneUrl().toString(), new FakeUser("glance", "secret", "service", false))
                        .start()) {
            String token = keystone.issueToken("bob");
            Http h = new Http(glance).withToken(token);
            var r = h.json("POST", "/v2/images", "{\"name\": \"ext\"}");
            assertThat(r.statusCode()).isEqualTo(201);
            assertThat(tree(r).get("owner").asText()).isEqualTo(keystone.projectId("bobs"));
            var bad = new Http(glance).withToken("nope").get("/v2/images");
            assertThat(bad.statusCode()).isEqualTo(401);
            assertThat(header(bad, "WWW-Authenticate")).isEqualTo("Keystone uri=\"" + keystone.url() + "\"");
            // the validation went through the external Keystone with a service token
            assertThat(keystone.requests()).anyMatch(q -> q.method().equals("GET") && q.path().equals("/v3/auth/tokens"));
        }
    }

    @Test
    void customUsersReplaceTheDefaults() {
        try (FakeGlance fake = FakeGlance.builder().user(FakeUser.parse("carol:pw:lab:admin")).start()) {
            assertThat(new Http(fake).as("carol").get("/v2/info/stores/detail").statusCode()).isEqualTo(200);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> fake.issueToken("demo"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void userSpecsAreValidatedAndPasswordsNotPrinted() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FakeUser.parse("x:y"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(FakeUser.parse("u:hunter2:p").toString()).doesNotContain("hunter2");
    }
}
