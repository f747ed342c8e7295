package dev.imagesdk.v1.internal;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.imagesdk.ApiVersion;
import dev.imagesdk.DownloadResult;
import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.exception.ChecksumMismatchException;
import dev.imagesdk.exception.NotFoundException;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageQuery;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.v1.ImageServiceV1;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.headRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The production binding: {@link ImageService#builder()} finds {@link V1ServiceProvider} through
 * {@link java.util.ServiceLoader}, and every v1 call runs through the core's call executor (token, retry,
 * typed errors) and streaming engine (hashing, verified downloads).
 */
class V1ProviderTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    static final String ID = "8d1ba046-b06e-425d-b867-7b8c960ddaaa";
    static final String PATH = "/v1/images/" + ID;

    @TempDir
    Path dir;

    private ImageServiceV1 images;

    @BeforeEach
    void setUp() {
        ImageService service = ImageService.builder().config(ClientConfig.builder()
                .auth(new AuthMethod.StaticToken("static-token"))
                .imageEndpoint(wm.baseUrl())
                .apiVersion(ApiVersion.V1)
                .initialBackoff(Duration.ofMillis(1))
                .maxBackoff(Duration.ofMillis(5))
                .build()).build();
        assertThat(service).isInstanceOf(ImageServiceV1.class);
        images = (ImageServiceV1) service;
    }

    @AfterEach
    void tearDown() {
        images.close();
    }

    @Test
    void builderChoosesTheV1ProviderAndSendsTheToken() {
        wm.stubFor(head(urlEqualTo(PATH)).willReturn(aResponse().withHeader("x-image-meta-id", ID)
                .withHeader("x-image-meta-name", "My Custom Image")));
        assertThat(images.apiVersion()).isEqualTo(ApiVersion.V1);
        assertThat(images.get(ID).name()).isEqualTo("My Custom Image");
        wm.verify(headRequestedFor(urlEqualTo(PATH)).withHeader("X-Auth-Token", equalTo("static-token")));
    }

    @Test
    void metadataCallsAskTheConfiguredProxySelector() {
        dev.imagesdk.testsupport.RecordingProxySelector recording = new dev.imagesdk.testsupport.RecordingProxySelector();
        java.util.List<java.net.URI> asked = recording.asked();
        wm.stubFor(head(urlEqualTo(PATH)).willReturn(aResponse().withHeader("x-image-meta-id", ID)));
        try (ImageService service = ImageService.builder().config(ClientConfig.builder()
                .auth(new AuthMethod.StaticToken("static-token")).imageEndpoint(wm.baseUrl())
                .apiVersion(ApiVersion.V1).proxySelector(recording).build()).build()) {
            service.get(ID);
        }
        assertThat(asked).anySatisfy(u -> assertThat(u.getPath()).isEqualTo(PATH));
    }

    @Test
    void readsAreRetriedAfter503() {
        wm.stubFor(head(urlEqualTo(PATH)).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0")).willSetStateTo("ok"));
        wm.stubFor(head(urlEqualTo(PATH)).inScenario("busy").whenScenarioStateIs("ok")
                .willReturn(aResponse().withHeader("x-image-meta-id", ID)));
        assertThat(images.get(ID).id()).isEqualTo(ID);
        wm.verify(2, headRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void aDeleteWhoseRetryFinds404Succeeded() {
        wm.stubFor(delete(urlEqualTo(PATH)).inScenario("lost").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0")).willSetStateTo("gone"));
        wm.stubFor(delete(urlEqualTo(PATH)).inScenario("lost").whenScenarioStateIs("gone")
                .willReturn(aResponse().withStatus(404)));
        images.delete(ID);
        wm.verify(2, deleteRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void aDeleteOfAMissingImageFailsAtTheFirstAttempt() {
        wm.stubFor(delete(urlEqualTo(PATH)).willReturn(aResponse().withStatus(404)));
        assertThatThrownBy(() -> images.delete(ID)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aCreateWhoseRetryFinds409ReadsTheImageBack() {
        wm.stubFor(post(urlEqualTo("/v1/images")).inScenario("create").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502)).willSetStateTo("created"));
        wm.stubFor(post(urlEqualTo("/v1/images")).inScenario("create").whenScenarioStateIs("created")
                .willReturn(aResponse().withStatus(409)));
        wm.stubFor(head(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/v1/images/[-0-9a-f]{36}"))
                .willReturn(aResponse().withHeader("x-image-meta-id", ID).withHeader("x-image-meta-name", "n")
                        .withHeader("x-image-meta-status", "queued")));

        Image image = images.create(ImageSpec.builder().name("n").build());

        assertThat(image.name()).isEqualTo("n");
        var posts = wm.findAll(postRequestedFor(urlEqualTo("/v1/images")));
        assertThat(posts).hasSize(2);
        assertThat(posts.get(0).getHeader("x-image-meta-id")).isEqualTo(posts.get(1).getHeader("x-image-meta-id"));
    }

    @Test
    void notFoundIsTypedAndNotRetried() {
        wm.stubFor(head(urlEqualTo(PATH)).willReturn(aResponse().withStatus(404)));
        assertThatThrownBy(() -> images.get(ID)).isInstanceOf(NotFoundException.class);
        wm.verify(1, headRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void seedCallsKeepTheirHeadersThroughTheProductionPath() throws Exception {
        byte[] data = TestQcow2.stamp(new byte[2048]);
        String md5 = Seed004WireTest.md5(data);
        wm.stubFor(post(urlEqualTo("/v1/images")).willReturn(aResponse().withStatus(201)
                .withBody(Seed004WireTest.imageJson(md5, data.length, "My Custom Image", "{}"))));
        wm.stubFor(put(urlEqualTo(PATH)).willReturn(aResponse()
                .withBody(Seed004WireTest.imageJson(md5, data.length, "My Custom Image", "{}"))));
        wm.stubFor(get(urlEqualTo("/v1/images/detail?limit=25")).willReturn(aResponse().withBody("{\"images\": []}")));
        wm.stubFor(delete(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)));

        Image created = images.createWithData(ImageSpec.builder().id(ID).name("My Custom Image")
                .diskFormat(DiskFormat.QCOW2).containerFormat(ContainerFormat.BARE).build(),
                ImageData.fromBytes(data), null);
        images.makePublic(ID);
        assertThat(images.list(ImageQuery.all()).stream().count()).isZero();
        images.delete(ID);

        assertThat(created.checksum()).isEqualTo(md5);
        var post = wm.findAll(postRequestedFor(urlEqualTo("/v1/images"))).get(0);
        assertThat(Seed004WireTest.glanceHeaders(post)).isEqualTo(Map.of(
                "x-image-meta-disk_format", "qcow2", "x-image-meta-container_format", "bare",
                "x-image-meta-name", "My Custom Image", "x-image-meta-id", ID, "x-image-meta-size", "2048"));
        assertThat(post.getHeader("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(post.getHeader("X-Auth-Token")).isEqualTo("static-token");
        assertThat(post.getBody()).isEqualTo(data);
        assertThat(Seed004WireTest.glanceHeaders(wm.findAll(putRequestedFor(urlEqualTo(PATH))).get(0))).isEqualTo(
                Map.of("x-image-meta-is_public", "True", "x-glance-registry-purge-props", "False"));
        wm.verify(getRequestedFor(urlEqualTo("/v1/images/detail?limit=25")).withHeader("X-Auth-Token", equalTo("static-token")));
        wm.verify(deleteRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void uploadChecksumMismatchIsDetectedOnTheProductionPath() {
        wm.stubFor(post(urlEqualTo("/v1/images")).willReturn(aResponse().withStatus(201)
                .withBody(V1JsonTest.SEED_CREATE_RESPONSE)));
        wm.stubFor(delete(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)));
        assertThatThrownBy(() -> images.createWithData(ImageSpec.builder().id(ID).name("x").build(),
                ImageData.fromBytes(new byte[456]), null)).isInstanceOf(ChecksumMismatchException.class);
        wm.verify(1, deleteRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void downloadIsVerifiedAgainstTheResponsesChecksumHeader() throws Exception {
        byte[] data = new byte[100_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        wm.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withBody(data)
                .withHeader("x-image-meta-id", ID).withHeader("x-image-meta-checksum", Seed004WireTest.md5(data))));
        Path target = dir.resolve("image.qcow2");
        DownloadResult result = images.download(ID).toPath(target);
        assertThat(result.algorithm()).isEqualTo("md5");
        assertThat(Files.readAllBytes(target)).isEqualTo(data);
        wm.verify(getRequestedFor(urlEqualTo(PATH)).withHeader("X-Auth-Token", equalTo("static-token")));

        wm.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withBody(data)
                .withHeader("x-image-meta-checksum", "00000000000000000000000000000000")));
        Path bad = dir.resolve("bad.qcow2");
        assertThatThrownBy(() -> images.download(ID).toPath(bad)).isInstanceOf(ChecksumMismatchException.class);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }
}
