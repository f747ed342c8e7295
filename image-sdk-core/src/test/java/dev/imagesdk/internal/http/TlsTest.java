package dev.imagesdk.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.exception.ConfigurationException;
import dev.imagesdk.exception.TransportException;
import dev.imagesdk.internal.retry.RetryPolicy;
import dev.imagesdk.testsupport.RecordingSleeper;
import feign.Headers;
import feign.RequestLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TLS: verified by default, a custom CA bundle, and insecure only when asked. */
class TlsTest {

    interface VersionsApi {
        @RequestLine("GET /")
        @Headers("Accept: application/json")
        JsonNode versions();
    }

    @TempDir
    Path dir;

    private WireMockServer server;

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.stop();
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(TlsTest.class.getResource("/tls/" + name).toURI());
    }

    /** HTTPS on loopback with a certificate for localhost signed by tls/ca.pem (or WireMock's own one). */
    private String start(boolean ownCertificate) throws URISyntaxException {
        var config = wireMockConfig().bindAddress("127.0.0.1").dynamicPort().dynamicHttpsPort();
        if (ownCertificate) {
            config.keystorePath(resource("server.p12").toString()).keystorePassword("changeit")
                    .keyManagerPassword("changeit").keystoreType("PKCS12");
        }
        server = new WireMockServer(config);
        server.start();
        server.stubFor(get(urlEqualTo("/")).willReturn(okJson("{\"versions\": []}")));
        return "https://localhost:" + server.httpsPort();
    }

    private JsonNode call(String baseUrl, Path caCert, boolean insecure) {
        ClientConfig config = ClientConfig.builder().auth(new AuthMethod.NoAuth()).imageEndpoint(baseUrl)
                .caCert(caCert).insecure(insecure).build();
        var ssl = TlsContexts.create(config.caCert().orElse(null), config.insecure());
        var json = HttpStack.objectMapper();
        FeignFactory feign = new FeignFactory(HttpStack.httpClient(config, ssl), json,
                new ErrorMapper(json, Clock.systemUTC()), new WireLogger(), RequestDecoration.builder().connectTimeout(Duration.ofSeconds(5)).build(),
                 Duration.ofSeconds(10));
        VersionsApi api = feign.create(VersionsApi.class, baseUrl);
        return new CallExecutor(null, RetryPolicy.none(), new RecordingSleeper())
                .execute(CallSpec.idempotent("versions", "GET"), token -> api.versions());
    }

    @Test
    void untrustedCertificateIsRefusedByDefault() throws Exception {
        String url = start(true);
        assertThatThrownBy(() -> call(url, null, false)).isInstanceOf(TransportException.class)
                .hasRootCauseInstanceOf(Exception.class)
                .satisfies(e -> assertThat(hasCause(e, SSLException.class)).isTrue());
    }

    @Test
    void customCaBundleIsTrusted() throws Exception {
        String url = start(true);
        assertThat(call(url, resource("ca.pem"), false).has("versions")).isTrue();
    }

    @Test
    void insecureAcceptsAnyCertificateAndHostName() throws Exception {
        // WireMock's own certificate is issued to "Tom Akehurst", not localhost: only insecure accepts it.
        String url = start(false);
        assertThatThrownBy(() -> call(url, null, false)).isInstanceOf(TransportException.class);
        assertThat(call(url, null, true).has("versions")).isTrue();
    }

    @Test
    void unreadableCaBundleIsAConfigurationError() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate");
        assertThatThrownBy(() -> TlsContexts.create(junk, false)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("OS_CACERT");
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void untrustedCertificateFailsAfterOneAttemptWithoutRetries() throws Exception {
        String url = start(true);
        ClientConfig config = ClientConfig.builder().auth(new AuthMethod.NoAuth()).imageEndpoint(url).build();
        var json = HttpStack.objectMapper();
        FeignFactory feign = new FeignFactory(HttpStack.httpClient(config, TlsContexts.create(null, false)), json,
                new ErrorMapper(json, Clock.systemUTC()), new WireLogger(), RequestDecoration.builder().connectTimeout(Duration.ofSeconds(5)).build(),
                 Duration.ofSeconds(10));
        VersionsApi api = feign.create(VersionsApi.class, url);
        RecordingSleeper sleeper = new RecordingSleeper();
        CallExecutor executor = new CallExecutor(null, RetryPolicy.defaults(), sleeper);
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();

        assertThatThrownBy(() -> executor.execute(CallSpec.idempotent("versions", "GET"), token -> {
            attempts.incrementAndGet();
            return api.versions();
        })).isInstanceOf(TransportException.class).satisfies(e -> assertThat(hasCause(e, SSLException.class)).isTrue());
        assertThat(attempts).hasValue(1);
        assertThat(executor.retryCount()).isZero();
    }

    @Test
    void handshakeCutByTheNetworkStaysRetryableButCertificateFailuresDoNot() {
        var cut = new javax.net.ssl.SSLHandshakeException("Remote host terminated the handshake");
        cut.initCause(new java.io.EOFException("SSL peer shut down incorrectly"));
        var untrusted = new javax.net.ssl.SSLHandshakeException("PKIX path building failed");
        untrusted.initCause(new java.security.cert.CertificateException("unable to find valid certification path"));
        var noCipher = new javax.net.ssl.SSLHandshakeException("no cipher suites in common");
        assertThat(CallExecutor.isTlsFailure(new TransportException("x", cut))).isFalse();
        assertThat(CallExecutor.isTlsFailure(new TransportException("x", untrusted))).isTrue();
        assertThat(CallExecutor.isTlsFailure(new TransportException("x", noCipher))).isTrue();
        assertThat(CallExecutor.isTlsFailure(new TransportException("x", new java.net.SocketException("reset"))))
                .isFalse();
    }
}
