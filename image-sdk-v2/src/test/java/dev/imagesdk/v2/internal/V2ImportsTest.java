package dev.imagesdk.v2.internal;

import dev.imagesdk.ImageData;
import dev.imagesdk.exception.ConflictException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.v2.ImportMethod;
import dev.imagesdk.v2.ImportRequest;
import dev.imagesdk.v2.StoreInfo;
import dev.imagesdk.v2.Task;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Glance's interoperable import through the service ({@link V2Imports}): the import bodies of each method,
 * the sent-once rule, discovery (import methods, stores), deleting from a store, and create-and-import.
 */
class V2ImportsTest extends V2WireFixture {

    @Test
    void glanceDirectImportSendsTheTranscriptBody() {
        wm.stubFor(post("/v2/images/" + ID + "/import").willReturn(aResponse().withStatus(202)));
        images.importImage(ID, ImportRequest.builder(ImportMethod.GLANCE_DIRECT).store("file1").build());
        wm.verify(postRequestedFor(urlEqualTo("/v2/images/" + ID + "/import"))
                .withHeader("Content-Type", equalTo(JSON_CT)).withHeader("Accept", equalTo(JSON_CT))
                .withRequestBody(equalToJson("{\"method\":{\"name\":\"glance-direct\"},\"stores\":[\"file1\"]}")));
    }

    @Test
    void webDownloadAndCopyImageBodiesMatchTheRealClient() {
        wm.stubFor(post("/v2/images/" + ID + "/import").willReturn(aResponse().withStatus(202)));
        images.importImage(ID, ImportRequest.webDownload(URI.create("http://127.0.0.1:18080/test-1m.raw")));
        images.importImage(ID, ImportRequest.builder(ImportMethod.COPY_IMAGE).store("file2")
                .allStoresMustSucceed(false).build());
        wm.verify(postRequestedFor(anyUrl()).withRequestBody(equalToJson(
                "{\"method\":{\"name\":\"web-download\",\"uri\":\"http://127.0.0.1:18080/test-1m.raw\"}}")));
        wm.verify(postRequestedFor(anyUrl()).withRequestBody(equalToJson(
                "{\"method\":{\"name\":\"copy-image\"},\"stores\":[\"file2\"],\"all_stores_must_succeed\":false}")));
    }

    @Test
    void importAlreadyRunningIsAConflictAndNotRetried() {
        wm.stubFor(post("/v2/images/" + ID + "/import").willReturn(json(409, "{\"message\":\"Image has active task\"}")));
        assertThatThrownBy(() -> images.importImage(ID, ImportRequest.glanceDirect()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("active task");
        wm.verify(1, postRequestedFor(anyUrl()));
    }

    @Test
    void importInfoStoresAndTasksAreParsedFromTheTranscripts() {
        wm.stubFor(get("/v2/info/import").willReturn(json(200, Transcripts.text("info-import.json"))));
        wm.stubFor(get("/v2/info/stores").willReturn(json(200, Transcripts.text("info-stores.json"))));
        wm.stubFor(get("/v2/info/stores/detail").willReturn(json(200, Transcripts.text("info-stores-detail.json"))));
        wm.stubFor(get("/v2/images/" + ID + "/tasks").willReturn(json(200, Transcripts.text("tasks.json"))));

        assertThat(images.importMethods()).containsExactly(ImportMethod.GLANCE_DIRECT, ImportMethod.WEB_DOWNLOAD,
                ImportMethod.COPY_IMAGE);
        List<StoreInfo> stores = images.stores();
        assertThat(stores).extracting(StoreInfo::id).containsExactly("file1", "file2");
        assertThat(stores.get(0).isDefault()).isTrue();
        assertThat(stores.get(1).isDefault()).isFalse();
        StoreInfo detail = images.storesDetail().get(0);
        assertThat(detail.type()).isEqualTo("file");
        assertThat(detail.properties()).containsEntry("chunk_size", "65536").containsEntry("thin_provisioning", "false");
        List<Task> tasks = images.imageTasks(ID);
        assertThat(tasks).hasSize(2);
        assertThat(tasks.get(0).type()).isEqualTo("api_image_import");
        assertThat(tasks.get(0).isFinished()).isTrue();
        assertThat(tasks.get(0).message()).isEqualTo("Copied 1 MiB");
        assertThat(tasks.get(0).createdAt()).isNotNull();
        assertThat(tasks.get(1).inputJson()).contains("copy-image");
    }

    @Test
    void deleteFromStoreUsesTheStoresPath() {
        wm.stubFor(delete("/v2/stores/file2/" + ID).willReturn(aResponse().withStatus(204)));
        images.deleteFromStore("file2", ID);
        wm.verify(deleteRequestedFor(urlEqualTo("/v2/stores/file2/" + ID)));
    }

    @Test
    void createAndImportStagesImportsWaitsAndVerifies() {
        wm.stubFor(post("/v2/images").willReturn(json(201, imageJson("image-created.json"))));
        wm.stubFor(put("/v2/images/" + ID + "/stage").willReturn(aResponse().withStatus(204)));
        wm.stubFor(post("/v2/images/" + ID + "/import").willReturn(aResponse().withStatus(202)));
        stubStoredImage(TestWiring.hex("MD5", DATA), TestWiring.hex("SHA-512", DATA), DATA.length);
        Image img = images.createAndImport(ImageSpec.builder().id(ID).name("x").build(), ImageData.fromBytes(DATA),
                ImportRequest.glanceDirect(), null, Duration.ofMinutes(1), false);
        assertThat(img.isActive()).isTrue();
        wm.verify(putRequestedFor(urlEqualTo("/v2/images/" + ID + "/stage")).withRequestBody(binaryEqualTo(DATA))
                .withoutHeader("X-Image-Meta-Store"));
        wm.verify(postRequestedFor(urlEqualTo("/v2/images/" + ID + "/import"))
                .withRequestBody(equalToJson("{\"method\":{\"name\":\"glance-direct\"}}")));
    }

    @Test
    void createAndImportRefusesOtherMethodsBeforeCreating() {
        assertThatThrownBy(() -> images.createAndImport(ImageSpec.builder().name("x").build(),
                ImageData.fromBytes(DATA), ImportRequest.copyImage("file2"), null, Duration.ofMinutes(1), false))
                .isInstanceOf(InvalidInputException.class);
        assertThat(wm.getAllServeEvents()).isEmpty();
    }
}
