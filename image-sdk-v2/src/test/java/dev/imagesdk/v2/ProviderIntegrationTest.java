package dev.imagesdk.v2;

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
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageQuery;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.ImageUpdate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The v2 module as users get it: {@link ImageService#builder()} finds {@link ImageServiceV2} through the
 * ServiceLoader and runs it on the core call layer (Feign, CallExecutor, ErrorMapper) and streaming engine,
 * against WireMock serving the real-Glance transcripts.
 */
class ProviderIntegrationTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

    static final String ID = "d63ff38b-68c1-49d6-93fb-96740f4fbd4e";
    static final String TOKEN = "gAAAAABrA0Sm-static-token";
    static final byte[] DATA = "bytes of a tiny image".getBytes(StandardCharsets.UTF_8);

    ImageServiceV2 images;

    @BeforeEach
    void build() {
        ClientConfig config = ClientConfig.builder().auth(new AuthMethod.StaticToken(TOKEN))
                .imageEndpoint("http://127.0.0.1:" + wm.getPort() + "/image/v2").initialBackoff(Duration.ofMillis(1))
                .maxBackoff(Duration.ofMillis(5)).build();
        ImageService service = ImageService.builder().config(config).apiVersion(ApiVersion.V2).build();
        assertThat(service).isInstanceOf(ImageServiceV2.class);
        assertThat(service.apiVersion()).isEqualTo(ApiVersion.V2);
        images = (ImageServiceV2) service;
    }

    @AfterEach
    void close() {
        images.close();
    }

    private static String transcript(String name) {
        try (InputStream in = ProviderIntegrationTest.class.getResourceAsStream("/transcripts/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String hex(String algo, byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algo).digest(b));
    }

    private static String activeImageWithData() throws Exception {
        return transcript("image-active.json").replace("e25d35a13a091baec9e18772e8bf0014", hex("MD5", DATA))
                .replaceAll("797b0323[0-9a-f]{120}", hex("SHA-512", DATA))
                .replace("3145745", Integer.toString(DATA.length));
    }

    @Test
    void createRetriesA503ThroughTheCoreExecutorAndReadsTheHeaders() {
        wm.stubFor(post("/image/v2/images").inScenario("c").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0")).willSetStateTo("ok"));
        wm.stubFor(post("/image/v2/images").inScenario("c").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withHeader("Openstack-Image-Store-Ids", "file1,os_glance_staging_store")
                        .withBody(transcript("image-created.json"))));
        CreatedImage created = images.createDetailed(ImageSpec.builder().name("http-sample").build());
        assertThat(created.image().id()).isEqualTo(ID);
        assertThat(created.storeIds()).containsExactly("file1");
        wm.verify(2, postRequestedFor(urlEqualTo("/image/v2/images")).withHeader("X-Auth-Token", equalTo(TOKEN))
                .withHeader("Content-Type", equalTo("application/json")));
    }

    @Test
    void errorsAreMappedFromPlainTextBodiesByTheCoreMapper() {
        wm.stubFor(get("/image/v2/images/" + ID).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "text/plain; charset=UTF-8")
                .withHeader("X-Openstack-Request-Id", "req-eab84bde")
                .withBody("404 Not Found\n\nNo image found with ID " + ID + "\n\n   ")));
        assertThatThrownBy(() -> images.get(ID)).isInstanceOfSatisfying(NotFoundException.class, e -> {
            assertThat(e.requestId()).contains("req-eab84bde");
            assertThat(e.serviceMessage()).contains("No image found");
        });
        assertThat(images.find(ID)).isEmpty();
    }

    @Test
    void patchGoesThroughTheCoreFeignWithThePatchMediaType() {
        wm.stubFor(patch(urlEqualTo("/image/v2/images/" + ID)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(transcript("image-patched.json"))));
        Image img = images.update(ID, ImageUpdate.builder().name("http-sample-2").build());
        assertThat(img.name()).isEqualTo("http-sample-2");
        wm.verify(patchRequestedFor(urlEqualTo("/image/v2/images/" + ID))
                .withHeader("Content-Type", equalTo("application/openstack-images-v2.1-json-patch"))
                .withRequestBody(equalToJson("[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"http-sample-2\"}]")));
    }

    @Test
    void listFollowsTheNextLinkUnderTheEndpointPrefix() {
        wm.stubFor(get(urlEqualTo("/image/v2/images?limit=2")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(transcript("list-page1.json"))));
        wm.stubFor(get(urlEqualTo("/image/v2/images?limit=2&sort_key=name&sort_dir=asc&lab_page=yes"
                + "&marker=0dfeb241-e5b4-4562-bdce-8af0bf22b083")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(transcript("list-empty.json"))));
        List<String> names = images.list(ImageQuery.builder().pageSize(2).build()).stream().map(Image::name).toList();
        assertThat(names).containsExactly("page-0", "page-1");
    }

    @Test
    void uploadStreamsThroughTheEngineAndVerifiesTheStoredHashes() throws Exception {
        wm.stubFor(put("/image/v2/images/" + ID + "/file").willReturn(aResponse().withStatus(204)));
        wm.stubFor(get("/image/v2/images/" + ID).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(activeImageWithData())));
        long[] progress = {0};
        Image img = images.upload(ID, ImageData.fromBytes(DATA), (done, total) -> progress[0] = done);
        assertThat(img.isActive()).isTrue();
        assertThat(progress[0]).isEqualTo(DATA.length);
        wm.verify(putRequestedFor(urlEqualTo("/image/v2/images/" + ID + "/file"))
                .withHeader("X-Auth-Token", equalTo(TOKEN))
                .withHeader("Content-Type", equalTo("application/octet-stream"))
                .withHeader("x-openstack-image-size", equalTo(Integer.toString(DATA.length)))
                .withRequestBody(binaryEqualTo(DATA)));
    }

    /** The PUT succeeds, the image reads back with an MD5 that is not the data's, DELETE works. */
    private static void stubUploadStoredWithAWrongChecksum() throws Exception {
        wm.stubFor(put("/image/v2/images/" + ID + "/file").willReturn(aResponse().withStatus(204)));
        wm.stubFor(get("/image/v2/images/" + ID).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(activeImageWithData().replace(hex("MD5", DATA), "0".repeat(32)))));
        wm.stubFor(delete("/image/v2/images/" + ID).willReturn(aResponse().withStatus(204)));
    }

    @Test
    void uploadWhoseStoredChecksumDiffersFailsAndDeletesTheImage() throws Exception {
        stubUploadStoredWithAWrongChecksum();
        assertThatThrownBy(() -> images.upload(ID, ImageData.fromBytes(DATA)))
                .isInstanceOf(ChecksumMismatchException.class);
        wm.verify(1, deleteRequestedFor(urlEqualTo("/image/v2/images/" + ID)));
    }

    @Test
    void deleteImageOnChecksumMismatchFalseLeavesTheCorruptImageForInspection() throws Exception {
        stubUploadStoredWithAWrongChecksum();
        ClientConfig keeping = ClientConfig.builder().auth(new AuthMethod.StaticToken(TOKEN))
                .imageEndpoint("http://127.0.0.1:" + wm.getPort() + "/image/v2").deleteImageOnChecksumMismatch(false)
                .build();
        try (ImageService service = ImageService.builder().config(keeping).apiVersion(ApiVersion.V2).build()) {
            assertThatThrownBy(() -> service.upload(ID, ImageData.fromBytes(DATA)))
                    .isInstanceOf(ChecksumMismatchException.class);
        }
        wm.verify(0, deleteRequestedFor(urlEqualTo("/image/v2/images/" + ID)));
    }

    @Test
    void uploadFailedAfterTheBodyIsNotBlindlyRetriedButResentOnceTheImageIsSeenQueued() throws Exception {
        wm.stubFor(put("/image/v2/images/" + ID + "/file").inScenario("u").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("queued"));
        wm.stubFor(get("/image/v2/images/" + ID).inScenario("u").whenScenarioStateIs("queued")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(transcript("image-created.json"))));
        wm.stubFor(put("/image/v2/images/" + ID + "/file").inScenario("u").whenScenarioStateIs("queued")
                .willReturn(aResponse().withStatus(204)).willSetStateTo("active"));
        wm.stubFor(get("/image/v2/images/" + ID).inScenario("u").whenScenarioStateIs("active")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(activeImageWithData())));
        Image img = images.upload(ID, ImageData.fromBytes(DATA));
        assertThat(img.isActive()).isTrue();
        wm.verify(2, putRequestedFor(urlEqualTo("/image/v2/images/" + ID + "/file")).withRequestBody(binaryEqualTo(DATA)));
        // One GET decided the resend (image still queued), one verified: the executor did not resend blindly.
        wm.verify(2, getRequestedFor(urlEqualTo("/image/v2/images/" + ID)));
    }

    @Test
    void oneShotUploadFailingAfterTheBodyIsReportedNotReplayed() {
        wm.stubFor(put("/image/v2/images/" + ID + "/file").willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> images.upload(ID, ImageData.fromStream(new java.io.ByteArrayInputStream(DATA),
                DATA.length))).isInstanceOf(dev.imagesdk.exception.ServiceUnavailableException.class);
        wm.verify(1, putRequestedFor(anyUrl()));
    }

    @Test
    void ofReturnsTheV2View() {
        assertThat(ImageServiceV2.of(images)).isSameAs(images);
        assertThatThrownBy(() -> ImageServiceV2.of(null)).isInstanceOf(dev.imagesdk.exception.ImageSdkClientException.class);
    }

    @Test
    void downloadToPathIsVerifiedAgainstTheImagesSha512(@TempDir Path dir) throws Exception {
        wm.stubFor(get("/image/v2/images/" + ID).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(activeImageWithData())));
        wm.stubFor(get("/image/v2/images/" + ID + "/file").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/octet-stream").withHeader("Content-MD5", hex("MD5", DATA))
                .withBody(DATA)));
        Path target = dir.resolve("img.raw");
        DownloadResult r = images.download(ID).toPath(target);
        assertThat(r.algorithm()).isEqualTo("sha512");
        assertThat(r.bytes()).isEqualTo(DATA.length);
        assertThat(Files.readAllBytes(target)).isEqualTo(DATA);
        wm.verify(getRequestedFor(urlEqualTo("/image/v2/images/" + ID + "/file")).withHeader("X-Auth-Token", equalTo(TOKEN)));
    }

    @Test
    void downloadOfAQueuedImageWithoutDataFailsTypedAndWritesNothing(@TempDir Path dir) {
        wm.stubFor(get("/image/v2/images/" + ID).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(transcript("image-created.json"))));
        wm.stubFor(get("/image/v2/images/" + ID + "/file").willReturn(aResponse().withStatus(204)));
        Path target = dir.resolve("none.raw");
        assertThatThrownBy(() -> images.download(ID).toPath(target))
                .isInstanceOf(dev.imagesdk.exception.ImageSdkClientException.class).hasMessageContaining("no data");
        assertThat(target).doesNotExist();
    }

    @Test
    void corruptDownloadLeavesNothingAtTheTarget(@TempDir Path dir) throws Exception {
        wm.stubFor(get("/image/v2/images/" + ID).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(activeImageWithData())));
        byte[] corrupt = DATA.clone();
        corrupt[3] ^= 1;
        wm.stubFor(get("/image/v2/images/" + ID + "/file").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/octet-stream").withBody(corrupt)));
        Path target = dir.resolve("img.raw");
        assertThatThrownBy(() -> images.download(ID).toPath(target)).isInstanceOf(ChecksumMismatchException.class);
        assertThat(target).doesNotExist();
    }
}
