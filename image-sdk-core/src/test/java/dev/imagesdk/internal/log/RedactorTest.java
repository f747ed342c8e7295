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
    void keepsListParametersThatAreNoSecretsAndMasksTheTokenBesideThem() {
        assertThat(Redactor.url("http://h/v1/images/detail?sort_key=name&sort_dir=asc&x-auth-token=gAAAA-secret"))
                .isEqualTo("http://h/v1/images/detail?sort_key=name&sort_dir=asc&x-auth-token=***");
        assertThat(Redactor.url("http://h/v2/images?sort_key=created_at&key=value&marker=m"))
                .isEqualTo("http://h/v2/images?sort_key=created_at&key=value&marker=m");
        assertThat(Redactor.url("http://h/x?application_credential_secret=s&passwd=p&temp_url_signature=g"))
                .isEqualTo("http://h/x?application_credential_secret=***&passwd=***&temp_url_signature=***");
    }

    @Test
    void aMessageKeepsTheWordsAfterAUrlWithASecretQueryValue() {
        assertThat(Redactor.url("Could not reach the image service: GET http://h/v2/images?auth_token=abc (list "
                + "images): connection refused")).isEqualTo("Could not reach the image service: GET "
                + "http://h/v2/images?auth_token=*** (list images): connection refused");
    }

    @Test
    void masksSecretHeaders() {
        assertThat(Redactor.headerValue("X-Auth-Token", "t")).isEqualTo("***");
        assertThat(Redactor.headerValue("x-subject-token", "t")).isEqualTo("***");
        assertThat(Redactor.headerValue("Content-Type", "application/json")).isEqualTo("application/json");
    }
}
