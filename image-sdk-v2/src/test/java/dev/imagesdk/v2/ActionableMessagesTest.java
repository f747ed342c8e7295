package dev.imagesdk.v2;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.exception.ConfigurationException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.exception.TransportException;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.fake.Fault;
import dev.imagesdk.fake.Operation;
import dev.imagesdk.fake.junit.FakeGlanceExtension;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.testsupport.StallingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The messages a user reads when something is wrong on their side of the call, pinned word for word through the
 * client as users build it: each class of transport failure (refused, unknown host, TLS, timeout, reset) names
 * the service, the method and URL, the operation and the cause in words; an auth URL or image endpoint that
 * does not lead to Keystone or Glance says so and what it should look like; local preconditions fail before
 * any request; a wrong region names the setting it came from. No message carries a password or token.
 */
class ActionableMessagesTest {

    private static final String TOKEN = "gAAAAA-secret-token-value";
    private static final String PASSWORD = "s3cret-Passw0rd";

    private WireMockServer wireMock;
    private ImageServiceV2 images;

    @AfterEach
    void tearDown() {
        if (images != null) {
            images.close();
        }
        if (wireMock != null) {
            wireMock.stop();
        }
    }

    /** One attempt, so that each message is the first failure's; a static token, so no Keystone is involved. */
    private static ClientConfig.Builder direct(String endpoint) {
        return ClientConfig.builder().auth(new AuthMethod.StaticToken(TOKEN)).imageEndpoint(endpoint).maxAttempts(1);
    }

    private static ImageServiceV2 connect(ClientConfig config) {
        return ImageServiceV2.of(ImageService.builder().config(config).apiVersion(ApiVersion.V2).build());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void assertNoSecret(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            assertThat(String.valueOf(c.getMessage())).doesNotContain(TOKEN).doesNotContain(PASSWORD);
        }
    }

    @Test
    void refusedPortNamesTheServiceTheRequestAndTheOperation() throws IOException {
        int port = closedPort();
        images = connect(direct("http://127.0.0.1:" + port).build());

        Throwable e = catchThrowable(() -> images.get("abc"));

        assertThat(e).isInstanceOf(TransportException.class).hasMessageStartingWith("Could not reach the image "
                + "service: GET http://127.0.0.1:" + port + "/v2/images/abc (get image): connection refused");
        assertNoSecret(e);
    }

    @Test
    void refusedPortOnAnUploadNamesTheRequestAndTheOperation() throws IOException {
        int port = closedPort();
        images = connect(direct("http://127.0.0.1:" + port).build());

        Throwable e = catchThrowable(() -> images.upload("abc", ImageData.fromBytes(new byte[1024])));

        assertThat(e).isInstanceOf(TransportException.class).hasMessageStartingWith("Could not connect for PUT "
                + "http://127.0.0.1:" + port + "/v2/images/abc/file (upload image data): connection refused");
        assertNoSecret(e);
    }

    @Test
    void refusedKeystoneNamesKeystoneAndTheTokenRequestWithoutThePassword() throws IOException {
        int port = closedPort();
        ClientConfig config = ClientConfig.builder()
                .authUrl("http://admin:" + PASSWORD + "@127.0.0.1:" + port + "/v3")
                .auth(AuthMethod.V3Password.of("demo", PASSWORD, "Default", "demo")).maxAttempts(1).build();

        Throwable e = catchThrowable(() -> ImageService.builder().config(config).build());

        assertThat(e).isInstanceOf(TransportException.class).hasMessageStartingWith("Could not reach Keystone: "
                + "POST http://127.0.0.1:" + port + "/v3/auth/tokens (issue token): connection refused");
        assertNoSecret(e);
    }

    @Test
    void unknownHostIsNamed() {
        images = connect(direct("http://glance.invalid:9292").build());

        Throwable e = catchThrowable(() -> images.get("abc"));

        assertThat(e).isInstanceOf(TransportException.class).hasMessageStartingWith("Could not reach the image "
                + "service: GET http://glance.invalid:9292/v2/images/abc (get image): unknown host glance.invalid");
        assertNoSecret(e);
    }

    @Test
    void untrustedCertificateIsATlsHandshakeFailureWithItsReason() {
        wireMock = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().dynamicHttpsPort());
        wireMock.start(); // WireMock's own self-signed certificate: trusted by no CA of the JDK
        images = connect(direct("https://localhost:" + wireMock.httpsPort()).build());

        Throwable e = catchThrowable(() -> images.get("abc"));

        assertThat(e).isInstanceOf(TransportException.class).hasMessageStartingWith("Could not reach the image "
                + "service: GET https://localhost:" + wireMock.httpsPort() + "/v2/images/abc (get image): "
                + "TLS handshake failed: unable to find valid certification path to requested target (the "
                + "service's certificate is not signed by a trusted CA: give its CA bundle with OS_CACERT or "
                + "caCert(...))");
        assertThat(wireMock.getAllServeEvents()).isEmpty();
        assertNoSecret(e);
    }

    @Test
    void unansweredRequestTimesOutNamingTheTimeout() throws IOException {
        try (StallingServer silent = new StallingServer(new byte[0])) {
            images = connect(direct(silent.url("").toString()).requestTimeout(Duration.ofSeconds(1)).build());

            Throwable e = catchThrowable(() -> images.get("abc"));

            assertThat(e).isInstanceOf(TransportException.class).hasMessageStartingWith("No answer from the image "
                    + "service: GET " + silent.url("/v2/images/abc") + " (get image): timed out after 1 s");
            assertNoSecret(e);
        }
    }

    @Test
    void connectionResetMidBodyCountsTheBytesReceived() throws Exception {
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
                + "{\"id\": \"ab").getBytes(StandardCharsets.US_ASCII);
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> resetAfter(server, head), "resetting-server");
            t.setDaemon(true);
            t.start();
            images = connect(direct("http://127.0.0.1:" + server.getLocalPort()).build());

            Throwable e = catchThrowable(() -> images.get("abc"));

            assertThat(e).isInstanceOf(TransportException.class).hasMessageStartingWith("The connection to the "
                    + "image service failed: GET http://127.0.0.1:" + server.getLocalPort() + "/v2/images/abc "
                    + "(get image): connection reset after 10 bytes of the answer's body");
            assertNoSecret(e);
        }
    }

    /** Answers one request with the head and part of a body, then resets the connection (SO_LINGER 0). */
    private static void resetAfter(ServerSocket server, byte[] head) {
        try (Socket s = server.accept()) {
            InputStream in = s.getInputStream();
            int matched = 0;
            while (matched < 4) { // the request head ends with CRLF CRLF; a GET has no body
                int b = in.read();
                if (b < 0) {
                    return;
                }
                matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            s.getOutputStream().write(head);
            s.getOutputStream().flush();
            s.setSoLinger(true, 0);
        } catch (IOException e) {
            // the test fails on what the client saw
        }
    }

    private void startKeystoneAt(String path, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        wireMock = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        wireMock.start();
        wireMock.stubFor(post(urlEqualTo(path)).willReturn(answer));
    }

    private ClientConfig keystoneConfig(String authUrl) {
        return ClientConfig.builder().authUrl(authUrl)
                .auth(AuthMethod.V3Password.of("demo", PASSWORD, "Default", "demo")).build();
    }

    @Test
    void keystoneAnswering404SaysTheAuthUrlLooksWrong() {
        startKeystoneAt("/identity/v3/auth/tokens", aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"code\": 404, \"message\": \"The resource could not be found.\"}}"));
        String base = "http://127.0.0.1:" + wireMock.port();

        Throwable e = catchThrowable(() -> ImageService.builder().config(keystoneConfig(base + "/identity")).build());

        assertThat(e).isInstanceOfSatisfying(ConfigurationException.class,
                        c -> assertThat(c.setting()).isEqualTo("OS_AUTH_URL (auth_url)"))
                .hasMessage("OS_AUTH_URL (auth_url): Keystone at " + base + "/identity answered 404 to POST " + base
                        + "/identity/v3/auth/tokens: the auth URL looks wrong; it should be Keystone's identity API, "
                        + "ending in /v3 (or /v2.0), e.g. " + base + "/v3");
        wireMock.verify(1, anyRequestedFor(anyUrl())); // the same URL gives the same answer: not retried
        assertNoSecret(e);
    }

    @Test
    void keystoneAnsweringAnHtmlPageSaysTheAuthUrlLooksWrong() {
        startKeystoneAt("/v3/auth/tokens", aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html><body>Log in to the dashboard</body></html>"));
        String base = "http://127.0.0.1:" + wireMock.port();

        Throwable e = catchThrowable(() -> ImageService.builder().config(keystoneConfig(base)).build());

        assertThat(e).isInstanceOf(ConfigurationException.class).hasMessage("OS_AUTH_URL (auth_url): Keystone at "
                + base + " answered 200 with a page that is not JSON (text/html) to POST " + base + "/v3/auth/tokens: "
                + "the auth URL looks wrong; it should be Keystone's identity API, ending in /v3 (or /v2.0), e.g. "
                + base + "/v3");
        wireMock.verify(1, anyRequestedFor(anyUrl()));
        assertNoSecret(e);
    }

    @Test
    void imageEndpointAnswering404ToVersionDiscoveryNamesTheEndpoint() {
        wireMock = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        wireMock.start(); // no stub: WireMock answers 404 to everything
        String endpoint = "http://127.0.0.1:" + wireMock.port() + "/imagex";
        ClientConfig config = direct(endpoint).build();

        Throwable e = catchThrowable(() -> ImageService.builder().config(config).build());

        assertThat(e).isInstanceOfSatisfying(ConfigurationException.class,
                        c -> assertThat(c.setting()).isEqualTo("OS_IMAGE_URL (image_endpoint_override)"))
                .hasMessage("OS_IMAGE_URL (image_endpoint_override): the image endpoint " + endpoint + " answered 404 "
                        + "to GET " + endpoint + "/ (API version discovery): it does not look like Glance; expected "
                        + "its versions document (300 with a JSON 'versions' list) at the endpoint's root, e.g. "
                        + "http://glance.example:9292 or https://cloud.example/image");
        assertNoSecret(e);
    }

    @Test
    void imageEndpointAnsweringAnHtmlPageToVersionDiscoveryNamesTheEndpoint() {
        wireMock = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        wireMock.start();
        wireMock.stubFor(get(urlEqualTo("/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=utf-8").withBody("<html>It works!</html>")));
        String endpoint = "http://127.0.0.1:" + wireMock.port();

        assertThatThrownBy(() -> ImageService.builder().config(direct(endpoint).build()).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("the image endpoint " + endpoint + " answered 200 with a page that is not JSON "
                        + "(text/html; charset=utf-8) to GET " + endpoint + "/ (API version discovery): it does not "
                        + "look like Glance");
    }

    @Test
    void downloadIntoAMissingDirectoryFailsBeforeAnyRequestNamingTheCallersPath(@TempDir Path dir) {
        try (FakeGlance fake = FakeGlance.builder().start()) {
            images = ImageServiceV2.of(ImageService.builder().config(FakeGlanceExtension.clientConfig(fake, null))
                    .apiVersion(ApiVersion.V2).build());
            String id = images.createAndUpload(ImageSpec.builder().name("m").diskFormat(DiskFormat.RAW)
                    .containerFormat(ContainerFormat.BARE).build(), ImageData.fromBytes(new byte[] {1, 2, 3}), null).id();
            fake.clearRequests();
            Path target = dir.resolve("missing").resolve("image.raw");

            assertThatThrownBy(() -> images.download(id).toPath(target))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("target"))
                    .hasMessage("Invalid target '" + target + "': its directory '" + dir.resolve("missing")
                            + "' does not exist");
            assertThat(fake.requests()).isEmpty();
            assertThat(dir).isEmptyDirectory();
        }
    }

    @Test
    void downloadCutShortOnEveryResumeNamesTheDataRequestAndTheBytes(@TempDir Path dir) {
        try (FakeGlance fake = FakeGlance.builder().start()) {
            images = ImageServiceV2.of(ImageService.builder().config(FakeGlanceExtension.clientConfig(fake, null))
                    .apiVersion(ApiVersion.V2).build());
            String id = images.createAndUpload(ImageSpec.builder().name("m").diskFormat(DiskFormat.RAW)
                    .containerFormat(ContainerFormat.BARE).build(), ImageData.fromBytes(new byte[64 * 1024]), null).id();
            fake.inject(Operation.DOWNLOAD, Fault.dropConnectionMidDownload(1000).always());

            Throwable e = catchThrowable(() -> images.download(id).toPath(dir.resolve("image.raw")));

            assertThat(e).isInstanceOf(TransportException.class).message().matches(java.util.regex.Pattern.quote(
                    "The connection to the image service failed: GET " + fake.url() + "/v2/images/" + id + "/file "
                            + "(download image " + id + "): connection ") + "(reset|closed by the service) after \\d+ "
                    + "bytes of the answer's body \\(the download stopped at byte \\d+ after \\d+ resumes\\).*");
            assertNoSecret(e);
            assertThat(fake.issuedTokens()).isNotEmpty().allSatisfy(t -> assertThat(e).message().doesNotContain(t));
        }
    }

    @Test
    void uploadFromAMissingFileFailsBeforeAnyRequestNamingTheCallersPath(@TempDir Path dir) {
        try (FakeGlance fake = FakeGlance.builder().start()) {
            images = ImageServiceV2.of(ImageService.builder().config(FakeGlanceExtension.clientConfig(fake, null))
                    .apiVersion(ApiVersion.V2).build());
            fake.clearRequests();
            Path source = dir.resolve("disk.qcow2");

            assertThatThrownBy(() -> images.createAndUpload(ImageSpec.builder().name("m").diskFormat(DiskFormat.QCOW2)
                    .containerFormat(ContainerFormat.BARE).build(), ImageData.fromPath(source), null))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("file"))
                    .hasMessage("Invalid file '" + source + "': does not exist");
            assertThat(fake.requests()).isEmpty();
            assertThat(fake.images()).isEmpty();
        }
    }

    @Test
    void wrongRegionFromTheBuilderNamesTheBuilderMethod() {
        try (FakeGlance fake = FakeGlance.builder().start()) {
            ClientConfig config = FakeGlanceExtension.clientConfig(fake, null).toBuilder().regionName("Nowhere").build();

            assertThatThrownBy(() -> ImageService.builder().config(config).build())
                    .isInstanceOfSatisfying(ConfigurationException.class,
                            e -> assertThat(e.setting()).isEqualTo("ClientConfig.Builder.regionName(...)"))
                    .hasMessageContaining("no 'image' endpoint in region 'Nowhere'; regions found: ["
                            + fake.regionName() + "]")
                    .satisfies(ActionableMessagesTest::assertNoSecret);
        }
    }

    @Test
    void wrongRegionFromTheEnvironmentNamesOsRegionName() {
        try (FakeGlance fake = FakeGlance.builder().start()) {
            Map<String, String> env = Map.of("OS_AUTH_URL", fake.keystoneUrl().toString(), "OS_USERNAME", "demo",
                    "OS_PASSWORD", fake.passwordOf("demo"), "OS_PROJECT_NAME", fake.projectOf("demo"),
                    "OS_USER_DOMAIN_NAME", "Default", "OS_PROJECT_DOMAIN_NAME", "Default", "OS_REGION_NAME", "Nowhere");
            ClientConfig config = ClientConfig.fromEnvironment(env, List.of());

            assertThatThrownBy(() -> ImageService.builder().config(config).build())
                    .isInstanceOfSatisfying(ConfigurationException.class,
                            e -> assertThat(e.setting()).isEqualTo("OS_REGION_NAME"))
                    .hasMessage("OS_REGION_NAME: no 'image' endpoint in region 'Nowhere'; regions found: ["
                            + fake.regionName() + "]");
        }
    }
}
