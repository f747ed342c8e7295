package dev.imagesdk.config;

import dev.imagesdk.auth.AuthMethod;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientConfigSettingsTest {

    private static ClientConfig.Builder minimal() {
        return ClientConfig.builder().auth(new AuthMethod.StaticToken("t")).imageEndpoint("http://127.0.0.1:9292");
    }

    @Test
    void corruptUploadsAreDeletedByDefault() {
        assertThat(minimal().build().deleteImageOnChecksumMismatch()).isTrue();
    }

    @Test
    void keepingCorruptUploadsIsKeptByToBuilderAndShown() {
        ClientConfig keeping = minimal().deleteImageOnChecksumMismatch(false).build();
        assertThat(keeping.deleteImageOnChecksumMismatch()).isFalse();
        assertThat(keeping.toBuilder().build().deleteImageOnChecksumMismatch()).isFalse();
        assertThat(keeping.toString()).contains("deleteImageOnChecksumMismatch=false");
    }
}
