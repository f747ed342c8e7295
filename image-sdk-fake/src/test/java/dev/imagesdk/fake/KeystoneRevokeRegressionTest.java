package dev.imagesdk.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesdk.fake.junit.FakeGlanceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Found by {@link RequestParsingFuzzTest} (seed 50001): a token DELETE without X-Subject-Token crashed the handler (500). */
@ExtendWith(FakeGlanceExtension.class)
class KeystoneRevokeRegressionTest {

    @Test
    void revokeWithoutSubjectTokenIs404NotA500(FakeGlance fake) {
        Http demo = new Http(fake).withToken(fake.issueToken("demo"));
        assertThat(demo.send("DELETE", "/v3/auth/tokens", null).statusCode()).isEqualTo(404);
    }

    @Test
    void revokeTwiceIs204Then404(FakeGlance fake) {
        String token = fake.issueToken("demo");
        Http demo = new Http(fake).withToken(token);
        assertThat(demo.send("DELETE", "/v3/auth/tokens", null, "X-Subject-Token", token).statusCode()).isEqualTo(204);
        assertThat(demo.send("DELETE", "/v3/auth/tokens", null, "X-Subject-Token", token).statusCode()).isEqualTo(404);
    }
}
