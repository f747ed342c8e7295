package dev.imagesdk.v2.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.imagesdk.ImageData;
import dev.imagesdk.exception.ChecksumMismatchException;
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
import dev.imagesdk.model.Member;
import dev.imagesdk.model.MemberStatus;
import dev.imagesdk.model.SortDirection;
import dev.imagesdk.model.SortKey;
import dev.imagesdk.model.Visibility;
import dev.imagesdk.v2.CreatedImage;
import dev.imagesdk.v2.ImportMethod;
import dev.imagesdk.v2.ImportRequest;
import dev.imagesdk.v2.StoreInfo;
import dev.imagesdk.v2.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class V2ImageServiceTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

    static final String ID = "d63ff38b-68c1-49d6-93fb-96740f4fbd4e";
    static final String JSON_CT = "application/json";

    TestWiring.Runner runner;
    TestWiring.Transfer transfer;
    AtomicLong clock;
    List<Duration> pauses;
    V2ImageService images;

    @BeforeEach
    void setUp() {
        String root = ("http://127.0.0.1:" + wm.getPort());
        runner = new TestWiring.Runner();
        transfer = new TestWiring.Transfer(root);
        clock = new AtomicLong();
        pauses = new ArrayList<>();
        images = service(root, true);
    }

    private V2ImageService service(String root, boolean deleteOnMismatch) {
        V2Settings settings = new V2Settings(deleteOnMismatch, null, Duration.ofMillis(100), Duration.ofMillis(400),
                d -> {
                    pauses.add(d);
                    clock.addAndGet(d.toNanos());
                }, clock::get);
        return new V2ImageService(TestWiring.api(root), TestWiring.gets(), runner, TestWiring::mapError, transfer, root,
                TestWiring.JSON, settings, null);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", JSON_CT)
                .withHeader("X-Openstack-Request-Id", "req-test").withBody(body);
    }

    private static String imageJson(String file) {
        return Transcripts.text(file);
    }

    // ---- create --------------------------------------------------------------------------------------------

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

    // ---- get / find / delete -----------------------------------------------------------------------------

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

    // ---- update ------------------------------------------------------------------------------------------

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
    void singleTagChangesUseTheTagEndpointsThenReadTheImage() {
        wm.stubFor(put("/v2/images/" + ID + "/tags/t%201").willReturn(aResponse().withStatus(204)));
        wm.stubFor(delete("/v2/images/" + ID + "/tags/old").willReturn(aResponse().withStatus(204)));
        wm.stubFor(get("/v2/images/" + ID).willReturn(json(200, imageJson("image-active.json"))));
        images.update(ID, ImageUpdate.builder().addTag("t 1").removeTag("old").build());
        wm.verify(putRequestedFor(urlEqualTo("/v2/images/" + ID + "/tags/t%201"))
                .withHeader("X-Auth-Token", equalTo(TestWiring.TOKEN))
                .withHeader("Accept", notMatching("application/json")));
        wm.verify(deleteRequestedFor(urlEqualTo("/v2/images/" + ID + "/tags/old")));
        wm.verify(0, patchRequestedFor(anyUrl()));
        wm.verify(1, getRequestedFor(urlEqualTo("/v2/images/" + ID)));
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
    void removingATagThatIsAlreadyGoneOnARetrySucceeds() {
        wm.stubFor(delete("/v2/images/" + ID + "/tags/t1").inScenario("t").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(503, "{}")).willSetStateTo("gone"));
        wm.stubFor(delete("/v2/images/" + ID + "/tags/t1").inScenario("t").whenScenarioStateIs("gone")
                .willReturn(aResponse().withStatus(404).withBody("404 Not Found\n\nThe resource could not be found.\n\n   ")));
        images.removeTag(ID, "t1");
        wm.verify(2, deleteRequestedFor(urlEqualTo("/v2/images/" + ID + "/tags/t1")));
    }

    // ---- list --------------------------------------------------------------------------------------------

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

    // ---- members, actions ---------------------------------------------------------------------------------

    @Test
    void addMemberPostsTheMemberAndParsesThePendingStatus() {
        wm.stubFor(post("/v2/images/" + ID + "/members").willReturn(json(200, Transcripts.text("member.json"))));
        Member m = images.addMember(ID, "5150cd8b017f49849c26cd27249ec24a");
        assertThat(m.status()).isEqualTo(MemberStatus.PENDING);
        assertThat(m.imageId()).isEqualTo(ID);
        wm.verify(postRequestedFor(urlEqualTo("/v2/images/" + ID + "/members"))
                .withHeader("Content-Type", equalTo(JSON_CT))
                .withRequestBody(equalToJson("{\"member\":\"5150cd8b017f49849c26cd27249ec24a\"}")));
    }

    @Test
    void acceptMembershipPutsTheStatus() {
        String accepted = Transcripts.text("member.json").replace("pending", "accepted");
        wm.stubFor(put("/v2/images/" + ID + "/members/5150cd8b017f49849c26cd27249ec24a")
                .willReturn(json(200, accepted)));
        Member m = images.updateMemberStatus(ID, "5150cd8b017f49849c26cd27249ec24a", MemberStatus.ACCEPTED);
        assertThat(m.status()).isEqualTo(MemberStatus.ACCEPTED);
        wm.verify(putRequestedFor(anyUrl()).withRequestBody(equalToJson("{\"status\":\"accepted\"}")));
        assertThatThrownBy(() -> images.updateMemberStatus(ID, "p", MemberStatus.ALL))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void membersListIsParsed() {
        wm.stubFor(get("/v2/images/" + ID + "/members").willReturn(json(200, Transcripts.text("members.json"))));
        assertThat(images.members(ID)).extracting(Member::memberId).containsExactly("5150cd8b017f49849c26cd27249ec24a");
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

    // ---- import, discovery, tasks -------------------------------------------------------------------------

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
    void clearCacheSendsTheTargetHeaderAndRefusesOtherTargets() {
        wm.stubFor(delete("/v2/cache").willReturn(aResponse().withStatus(204)));
        images.clearCache("queue");
        wm.verify(deleteRequestedFor(urlEqualTo("/v2/cache")).withHeader("x-image-cache-clear-target", equalTo("queue")));
        assertThatThrownBy(() -> images.clearCache("everything")).isInstanceOf(InvalidInputException.class);
    }

    // ---- waiter ------------------------------------------------------------------------------------------

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

    // ---- upload ------------------------------------------------------------------------------------------

    private static final byte[] DATA = "some image bytes".getBytes(StandardCharsets.UTF_8);

    private void stubStoredImage(String md5, String sha512, long size) {
        ObjectNode img = (ObjectNode) Transcripts.json("image-active.json");
        img.put("checksum", md5).put("os_hash_value", sha512).put("size", size);
        wm.stubFor(get("/v2/images/" + ID).willReturn(json(200, img.toString())));
    }

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
                    assertThat(e.actual()).isEqualTo(TestWiring.hex("MD5", DATA));
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
        wm.verify(V2ImageService.MAX_UPLOAD_ATTEMPTS, putRequestedFor(anyUrl()));
    }

    @Test
    void transportResendsCountAgainstTheUploadAttemptsSoRetriesDoNotMultiply() {
        transfer.resendsPerCall = V2ImageService.MAX_UPLOAD_ATTEMPTS - 1; // the first call spends the budget
        wm.stubFor(put("/v2/images/" + ID + "/file").willReturn(json(503, "{}")));
        wm.stubFor(get("/v2/images/" + ID).willReturn(json(200, imageJson("image-created.json"))));
        assertThatThrownBy(() -> images.upload(ID, ImageData.fromBytes(DATA)))
                .isInstanceOf(dev.imagesdk.exception.ServiceUnavailableException.class);
        wm.verify(1, putRequestedFor(anyUrl()));
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

    @Test
    void waitingForDeletionSucceedsOn404() {
        wm.stubFor(get("/v2/images/" + ID).willReturn(json(404, "{\"message\":\"gone\"}")));
        Image img = images.waitForStatus(ID, ImageStatus.DELETED, Duration.ofMinutes(1));
        assertThat(img.status()).isEqualTo(ImageStatus.DELETED);
        assertThat(img.id()).isEqualTo(ID);
    }

    @Test
    void malformedCreateResponseIsATypedErrorAndNotRetried() {
        wm.stubFor(post("/v2/images").willReturn(json(201, "{not json")));
        assertThatThrownBy(() -> images.create(ImageSpec.builder().name("x").build()))
                .isInstanceOf(dev.imagesdk.exception.ImageSdkClientException.class).hasMessageContaining("Malformed");
        wm.verify(1, postRequestedFor(anyUrl()));
    }

    @Test
    void addMemberThatSeesDuplicateOnARetryReturnsTheExistingMember() {
        String member = "5150cd8b017f49849c26cd27249ec24a";
        wm.stubFor(post("/v2/images/" + ID + "/members").inScenario("m").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(503, "{}")).willSetStateTo("dup"));
        wm.stubFor(post("/v2/images/" + ID + "/members").inScenario("m").whenScenarioStateIs("dup")
                .willReturn(json(409, "{\"message\":\"Member " + member + " is duplicated\"}")));
        wm.stubFor(get("/v2/images/" + ID + "/members").willReturn(json(200, Transcripts.text("members.json"))));
        Member m = images.addMember(ID, member);
        assertThat(m.memberId()).isEqualTo(member);
        assertThat(m.status()).isEqualTo(MemberStatus.ACCEPTED);
    }

    @Test
    void removeMemberDeletesTheMembership() {
        wm.stubFor(delete("/v2/images/" + ID + "/members/p2").willReturn(aResponse().withStatus(204)));
        images.removeMember(ID, "p2");
        wm.verify(deleteRequestedFor(urlEqualTo("/v2/images/" + ID + "/members/p2")));
    }

    @Test
    void schemaUsageTaskLocationsCacheAndMetadefsAreRead() {
        wm.stubFor(get("/v2/schemas/image").willReturn(json(200, "{\"name\":\"image\",\"properties\":{}}")));
        wm.stubFor(get("/v2/schemas/metadefs/namespace").willReturn(json(200, "{\"name\":\"namespace\"}")));
        wm.stubFor(get("/v2/info/usage").willReturn(json(200,
                "{\"usage\":{\"image_size_total\":{\"limit\":1000,\"usage\":3},\"image_count_total\":{\"limit\":-1,\"usage\":7}}}")));
        String task = Transcripts.json("tasks.json").get("tasks").get(0).toString();
        wm.stubFor(get("/v2/tasks/8ae92d67-e71b-4ca3-b484-724b3225743f").willReturn(json(200, task)));
        wm.stubFor(get("/v2/images/" + ID + "/locations").willReturn(json(200,
                "[{\"url\":\"file:///var/lib/glance/images/x\",\"metadata\":{\"store\":\"file1\"}}]")));
        wm.stubFor(get("/v2/cache").willReturn(json(200,
                "{\"cached_images\":[{\"image_id\":\"" + ID + "\",\"hits\":1}],\"queued_images\":[\"q1\"]}")));
        wm.stubFor(get("/v2/metadefs/namespaces").willReturn(json(200, "{\"namespaces\":[]}")));

        assertThat(images.schema("image")).contains("\"name\":\"image\"");
        assertThat(images.schema("metadefs/namespace")).contains("namespace");
        assertThat(images.usage()).containsEntry("image_size_total", new dev.imagesdk.v2.Usage(1000, 3))
                .containsEntry("image_count_total", new dev.imagesdk.v2.Usage(-1, 7));
        Task t = images.task("8ae92d67-e71b-4ca3-b484-724b3225743f");
        assertThat(t.status()).isEqualTo("success");
        assertThat(t.imageId()).isEqualTo("0052d075-ad0d-4201-a324-e8b74ab74259");
        assertThat(images.locations(ID)).singleElement()
                .satisfies(l -> assertThat(l.metadata()).containsEntry("store", "file1"));
        assertThat(images.cache().cachedImageIds()).containsExactly(ID);
        assertThat(images.cache().queuedImageIds()).containsExactly("q1");
        assertThat(images.metadefNamespaces()).isEqualTo("{\"namespaces\":[]}");
        wm.verify(getRequestedFor(urlEqualTo("/v2/schemas/metadefs/namespace")));
        assertThatThrownBy(() -> images.schema("../etc")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void addLocationAndQueueForCacheSendTheirRequests() {
        wm.stubFor(post("/v2/images/" + ID + "/locations").willReturn(aResponse().withStatus(202)));
        wm.stubFor(put("/v2/cache/" + ID).willReturn(aResponse().withStatus(202)));
        images.addLocation(ID, "http://127.0.0.1:18080/x.raw", java.util.Map.of("os_hash_algo", "sha512"));
        images.queueForCache(ID);
        wm.verify(postRequestedFor(urlEqualTo("/v2/images/" + ID + "/locations")).withRequestBody(equalToJson(
                "{\"url\":\"http://127.0.0.1:18080/x.raw\",\"validation_data\":{\"os_hash_algo\":\"sha512\"}}")));
        wm.verify(putRequestedFor(urlEqualTo("/v2/cache/" + ID)));
    }

    @Test
    void closeIsIdempotent() {
        int[] closes = {0};
        V2ImageService s = new V2ImageService(TestWiring.api(("http://127.0.0.1:" + wm.getPort())), TestWiring.gets(), runner, TestWiring::mapError, transfer,
                ("http://127.0.0.1:" + wm.getPort()), TestWiring.JSON, V2Settings.defaults(), () -> closes[0]++);
        s.close();
        s.close();
        assertThat(closes[0]).isEqualTo(1);
    }
}
