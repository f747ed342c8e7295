package dev.imagesdk.v2;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.config.ProxyConfig;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.exception.NotFoundException;
import dev.imagesdk.internal.http.UserAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Issue #17 item 3: one request path above the two transports. A JSON request (the image GET, on the JDK
 * HttpClient) and the data requests (download GET and upload PUT, on HttpURLConnection) carry the same
 * User-Agent (with the application name), the same token and nothing of the JDK's own ({@code Java/17...});
 * through a proxy that demands credentials, both paths present them, and the proxy password appears in no log line,
 * message or {@code toString()}.
 */
class OneRequestPathTest {

    static final String ID = "8a5bfb66-2f7f-4a7b-9c2e-1a0f3c9d7e11";
    static final String TOKEN = "gAAAAAB-the-token";
    static final String PASSWORD = "pr0xy-s3cret!";
    static final String APP = "partner-publisher/2.1";
    static final byte[] DATA = new byte[300_000];

    WireMockServer wm;
    final ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream originalErr;

    @BeforeEach
    void start() throws Exception {
        new Random(3).nextBytes(DATA);
        DATA[0] = 0; // no disk format's magic: raw
        wm = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        wm.start();
        wm.stubFor(get(urlEqualTo("/v2/images/" + ID)).atPriority(5).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("X-Openstack-Request-Id", "req-json")
                .withBody(imageJson())));
        wm.stubFor(get(urlEqualTo("/v2/images/" + ID + "/file")).atPriority(5).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/octet-stream").withBody(DATA)));
        wm.stubFor(put(urlEqualTo("/v2/images/" + ID + "/file")).atPriority(5).willReturn(aResponse().withStatus(204)));
        originalErr = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        System.setErr(originalErr);
        wm.stop();
    }

    private static String imageJson() throws Exception {
        return "{\"id\": \"" + ID + "\", \"name\": \"one-path\", \"status\": \"active\", \"visibility\": \"private\", "
                + "\"protected\": false, \"disk_format\": \"raw\", \"container_format\": \"bare\", \"size\": "
                + DATA.length + ", \"checksum\": \"" + hex("MD5") + "\", \"os_hash_algo\": \"sha512\", "
                + "\"os_hash_value\": \"" + hex("SHA-512") + "\", \"tags\": [], \"min_disk\": 0, \"min_ram\": 0}";
    }

    private static String hex(String algorithm) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(DATA));
    }

    private ClientConfig.Builder config(String imageEndpoint) {
        return ClientConfig.builder().auth(new AuthMethod.StaticToken(TOKEN)).imageEndpoint(imageEndpoint)
                .apiVersion(ApiVersion.V2).applicationName(APP)
                .initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(5));
    }

    /** Reads the image (JSON path), uploads and downloads its data (data path). */
    private static void jsonAndDataRequests(ImageService images) {
        images.get(ID);
        images.upload(ID, ImageData.fromBytes(DATA));
        images.download(ID).toOutputStream(new ByteArrayOutputStream());
    }

    private List<LoggedRequest> requests(String method, String path) {
        return wm.findAll(anyRequestedFor(urlEqualTo(path))).stream()
                .filter(r -> r.getMethod().getName().equals(method)).toList();
    }

    @Test
    void jsonAndDataRequestsCarryTheSameUserAgentAndToken() {
        try (ImageService images = ImageService.builder().config(config(wm.baseUrl()).build()).build()) {
            jsonAndDataRequests(images);
        }

        LoggedRequest json = requests("GET", "/v2/images/" + ID).get(0);
        LoggedRequest download = requests("GET", "/v2/images/" + ID + "/file").get(0);
        LoggedRequest upload = requests("PUT", "/v2/images/" + ID + "/file").get(0);
        String expectedAgent = "image-sdk/" + UserAgent.version() + " " + APP;
        for (LoggedRequest r : List.of(json, download, upload)) {
            assertThat(r.getHeader("User-Agent")).as(r.getMethod() + " " + r.getUrl()).isEqualTo(expectedAgent)
                    .doesNotContain("Java");
            assertThat(r.getHeaders().getHeader("User-Agent").values()).hasSize(1);
            assertThat(r.getHeader("X-Auth-Token")).isEqualTo(TOKEN);
            assertThat(r.getHeaders().getHeader("X-Auth-Token").values()).hasSize(1);
            assertThat(r.containsHeader("X-Openstack-Request-Id")).isFalse(); // Glance makes its own (see RequestDecoration)
        }
    }

    @Test
    void errorsOfBothPathsCarryTheServiceRequestId() {
        wm.stubFor(get(urlEqualTo("/v2/images/gone")).atPriority(1).willReturn(aResponse().withStatus(404)
                .withHeader("X-Openstack-Request-Id", "req-json-404").withBody("404 Not Found")));
        wm.stubFor(get(urlEqualTo("/v2/images/" + ID + "/file")).atPriority(1).willReturn(aResponse().withStatus(404)
                .withHeader("X-Openstack-Request-Id", "req-data-404").withBody("404 Not Found")));
        try (ImageService images = ImageService.builder().config(config(wm.baseUrl()).build()).build()) {
            NotFoundException json = catchThrowableOfType(() -> images.get("gone"), NotFoundException.class);
            NotFoundException data = catchThrowableOfType(
                    () -> images.download(ID).toOutputStream(new ByteArrayOutputStream()), NotFoundException.class);

            assertThat(json.requestId()).contains("req-json-404");
            assertThat(json.getMessage()).contains("req-json-404");
            assertThat(data.requestId()).contains("req-data-404");
            assertThat(data.getMessage()).contains("req-data-404");
        }
    }

    @Test
    void bothPathsAnswerAProxyThatDemandsCredentialsAndNeverShowThePassword() {
        String basic = "Basic " + Base64.getEncoder().encodeToString(("builder:" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        // The proxy: 407 to anything without the right credentials, the stubs above (priority 5) otherwise.
        wm.stubFor(any(anyUrl()).atPriority(1).withHeader("Proxy-Authorization", absent())
                .willReturn(aResponse().withStatus(407).withHeader("Proxy-Authenticate", "Basic realm=\"lab\"")));
        ProxyConfig proxy = ProxyConfig.of("http://builder:" + PASSWORD.replace("!", "%21") + "@127.0.0.1:"
                + wm.port());
        // An unresolvable endpoint: only the proxy can reach it (requests go out in absolute form).
        ClientConfig config = config("http://glance.invalid:9292").proxy(proxy).build();
        String shownService;
        try (ImageService images = ImageService.builder().config(config).build()) {
            shownService = images.toString();
            jsonAndDataRequests(images);
        }

        LoggedRequest json = authorized(requests("GET", "/v2/images/" + ID));
        LoggedRequest download = authorized(requests("GET", "/v2/images/" + ID + "/file"));
        LoggedRequest upload = authorized(requests("PUT", "/v2/images/" + ID + "/file"));
        for (LoggedRequest r : List.of(json, download, upload)) {
            assertThat(r.getHeader("Proxy-Authorization")).as(r.getMethod() + " " + r.getUrl()).isEqualTo(basic);
            assertThat(r.getHeader("Host")).startsWith("glance.invalid");
            assertThat(r.getHeader("X-Auth-Token")).isEqualTo(TOKEN);
            assertThat(r.getHeader("User-Agent")).endsWith(" " + APP);
        }
        // The JSON path (the JDK client) was challenged first and answered the 407 itself.
        assertThat(wm.findAll(anyRequestedFor(anyUrl())).stream()
                .filter(r -> !r.containsHeader("Proxy-Authorization")).count()).isPositive();

        String logged = log.toString(StandardCharsets.UTF_8);
        assertThat(logged).contains("glance.invalid"); // the wire log ran, at DEBUG
        assertThat(logged).doesNotContain(PASSWORD).doesNotContain(basic.substring(6));
        assertThat(proxy.toString()).isEqualTo("http://builder:***@127.0.0.1:" + wm.port())
                .doesNotContain(PASSWORD);
        assertThat(config.toString()).contains("proxy=http://builder:***@").doesNotContain(PASSWORD);
        assertThat(shownService).doesNotContain(PASSWORD);
        assertThat(proxy.password()).contains(PASSWORD);
    }

    private static LoggedRequest authorized(List<LoggedRequest> requests) {
        return requests.stream().filter(r -> r.containsHeader("Proxy-Authorization")).findFirst()
                .orElseThrow(() -> new AssertionError("no request with Proxy-Authorization among " + requests.size()));
    }

    @Test
    void refusedProxyUrlsAndApplicationNamesNameTheFieldAndHideThePassword() {
        InvalidInputException badProxy = catchThrowableOfType(
                () -> ProxyConfig.of("https://builder:" + PASSWORD + "@proxy.example:3128"),
                InvalidInputException.class);
        assertThat(badProxy.field()).isEqualTo("proxy");
        assertThat(badProxy.getMessage()).contains("http://").doesNotContain(PASSWORD);
        assertThat(String.valueOf(badProxy.value())).doesNotContain(PASSWORD);

        assertThatThrownBy(() -> ClientConfig.builder().applicationName("tool/1.0\r\nX-Injected: yes"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("applicationName");
                    assertThat(e.getMessage()).doesNotContain("\r").doesNotContain("\n").contains("U+000D");
                });
        assertThatThrownBy(() -> ClientConfig.builder().applicationName("tool\u0000"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("applicationName");
        assertThatThrownBy(() -> ClientConfig.builder().applicationName(" "))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("applicationName");
    }
}
