package dev.imagesdk.internal.transfer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.imagesdk.DownloadResult;
import dev.imagesdk.ImageData;
import dev.imagesdk.TransferListener;
import dev.imagesdk.auth.ServiceCatalog;
import dev.imagesdk.auth.Token;
import dev.imagesdk.exception.BadRequestException;
import dev.imagesdk.exception.UnauthorizedException;
import dev.imagesdk.internal.auth.KeystoneTokenProvider;
import dev.imagesdk.internal.http.CallExecutor;
import dev.imagesdk.internal.http.ErrorMapper;
import dev.imagesdk.internal.retry.RetryPolicy;
import dev.imagesdk.testsupport.MutableClock;
import dev.imagesdk.testsupport.RecordingSleeper;
import dev.imagesdk.testsupport.WireMocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import dev.imagesdk.testsupport.RecordingProxySelector;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared data wiring: token per attempt, 401 re-authentication, error mapping, the configured proxy. */
class DataTransportTest {

    private static final String ID = "0c3d2a8e-5f41-4b7a-9d26-8e1f0a9b7c65";
    private static final String PATH = "/v2/images/" + ID + "/file";
    private static final byte[] DATA = "image bytes".getBytes(StandardCharsets.US_ASCII);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T20:00:00Z"));
    private final AtomicInteger issued = new AtomicInteger();
    private final KeystoneTokenProvider tokens = new KeystoneTokenProvider(
            () -> new Token("token-" + issued.incrementAndGet(), clock.instant().plusSeconds(3600),
                    ServiceCatalog.EMPTY, null), clock, Duration.ofSeconds(120));
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private WireMockServer server;
    private DataTransport transport;

    @BeforeEach
    void setUp() {
        server = WireMocks.started();
        transport = transport(TransferConfig.defaults());
    }

    @AfterEach
    void tearDown() {
        transport.close();
        server.stop();
    }

    private DataTransport transport(TransferConfig config) {
        return new DataTransport(new TransferEngine(config), new CallExecutor(tokens, RetryPolicy.defaults(), sleeper),
                tokens, new ErrorMapper(new ObjectMapper(), clock)::map, Duration.ofMinutes(10));
    }

    private DownloadResult download(DataTransport t, String root) {
        return t.download(ID, DataTransport.url(root, PATH), () -> new DownloadMetadata(Optional.empty(), -1),
                ExpectedChecksum::fromContentMd5).toOutputStream(new ByteArrayOutputStream());
    }

    @Test
    void aDownloadWhoseFirstGetGets401ReauthenticatesOnceAndReplays() {
        server.stubFor(get(urlEqualTo(PATH)).withHeader("X-Auth-Token", equalTo("token-1"))
                .willReturn(aResponse().withStatus(401)));
        server.stubFor(get(urlEqualTo(PATH)).withHeader("X-Auth-Token", equalTo("token-2"))
                .willReturn(aResponse().withStatus(200).withBody(DATA)));

        DownloadResult r = download(transport, server.baseUrl());

        assertThat(r.bytes()).isEqualTo(DATA.length);
        server.verify(1, getRequestedFor(urlEqualTo(PATH)).withHeader("X-Auth-Token", equalTo("token-1")));
        server.verify(1, getRequestedFor(urlEqualTo(PATH)).withHeader("X-Auth-Token", equalTo("token-2")));
    }

    @Test
    void aSecond401OnTheFirstGetIsThrown() {
        server.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(401)));

        assertThatThrownBy(() -> download(transport, server.baseUrl())).isInstanceOf(UnauthorizedException.class);
        server.verify(2, getRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void anUploadSendsTheTokenAndMapsAnErrorStatus() {
        server.stubFor(put(urlEqualTo(PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("x-openstack-request-id", "req-9").withBody("400 Bad Request\n\nwrong size\n")));

        assertThatThrownBy(() -> transport.upload("upload image data", "PUT", DataTransport.url(server.baseUrl(), PATH),
                java.util.Map.of(), ImageData.fromBytes(DATA), TransferListener.NONE))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.requestId()).contains("req-9");
                    assertThat(e.serviceMessage()).isEqualTo("wrong size");
                });
        server.verify(1, putRequestedFor(urlEqualTo(PATH)).withHeader("X-Auth-Token", equalTo("token-1")));
    }

    @Test
    void theDataPathConnectsThroughTheConfiguredProxySelector() {
        // The image host does not exist: only a connection through the chosen proxy (WireMock) can succeed.
        server.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody(DATA)));
        RecordingProxySelector viaWireMock = new RecordingProxySelector(
                new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", server.port())));
        List<URI> asked = viaWireMock.asked();
        try (DataTransport proxied = transport(TransferConfig.builder().proxySelector(viaWireMock).build())) {
            DownloadResult r = download(proxied, "http://glance.invalid:9292");
            assertThat(r.bytes()).isEqualTo(DATA.length);
        }
        assertThat(asked).anySatisfy(u -> assertThat(u.getHost()).isEqualTo("glance.invalid"));
        server.verify(1, getRequestedFor(urlEqualTo(PATH)));
    }
}
