package dev.imagesdk.internal.log;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTest {

    @Test
    void masksSecretQueryParametersAndUserInfo() {
        assertThat(Redactor.url("http://user:pw@glance:9292/v2/images?limit=2&auth_token=abc&marker=m"))
                .isEqualTo("http://***@glance:9292/v2/images?limit=2&auth_token=***&marker=m");
        assertThat(Redactor.url("https://h/x?password=p&Secret=s#frag")).isEqualTo("https://h/x?password=***&Secret=***#frag");
        assertThat(Redactor.url("http://h/v2/images?name=token-image")).isEqualTo("http://h/v2/images?name=token-image");
        assertThat(Redactor.url(null)).isNull();
    }

    @Test
    void masksSecretHeaders() {
        assertThat(Redactor.headerValue("X-Auth-Token", "t")).isEqualTo("***");
        assertThat(Redactor.headerValue("x-subject-token", "t")).isEqualTo("***");
        assertThat(Redactor.headerValue("Content-Type", "application/json")).isEqualTo("application/json");
    }
}
