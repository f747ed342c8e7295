package dev.imagesdk.internal.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UserAgentTest {

    @Test
    void versionComesFromTheResourceTheBuildWrote() {
        // target/classes holds the filtered version.properties: the project version, never the placeholder
        assertThat(UserAgent.version()).isNotEqualTo("dev").doesNotContain("${")
                .matches("\\d+\\.\\d+\\.\\d+([.-][A-Za-z0-9.-]+)?");
        assertThat(UserAgent.value()).isEqualTo("image-sdk/" + UserAgent.version());
    }
}
