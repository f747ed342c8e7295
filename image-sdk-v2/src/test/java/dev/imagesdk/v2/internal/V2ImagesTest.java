package dev.imagesdk.v2.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.imagesdk.exception.ConflictException;
import dev.imagesdk.exception.ForbiddenException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.exception.NotFoundException;
import dev.imagesdk.exception.WaiterException;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageQuery;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.ImageStatus;
import dev.imagesdk.model.ImageUpdate;
import dev.imagesdk.model.SortDirection;
import dev.imagesdk.model.SortKey;
import dev.imagesdk.model.Visibility;
import dev.imagesdk.v2.CreatedImage;
import dev.imagesdk.v2.ImportMethod;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Glance's images resource through the service ({@link V2Images}): create and its retried-conflict
 * rule, get, find, delete, update by JSON patch, list paging, the deactivate/reactivate actions, and waiting
 * for a status.
 */
class V2ImagesTest extends V2WireFixture {

    @Test
    void createSendsTheTranscriptRequestWithAClientIdAndReadsDiscoveryHeaders() {
        wm.stubFor(post("/v2/images").willReturn(json(201, imageJson("image-created.json"))
                .withHeader("Location", "http://127.0.0.1:9292/v2/images/" + ID)
                .withHeader("Openstack-Image-Import-Methods", "glance-direct,web-download,copy-image")
                .withHeader("Openstack-Image-Store-Ids", "file1,file2,os_glance_staging_store,os_glance_tasks_store")));
        ImageSpec spec = ImageSpec.builder().id(ID).name("http-sample").diskFormat(DiskFormat.RAW)
                .containerFormat(ContainerFormat.BARE).visibility(Visibility.PRIVATE).minDisk(1).minRam(64)
                .tag("sample").property("os_distro", "debian").property("lab_key", "one").build();

        CreatedImage created = images.createDetailed(spec);

        assertThat(created.image().id()).isEqualTo(ID);
        assertThat(created.image().status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(created.importMethods()).containsExactly(ImportMethod.GLANCE_DIRECT, ImportMethod.WEB_DOWNLOAD,
                ImportMethod.COPY_IMAGE);
        assertThat(created.storeIds()).containsExactly("file1", "file2");
        wm.verify(1, postRequestedFor(urlEqualTo("/v2/images"))
                .withHeader("X-Auth-Token", equalTo(TestWiring.TOKEN))
                .withHeader("Accept", equalTo(JSON_CT))
                .withHeader("Content-Type", equalTo(JSON_CT))
                .withRequestBody(equalToJson("{\"id\":\"" + ID + "\",\"name\":\"http-sample\",\"disk_format\":\"raw\","
                        + "\"container_format\":\"bare\",\"visibility\":\"private\",\"min_disk\":1,\"min_ram\":64,"
                        + "\"tags\":[\"sample\"],\"os_distro\":\"debian\",\"lab_key\":\"one\"}")));
    }

    @Test
    void createWithoutIdGeneratesOneAndSendsTheSameIdOnEveryAttempt() {
        wm.stubFor(post("/v2/images").inScenario("retry").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(503, "{\"message\":\"busy\"}")).willSetStateTo("second"));
        wm.stubFor(post("/v2/images").inScenario("retry").whenScenarioStateIs("second")
                .willReturn(json(201, imageJson("image-created.json"))));
        images.create(ImageSpec.builder().name("x").build());
        List<String> ids = new ArrayList<>();
        wm.findAll(postRequestedFor(urlEqualTo("/v2/images"))).forEach(r -> {
            try {
                ids.add(TestWiring.JSON.readTree(r.getBodyAsString()).get("id").asText());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertThat(ids).hasSize(2).doesNotContainNull();
        assertThat(ids.get(0)).isEqualTo(ids.get(1)).matches("[0-9a-f-]{36}");
    }

    @Test
    void conflictOnARetriedCreateReadsTheImageBackAndAcceptsItWhenItMatches() {
        wm.stubFor(post("/v2/images").inScenario("c").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(503, "{}")).willSetStateTo("after"));
        wm.stubFor(post("/v2/images").inScenario("c").whenScenarioStateIs("after")
                .willReturn(json(409, "{\"message\":\"Image with identifier " + ID + " already exists!\"}")));
        wm.stubFor(get("/v2/images/" + ID).willReturn(json(200, imageJson("image-created.json"))));

        Image img = images.create(ImageSpec.builder().id(ID).name("http-sample").diskFormat(DiskFormat.RAW)
                .property("lab_key", "one").build());

        assertThat(img.id()).isEqualTo(ID);
        wm.verify(2, postRequestedFor(urlEqualTo("/v2/images")));
        wm.verify(1, getRequestedFor(urlEqualTo("/v2/images/" + ID)));
    }

    @Test
    void conflictOnARetriedCreateWithADifferentImageIsThrown() {
        wm.stubFor(post("/v2/images").inScenario("c").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(503, "{}")).willSetStateTo("after"));
        wm.stubFor(post("/v2/images").inScenario("c").whenScenarioStateIs("after")
                .willReturn(json(409, "{\"message\":\"exists\"}")));
        wm.stubFor(get("/v2/images/" + ID).willReturn(json(200, imageJson("image-created.json"))));

        assertThatThrownBy(() -> images.create(ImageSpec.builder().id(ID).name("someone-else").build()))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void conflictOnTheFirstCreateAttemptIsThrownWithoutReadBack() {
        wm.stubFor(post("/v2/images").willReturn(json(409, "{\"message\":\"exists\"}")));
        assertThatThrownBy(() -> images.create(ImageSpec.builder().id(ID).name("x").build()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("exists");
        wm.verify(0, getRequestedFor(anyUrl()));
    }

    @Test
    void malformedCreateResponseIsATypedErrorAndNotRetried() {
        wm.stubFor(post("/v2/images").willReturn(json(201, "{not json")));
        assertThatThrownBy(() -> images.create(ImageSpec.builder().name("x").build()))
                .isInstanceOf(dev.imagesdk.exception.ImageSdkClientException.class).hasMessageContaining("Malformed");
        wm.verify(1, postRequestedFor(anyUrl()));
    }

    @Test
    void getSendsAcceptJsonAndParsesTheImage() {
        wm.stubFor(get("/v2/images/" + ID).willReturn(json(200, imageJson("image-active.json"))));
        Image img = images.get(ID);
        assertThat(img.checksum()).isEqualTo("e25d35a13a091baec9e18772e8bf0014");
        wm.verify(getRequestedFor(urlEqualTo("/v2/images/" + ID)).withHeader("Accept", equalTo(JSON_CT))
                .withHeader("X-Auth-Token", equalTo(TestWiring.TOKEN)));
    }

    @Test
    void findIsEmptyOn404() {
        wm.stubFor(get("/v2/images/" + ID).willReturn(json(404, "{\"message\":\"No image found\"}")));
        assertThat(images.find(ID)).isEmpty();
        assertThatThrownBy(() -> images.get(ID)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void deleteThatSees404OnARetrySucceeds() {
        wm.stubFor(delete("/v2/images/" + ID).inScenario("d").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(503, "{}")).willSetStateTo("gone"));
        wm.stubFor(delete("/v2/images/" + ID).inScenario("d").whenScenarioStateIs("gone")
                .willReturn(json(404, "{\"message\":\"Failed to find image\"}")));
        images.delete(ID);
        wm.verify(2, deleteRequestedFor(urlEqualTo("/v2/images/" + ID)).withHeader("Accept", equalTo(JSON_CT)));
    }

    @Test
    void deleteOfAMissingImageAtTheFirstAttemptIsNotFound() {
        wm.stubFor(delete("/v2/images/" + ID).willReturn(json(404, "{\"message\":\"Failed to find image\"}")));
        assertThatThrownBy(() -> images.delete(ID)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void deleteOfAProtectedImageIsForbidden() {
        wm.stubFor(delete("/v2/images/" + ID).willReturn(json(403, "{\"message\":\"is protected\"}")));
        assertThatThrownBy(() -> images.delete(ID)).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void blankIdIsRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> images.get(" ")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> images.delete(null)).isInstanceOf(InvalidInputException.class);
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void updateSendsTheV21PatchMediaTypeAndDocument() {
        wm.stubFor(patch(urlEqualTo("/v2/images/" + ID)).willReturn(json(200, imageJson("image-patched.json"))));
        Image img = images.update(ID, ImageUpdate.builder().name("http-sample-2").property("lab_new", "x")
                .property("lab_key", "two").removeProperty("os_distro").build());
        assertThat(img.name()).isEqualTo("http-sample-2");
        assertThat(img.properties()).containsEntry("lab_key", "two").doesNotContainKey("os_distro");
        wm.verify(1, patchRequestedFor(urlEqualTo("/v2/images/" + ID))
                .withHeader("Content-Type", equalTo("application/openstack-images-v2.1-json-patch"))
                .withHeader("Accept", equalTo(JSON_CT))
                .withRequestBody(equalToJson("[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"http-sample-2\"},"
                        + "{\"op\":\"add\",\"path\":\"/lab_new\",\"value\":\"x\"},"
                        + "{\"op\":\"add\",\"path\":\"/lab_key\",\"value\":\"two\"},"
                        + "{\"op\":\"remove\",\"path\":\"/os_distro\"}]")));
        wm.verify(0, getRequestedFor(anyUrl()));
    }

    @Test
    void updatePatchIsNotRetried() {
        wm.stubFor(patch(urlEqualTo("/v2/images/" + ID)).willReturn(json(503, "{}")));
        assertThatThrownBy(() -> images.update(ID, ImageUpdate.builder().name("n").build()))
                .isInstanceOf(dev.imagesdk.exception.ServiceUnavailableException.class);
        wm.verify(1, patchRequestedFor(anyUrl()));
    }

    @Test
    void replaceAllPropertiesReadsTheImageAndRemovesTheOthers() {
        wm.stubFor(get("/v2/images/" + ID).willReturn(json(200, imageJson("image-active.json"))));
        wm.stubFor(patch(urlEqualTo("/v2/images/" + ID)).willReturn(json(200, imageJson("image-patched.json"))));
        images.update(ID, ImageUpdate.builder().property("lab_key", "two").replaceAllProperties().build());
        wm.verify(patchRequestedFor(urlEqualTo("/v2/images/" + ID)).withRequestBody(equalToJson(
                "[{\"op\":\"add\",\"path\":\"/lab_key\",\"value\":\"two\"},{\"op\":\"remove\",\"path\":\"/os_distro\"}]")));
    }

    @Test
    void listFollowsNextLinksVerbatimUnderAnEndpointWithAPathPrefix() {
        String root = ("http://127.0.0.1:" + wm.getPort()) + "/image/";
        V2ImageService prefixed = service(root, true);
        String first = "/image/v2/images?lab_page=yes&sort=name:asc&limit=2";
        String second = "/image/v2/images?limit=2&sort_key=name&sort_dir=asc&lab_page=yes"
                + "&marker=0dfeb241-e5b4-4562-bdce-8af0bf22b083";
        String third = "/image/v2/images?limit=2&sort_key=name&sort_dir=asc&lab_page=yes"
                + "&marker=e348330b-60ba-4742-a76f-c439007a9bb7";
        wm.stubFor(get(urlEqualTo(first)).willReturn(json(200, Transcripts.text("list-page1.json"))));
        wm.stubFor(get(urlEqualTo(second)).willReturn(json(200, Transcripts.text("list-page2.json"))));
        wm.stubFor(get(urlEqualTo(third)).willReturn(json(200, Transcripts.text("list-empty.json"))));

        List<String> names = prefixed.list(ImageQuery.builder().property("lab_page", "yes")
                .sort(SortKey.NAME, SortDirection.ASC).pageSize(2).build()).stream().map(Image::name).toList();

        assertThat(names).containsExactly("page-0", "page-1", "page-2", "page-3");
        wm.verify(1, getRequestedFor(urlEqualTo(first)).withHeader("Accept", equalTo(JSON_CT)));
        wm.verify(1, getRequestedFor(urlEqualTo(second)));
        wm.verify(1, getRequestedFor(urlEqualTo(third)));
    }

    @Test
    void listSendsInListsTimeFiltersAndEncodedNextLinksUnchanged() {
        String first = "/v2/images?name=in:%22page-0%22%2Cpage-1&limit=5";
        ObjectNode page = (ObjectNode) Transcripts.json("list-empty.json");
        page.put("next", "/v2/images?sort=name%3Adesc%2Ccreated_at&limit=5&marker=e348330b-60ba-4742-a76f-c439007a9bb7");
        wm.stubFor(get(urlEqualTo("/v2/images?name=in:page-0%2Cpage-1&limit=5")).willReturn(json(200, page.toString())));
        wm.stubFor(get(urlEqualTo("/v2/images?sort=name%3Adesc%2Ccreated_at&limit=5&marker=e348330b-60ba-4742-a76f-c439007a9bb7"))
                .willReturn(json(200, Transcripts.text("list-empty.json"))));
        assertThat(images.list(ImageQuery.builder().nameIn("page-0", "page-1").pageSize(5).build()).stream()).isEmpty();
        wm.verify(1, getRequestedFor(urlEqualTo(
                "/v2/images?sort=name%3Adesc%2Ccreated_at&limit=5&marker=e348330b-60ba-4742-a76f-c439007a9bb7")));
        assertThat(first).isNotEmpty();
    }

    @Test
    void listReportsAServiceErrorFromIteration() {
        wm.stubFor(get(urlPathEqualTo("/v2/images")).willReturn(json(400, "{\"message\":\"limit param must be positive\"}")));
        var it = images.list(ImageQuery.all());
        assertThatThrownBy(() -> it.iterator().hasNext())
                .isInstanceOf(dev.imagesdk.exception.BadRequestException.class).hasMessageContaining("limit param");
    }

    @Test
    void deactivateAndReactivatePostWithoutBodyOrJsonAccept() {
        wm.stubFor(post(urlMatching("/v2/images/.*/actions/.*")).willReturn(aResponse().withStatus(204)));
        images.deactivate(ID);
        images.reactivate(ID);
        wm.verify(postRequestedFor(urlEqualTo("/v2/images/" + ID + "/actions/deactivate"))
                .withHeader("Accept", notMatching("application/json")).withRequestBody(absent())
                .withHeader("X-Auth-Token", equalTo(TestWiring.TOKEN)));
        wm.verify(postRequestedFor(urlEqualTo("/v2/images/" + ID + "/actions/reactivate")));
    }

    private void statusSequence(String... statuses) {
        String state = Scenario.STARTED;
        for (int i = 0; i < statuses.length; i++) {
            String next = i + 1 < statuses.length ? "s" + (i + 1) : state;
            ObjectNode img = (ObjectNode) Transcripts.json("image-active.json");
            img.put("status", statuses[i]);
            wm.stubFor(get("/v2/images/" + ID).inScenario("w").whenScenarioStateIs(state)
                    .willReturn(json(200, img.toString())).willSetStateTo(next));
            state = next;
        }
    }


    @Test
    void waiterPollsWithGrowingPausesUntilTheStatus() {
        statusSequence("queued", "importing", "importing", "importing", "active");
        Image img = images.waitForStatus(ID, ImageStatus.ACTIVE, Duration.ofMinutes(1));
        assertThat(img.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
                Duration.ofMillis(400));
    }

    @Test
    void waiterFailsFastOnAFailedImport() {
        ObjectNode img = (ObjectNode) Transcripts.json("image-imported.json");
        img.put("status", "queued").put("os_glance_failed_import", "file1");
        wm.stubFor(get("/v2/images/" + ID).willReturn(json(200, img.toString())));
        assertThatThrownBy(() -> images.waitForStatus(ID, ImageStatus.ACTIVE, Duration.ofMinutes(1)))
                .isInstanceOfSatisfying(WaiterException.class, e -> {
                    assertThat(e.timedOut()).isFalse();
                    assertThat(e.getMessage()).contains("file1");
                });
        assertThat(pauses).isEmpty();
    }

    @Test
    void waiterFailsFastOnKilledAndOnDeletion() {
        statusSequence("killed");
        assertThatThrownBy(() -> images.waitForStatus(ID, ImageStatus.ACTIVE, Duration.ofMinutes(1)))
                .isInstanceOfSatisfying(WaiterException.class, e -> assertThat(e.lastState()).isEqualTo("killed"));
        wm.resetAll();
        wm.stubFor(get("/v2/images/" + ID).willReturn(json(404, "{\"message\":\"gone\"}")));
        assertThatThrownBy(() -> images.waitForStatus(ID, ImageStatus.ACTIVE, Duration.ofMinutes(1)))
                .isInstanceOfSatisfying(WaiterException.class, e -> assertThat(e.lastState()).isEqualTo("deleted"));
    }

    @Test
    void waiterTimesOutOnItsClock() {
        ObjectNode img = (ObjectNode) Transcripts.json("image-active.json");
        img.put("status", "importing");
        wm.stubFor(get("/v2/images/" + ID).willReturn(json(200, img.toString())));
        assertThatThrownBy(() -> images.waitForStatus(ID, ImageStatus.ACTIVE, Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(WaiterException.class, e -> {
                    assertThat(e.timedOut()).isTrue();
                    assertThat(e.lastState()).isEqualTo("importing");
                });
        assertThat(pauses.stream().mapToLong(Duration::toMillis).sum()).isEqualTo(1000);
    }

    @Test
    void waitingForDeletionSucceedsOn404() {
        wm.stubFor(get("/v2/images/" + ID).willReturn(json(404, "{\"message\":\"gone\"}")));
        Image img = images.waitForStatus(ID, ImageStatus.DELETED, Duration.ofMinutes(1));
        assertThat(img.status()).isEqualTo(ImageStatus.DELETED);
        assertThat(img.id()).isEqualTo(ID);
    }
}
