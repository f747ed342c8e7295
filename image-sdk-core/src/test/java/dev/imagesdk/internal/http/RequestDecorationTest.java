package dev.imagesdk.internal.http;

import dev.imagesdk.config.ProxyConfig;
import org.junit.jupiter.api.Test;

import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The header rules both transports share, and the connection settings of a data connection; the headers on the
 * wire of both paths (through a credential-demanding proxy too) are checked by OneRequestPathTest in image-sdk-v2.
 */
class RequestDecorationTest {

    private final RequestDecoration decoration = RequestDecoration.builder().userAgent("image-sdk/9.9 tool/1.0")
            .connectTimeout(Duration.ofMillis(1234)).build();

    @Test
    void userAgentAndTokenComeFirstAndACallCannotOverrideManagedHeaders() {
        Map<String, List<String>> call = new LinkedHashMap<>();
        call.put("Accept", List.of("application/json"));
        call.put("user-agent", List.of("Java/17"));
        call.put("Host", List.of("elsewhere"));
        call.put("Proxy-Authorization", List.of("Basic smuggled"));
        call.put("Content-Length", List.of("3"));
        call.put("X-Auth-Token", List.of("tok"));
        call.put("x-image-meta-name", List.of("a", "b"));

        assertThat(decoration.headers(call)).containsExactly(Map.entry("User-Agent", "image-sdk/9.9 tool/1.0"),
                Map.entry("X-Auth-Token", "tok"), Map.entry("Accept", "application/json"),
                Map.entry("x-image-meta-name", "a"), Map.entry("x-image-meta-name", "b"));
    }

    @Test
    void noTokenSendsNoTokenHeader() {
        Map<String, List<String>> call = new LinkedHashMap<>();
        call.put("X-Auth-Token", Arrays.asList((String) null));

        assertThat(decoration.headers(call)).containsExactly(Map.entry("User-Agent", "image-sdk/9.9 tool/1.0"));
        assertThat(decoration.headers(null)).containsExactly(Map.entry("User-Agent", "image-sdk/9.9 tool/1.0"));
    }

    @Test
    void aDataConnectionGetsTheSameHeadersAndTheConnectionSettings() throws Exception {
        HttpURLConnection c = decoration.open(new URL("http://127.0.0.1:9/v2/images/x/file"), "PUT",
                Map.of("X-Auth-Token", "tok", "Content-Type", "application/octet-stream", "User-Agent", "Java/17"),
                4321);

        assertThat(c.getRequestProperty("User-Agent")).isEqualTo("image-sdk/9.9 tool/1.0");
        assertThat(c.getRequestProperty("X-Auth-Token")).isEqualTo("tok");
        assertThat(c.getRequestProperty("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(c.getRequestMethod()).isEqualTo("PUT");
        assertThat(c.getConnectTimeout()).isEqualTo(1234);
        assertThat(c.getReadTimeout()).isEqualTo(4321);
        assertThat(c.getInstanceFollowRedirects()).isFalse();
    }

    @Test
    void theConfiguredProxyCarriesBothTransportsWithItsAuthenticator() throws Exception {
        RequestDecoration proxied = RequestDecoration.builder().proxy(ProxyConfig.of("http://me:pw@127.0.0.1:3128"))
                .build();

        Proxy via = proxied.proxyFor(new URL("https://glance.example/v2/images"));
        assertThat(via.type()).isEqualTo(Proxy.Type.HTTP);
        assertThat(via.address().toString()).contains("127.0.0.1").contains("3128");
        assertThat(proxied.newHttpClient().proxy().orElseThrow().select(URI.create("https://glance.example/")))
                .containsExactly(via);
        // (HttpURLConnection hides Proxy-Authorization from getRequestProperty: the credentials on the wire are
        // checked end to end by OneRequestPathTest in image-sdk-v2.)
        assertThat(proxied.newHttpClient().authenticator()).isPresent();
        assertThat(proxied.toString()).doesNotContain("pw@").contains("me:***@");
    }
}
