package dev.imagesdk.v2.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.imagesdk.ImageData;
import dev.imagesdk.exception.ChecksumMismatchException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Glance's image data through the service ({@link V2ImageData}): the verified upload, its status-aware
 * retry and shared attempt budget, create-and-upload with its clean-up, and uploads to a named store.
 */
class V2ImageDataTest extends V2WireFixture {

    @Test
    void uploadVerifiesTheStoredChecksumsAndSendsTheSize() {
        wm.stubFor(put("/v2/images/" + ID + "/file").willReturn(aResponse().withStatus(204)));
        stubStoredImage(TestWiring.hex("MD5", DATA), TestWiring.hex("SHA-512", DATA), DATA.length);
        Image img = images.upload(ID, ImageData.fromBytes(DATA));
        assertThat(img.id()).isEqualTo(ID);
        wm.verify(putRequestedFor(urlEqualTo("/v2/images/" + ID + "/file"))
                .withHeader("Content-Type", equalTo("application/octet-stream"))
                .withHeader("x-openstack-image-size", equalTo(Integer.toString(DATA.length)))
                .withRequestBody(binaryEqualTo(DATA)));
    }

    @Test
    void uploadWithAStoredMd5MismatchThrowsAndDeletesTheImage() {
        wm.stubFor(put("/v2/images/" + ID + "/file").willReturn(aResponse().withStatus(204)));
        wm.stubFor(delete("/v2/images/" + ID).willReturn(aResponse().withStatus(204)));
        stubStoredImage("00000000000000000000000000000000", TestWiring.hex("SHA-512", DATA), DATA.length);
        assertThatThrownBy(() -> images.upload(ID, ImageData.fromBytes(DATA)))
                .isInstanceOfSatisfying(ChecksumMismatchException.class, e -> {
                    assertThat(e.algorithm()).isEqualTo("md5");
                    // The caller's view: expected = the digest of the bytes sent, actual = what Glance stored.
                    assertThat(e.expected()).isEqualTo(TestWiring.hex("MD5", DATA));
                    assertThat(e.actual()).isEqualTo("00000000000000000000000000000000");
                    assertThat(e.localDigest()).contains(TestWiring.hex("MD5", DATA));
                    assertThat(e.serviceDigest()).contains("00000000000000000000000000000000");
                });
        wm.verify(1, deleteRequestedFor(urlEqualTo("/v2/images/" + ID)));
    }

    @Test
    void uploadWithASha512MismatchLeavesTheImageWhenConfiguredTo() {
        V2ImageService keeping = service(("http://127.0.0.1:" + wm.getPort()), false);
        wm.stubFor(put("/v2/images/" + ID + "/file").willReturn(aResponse().withStatus(204)));
        stubStoredImage(TestWiring.hex("MD5", DATA), "ab".repeat(64), DATA.length);
        assertThatThrownBy(() -> keeping.upload(ID, ImageData.fromBytes(DATA)))
                .isInstanceOfSatisfying(ChecksumMismatchException.class,
                        e -> assertThat(e.algorithm()).isEqualTo("sha512"));
        wm.verify(0, deleteRequestedFor(anyUrl()));
    }

    @Test
    void createAndUploadDeletesTheImageWhenTheUploadFails() {
        wm.stubFor(post("/v2/images").willReturn(json(201, imageJson("image-created.json"))));
        wm.stubFor(put("/v2/images/" + ID + "/file").willReturn(json(413, "{\"message\":\"quota\"}")));
        wm.stubFor(delete("/v2/images/" + ID).willReturn(aResponse().withStatus(204)));
        assertThatThrownBy(() -> images.createAndUpload(ImageSpec.builder().id(ID).name("x").build(),
                ImageData.fromBytes(DATA), null)).hasMessageContaining("quota");
        wm.verify(1, deleteRequestedFor(urlEqualTo("/v2/images/" + ID)));
    }

    @Test
    void createAndUploadKeepsTheImageOnFailureWhenAsked() {
        wm.stubFor(post("/v2/images").willReturn(json(201, imageJson("image-created.json"))));
        wm.stubFor(put("/v2/images/" + ID + "/file").willReturn(json(413, "{\"message\":\"quota\"}")));
        assertThatThrownBy(() -> images.createAndUpload(ImageSpec.builder().id(ID).name("x").build(),
                ImageData.fromBytes(DATA), null, true)).hasMessageContaining("quota");
        wm.verify(0, deleteRequestedFor(anyUrl()));
    }

    @Test
    void uploadFromAReplayableSourceIsSentAgainWhileTheImageIsStillQueued() {
        wm.stubFor(put("/v2/images/" + ID + "/file").inScenario("u").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(503, "{}")).willSetStateTo("retry"));
        wm.stubFor(put("/v2/images/" + ID + "/file").inScenario("u").whenScenarioStateIs("retry")
                .willReturn(aResponse().withStatus(204)).willSetStateTo("uploaded"));
        ObjectNode queued = (ObjectNode) Transcripts.json("image-created.json");
        wm.stubFor(get("/v2/images/" + ID).inScenario("u").whenScenarioStateIs("retry")
                .willReturn(json(200, queued.toString())));
        ObjectNode active = (ObjectNode) Transcripts.json("image-active.json");
        active.put("checksum", TestWiring.hex("MD5", DATA)).put("os_hash_value", TestWiring.hex("SHA-512", DATA))
                .put("size", DATA.length);
        wm.stubFor(get("/v2/images/" + ID).inScenario("u").whenScenarioStateIs("uploaded")
                .willReturn(json(200, active.toString())));

        Image img = images.upload(ID, ImageData.fromBytes(DATA));

        assertThat(img.isActive()).isTrue();
        wm.verify(2, putRequestedFor(urlEqualTo("/v2/images/" + ID + "/file")));
        assertThat(pauses).containsExactly(Duration.ofMillis(100));
    }

    @Test
    void uploadWhoseFailureArrivedAfterTheServiceStoredItIsVerifiedNotResent() {
        wm.stubFor(put("/v2/images/" + ID + "/file").willReturn(json(503, "{}")));
        stubStoredImage(TestWiring.hex("MD5", DATA), TestWiring.hex("SHA-512", DATA), DATA.length);
        Image img = images.upload(ID, ImageData.fromBytes(DATA));
        assertThat(img.checksum()).isEqualTo(TestWiring.hex("MD5", DATA));
        wm.verify(1, putRequestedFor(anyUrl()));
    }

    @Test
    void uploadFromAOneShotStreamIsNeverResent() {
        wm.stubFor(put("/v2/images/" + ID + "/file").willReturn(json(503, "{}")));
        assertThatThrownBy(() -> images.upload(ID, ImageData.fromStream(new java.io.ByteArrayInputStream(DATA),
                DATA.length))).isInstanceOf(dev.imagesdk.exception.ServiceUnavailableException.class);
        wm.verify(1, putRequestedFor(anyUrl()));
        wm.verify(0, getRequestedFor(anyUrl()));
    }

    @Test
    void uploadGivesUpAfterTheLastAttempt() {
        wm.stubFor(put("/v2/images/" + ID + "/file").willReturn(json(503, "{}")));
        wm.stubFor(get("/v2/images/" + ID).willReturn(json(200, imageJson("image-created.json"))));
        assertThatThrownBy(() -> images.upload(ID, ImageData.fromBytes(DATA)))
                .isInstanceOf(dev.imagesdk.exception.ServiceUnavailableException.class);
        wm.verify(V2ImageData.MAX_UPLOAD_ATTEMPTS, putRequestedFor(anyUrl()));
    }

    @Test
    void transportResendsCountAgainstTheUploadAttemptsSoRetriesDoNotMultiply() {
        transfer.resendsPerCall = V2ImageData.MAX_UPLOAD_ATTEMPTS - 1; // the first call spends the budget
        wm.stubFor(put("/v2/images/" + ID + "/file").willReturn(json(503, "{}")));
        wm.stubFor(get("/v2/images/" + ID).willReturn(json(200, imageJson("image-created.json"))));
        assertThatThrownBy(() -> images.upload(ID, ImageData.fromBytes(DATA)))
                .isInstanceOf(dev.imagesdk.exception.ServiceUnavailableException.class);
        wm.verify(1, putRequestedFor(anyUrl()));
    }

    @Test
    void uploadToStoreSendsTheStoreHeaderAndRefusesReservedStores() {
        wm.stubFor(put("/v2/images/" + ID + "/file").willReturn(aResponse().withStatus(204)));
        stubStoredImage(TestWiring.hex("MD5", DATA), TestWiring.hex("SHA-512", DATA), DATA.length);
        images.uploadToStore(ID, "file2", ImageData.fromBytes(DATA), null);
        wm.verify(putRequestedFor(urlEqualTo("/v2/images/" + ID + "/file")).withHeader("X-Image-Meta-Store", equalTo("file2")));
        assertThatThrownBy(() -> images.uploadToStore(ID, "os_glance_staging_store", ImageData.fromBytes(DATA), null))
                .isInstanceOf(InvalidInputException.class);
        wm.verify(1, putRequestedFor(anyUrl()));
    }
}
