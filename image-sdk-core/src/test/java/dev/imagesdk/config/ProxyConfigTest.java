package dev.imagesdk.config;

import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.exception.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Proxy URLs as users and {@code https_proxy} write them: parsed, refused with the field named, never shown with a password. */
class ProxyConfigTest {

    @Test
    void parsesUserPasswordHostAndPortPercentDecoded() {
        ProxyConfig p = ProxyConfig.of("http://ci%40corp:p%3Ass+w%2Fd@proxy.corp.example:3128/");

        assertThat(p.host()).isEqualTo("proxy.corp.example");
        assertThat(p.port()).isEqualTo(3128);
        assertThat(p.username()).contains("ci@corp");
        assertThat(p.password()).contains("p:ss+w/d");
        assertThat(p).hasToString("http://ci@corp:***@proxy.corp.example:3128");
    }

    @Test
    void withoutCredentialsOrPortTheDefaultsApply() {
        ProxyConfig p = ProxyConfig.of("http://proxy.example");

        assertThat(p.port()).isEqualTo(80);
        assertThat(p.username()).isEmpty();
        assertThat(p.password()).isEmpty();
        assertThat(p).hasToString("http://proxy.example:80");
    }

    @Test
    void refusedUrlsNameTheFieldAndMaskThePassword() {
        for (String bad : new String[] {"https://u:hunter2@proxy:3128", "socks5://u:hunter2@proxy:1080",
                "http://u:hunter2@proxy:3128/path", "http://u:hunter2@proxy:3128?x=1", "http://u:hunter2@"}) {
            InvalidInputException e = catchThrowableOfType(() -> ProxyConfig.of(bad), InvalidInputException.class);
            assertThat(e).as(bad).isNotNull();
            assertThat(e.field()).isEqualTo("proxy");
            assertThat(e.getMessage()).as(bad).doesNotContain("hunter2");
        }
        InvalidInputException control = catchThrowableOfType(
                () -> ProxyConfig.of("http://u:a%0D%0Ab@proxy:3128"), InvalidInputException.class);
        assertThat(control.getMessage()).contains("control character").doesNotContain("a\r\nb");
    }

    @Test
    void fromEnvironmentReadsTheSchemesVariableLowerCaseFirst() {
        Map<String, String> env = Map.of("https_proxy", "http://low:pw@low.example:1", "HTTPS_PROXY",
                "http://up.example:2", "HTTP_PROXY", "http://plain.example:3");

        assertThat(ProxyConfig.fromEnvironment(env, "https")).map(ProxyConfig::host).contains("low.example");
        assertThat(ProxyConfig.fromEnvironment(Map.of("HTTPS_PROXY", "http://up.example:2"), "https"))
                .map(ProxyConfig::port).contains(2);
        assertThat(ProxyConfig.fromEnvironment(env, "http")).map(ProxyConfig::host).contains("plain.example");
        assertThat(ProxyConfig.fromEnvironment(Map.of("https_proxy", " "), "https")).isEmpty();
    }

    @Test
    void clientConfigShowsTheProxyWithoutItsPasswordAndKeepsItInCopies() {
        ClientConfig c = ClientConfig.builder().auth(new AuthMethod.NoAuth()).imageEndpoint("http://glance:9292")
                .proxy("http://me:hunter2@proxy:3128").applicationName("tool/1.0").build();

        assertThat(c.toString()).contains("proxy=http://me:***@proxy:3128").contains("applicationName=tool/1.0")
                .doesNotContain("hunter2");
        assertThat(c.toBuilder().build().proxy()).contains(c.proxy().orElseThrow());
        assertThat(c.toBuilder().build().applicationName()).contains("tool/1.0");
    }
}
