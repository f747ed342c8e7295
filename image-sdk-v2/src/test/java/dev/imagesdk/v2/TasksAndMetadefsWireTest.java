package dev.imagesdk.v2;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageService;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.exception.NotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The request bytes of the task and metadef calls (method, path with encoded names, query, headers, JSON body)
 * and the parsing of Glance's answers, through the production client against WireMock.
 */
class TasksAndMetadefsWireTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

    static final String TOKEN = "gAAAAABrA0Sm-static-token";
    static final String TASK_ID = "5ef3a5f4-7f7b-4a36-9a3e-2f3c0e3c9a11";
    static final String TASK_JSON = "{\"id\":\"" + TASK_ID + "\",\"type\":\"import\",\"status\":\"pending\","
            + "\"owner\":\"p1\",\"input\":{\"import_from\":\"http://example.test/a.qcow2\",\"import_from_format\":"
            + "\"qcow2\",\"image_properties\":{\"name\":\"a\"}},\"result\":null,\"message\":\"\","
            + "\"created_at\":\"2026-11-22T10:00:00Z\",\"updated_at\":\"2026-11-22T10:00:00Z\","
            + "\"self\":\"/v2/tasks/" + TASK_ID + "\",\"schema\":\"/v2/schemas/task\"}";

    ImageServiceV2 images;
    Metadefs metadefs;

    @BeforeEach
    void build() {
        ClientConfig config = ClientConfig.builder().auth(new AuthMethod.StaticToken(TOKEN))
                .imageEndpoint("http://127.0.0.1:" + wm.getPort()).initialBackoff(Duration.ofMillis(1))
                .maxBackoff(Duration.ofMillis(5)).build();
        images = ImageServiceV2.of(ImageService.builder().config(config).apiVersion(ApiVersion.V2).build());
        metadefs = images.metadefs();
    }

    @AfterEach
    void close() {
        images.close();
    }

    // ---- tasks ----

    @Test
    void createTaskPostsTypeAndInputOnce() {
        wm.stubFor(post("/v2/tasks").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(TASK_JSON)));

        Task task = images.createTask("import", Map.of("import_from", "http://example.test/a.qcow2",
                "import_from_format", "qcow2", "image_properties", Map.of("name", "a")));

        assertThat(task.id()).isEqualTo(TASK_ID);
        assertThat(task.status()).isEqualTo("pending");
        assertThat(task.inputJson()).contains("\"import_from_format\":\"qcow2\"");
        wm.verify(1, postRequestedFor(urlEqualTo("/v2/tasks"))
                .withHeader("X-Auth-Token", equalTo(TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"type\":\"import\",\"input\":{\"import_from\":"
                        + "\"http://example.test/a.qcow2\",\"import_from_format\":\"qcow2\","
                        + "\"image_properties\":{\"name\":\"a\"}}}")));
    }

    @Test
    void createTaskIsNotRetriedAfterA503() {
        wm.stubFor(post("/v2/tasks").willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> images.createTask("import", Map.of()))
                .isInstanceOf(dev.imagesdk.exception.ImageSdkException.class);
        wm.verify(1, postRequestedFor(urlEqualTo("/v2/tasks")));
    }

    @Test
    void createTaskRefusesABlankType() {
        assertThatThrownBy(() -> images.createTask(" ", Map.of()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getMessage()).contains("type"));
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void taskListSendsFiltersAndFollowsNextLinks() {
        wm.stubFor(get(urlEqualTo("/v2/tasks?type=import&status=success&sort_key=created_at&sort_dir=asc&limit=1"))
                .willReturn(okJson("{\"tasks\":[{\"id\":\"t1\",\"type\":\"import\",\"status\":\"success\"}],"
                        + "\"next\":\"/v2/tasks?type=import&status=success&limit=1&marker=t1\"}")));
        wm.stubFor(get(urlEqualTo("/v2/tasks?type=import&status=success&limit=1&marker=t1"))
                .willReturn(okJson("{\"tasks\":[{\"id\":\"t2\",\"type\":\"import\",\"status\":\"success\"}]}")));

        List<String> ids = images.tasks(TaskQuery.builder().type("import").status("success").sortKey("created_at")
                .sortDir("asc").pageSize(1).build()).stream().map(Task::id).toList();

        assertThat(ids).containsExactly("t1", "t2");
    }

    @Test
    void taskListWithoutPageSizeAsksForGrowingPagesWhateverLimitTheNextLinkEchoes() {
        wm.stubFor(get(urlEqualTo("/v2/tasks?type=import&limit=25")).willReturn(okJson("{\"tasks\":[{\"id\":\"t1\"}],"
                + "\"next\":\"/v2/tasks?type=import&limit=25&marker=t1\"}")));
        wm.stubFor(get(urlEqualTo("/v2/tasks?type=import&limit=200&marker=t1")).willReturn(okJson(
                "{\"tasks\":[{\"id\":\"t2\"}],\"next\":\"/v2/tasks?type=import&limit=200&marker=t2\"}")));
        wm.stubFor(get(urlEqualTo("/v2/tasks?type=import&limit=1000&marker=t2")).willReturn(okJson("{\"tasks\":[]}")));

        List<String> ids = images.tasks(TaskQuery.builder().type("import").build()).stream().map(Task::id).toList();

        assertThat(ids).containsExactly("t1", "t2");
        assertThat(wm.getAllServeEvents()).hasSize(3);
    }

    @Test
    void namespaceListWithoutPageSizeStartsWithTwentyFive() {
        wm.stubFor(get(urlEqualTo("/v2/metadefs/namespaces?limit=25"))
                .willReturn(okJson("{\"namespaces\":[{\"namespace\":\"OS::Compute::Quota\"}]}")));

        assertThat(metadefs.namespaces().stream().count()).isEqualTo(1);
        assertThat(wm.getAllServeEvents()).hasSize(1);
    }

    @Test
    void taskListIsLazy() {
        images.tasks(TaskQuery.all());
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void taskQueryRejectsUnknownStatus() {
        assertThatThrownBy(() -> TaskQuery.builder().status("done"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getMessage()).contains("done"));
    }

    // ---- namespaces ----

    @Test
    void namespaceListSendsFiltersAndKeepsUnknownFields() {
        wm.stubFor(get(urlEqualTo("/v2/metadefs/namespaces?resource_types=OS::Glance::Image%2COS::Nova::Flavor"
                + "&visibility=public&limit=2")).willReturn(okJson("{\"namespaces\":[{\"namespace\":\"OS::Compute::"
                + "Libvirt\",\"display_name\":\"Libvirt\",\"visibility\":\"public\",\"protected\":true,"
                + "\"owner\":\"admin\",\"created_at\":\"2026-01-02T03:04:05Z\",\"future_field\":42}],"
                + "\"next\":\"/v2/metadefs/namespaces?marker=OS::Compute::Libvirt&limit=2\"}")));
        wm.stubFor(get(urlEqualTo("/v2/metadefs/namespaces?marker=OS::Compute::Libvirt&limit=2"))
                .willReturn(okJson("{\"namespaces\":[{\"namespace\":\"OS::Compute::Quota\"}]}")));

        List<MetadefNamespace> all = metadefs.namespaces(List.of("OS::Glance::Image", "OS::Nova::Flavor"), "public", 2)
                .stream().toList();

        assertThat(all).extracting(MetadefNamespace::namespace)
                .containsExactly("OS::Compute::Libvirt", "OS::Compute::Quota");
        assertThat(all.get(0).isProtected()).isTrue();
        assertThat(all.get(0).displayName()).isEqualTo("Libvirt");
        assertThat(all.get(0).createdAt()).hasToString("2026-01-02T03:04:05Z");
        assertThat(all.get(0).json()).contains("\"future_field\":42");
    }

    @Test
    void createNamespacePostsTheDocumentAndRefusesNonObjects() {
        wm.stubFor(post("/v2/metadefs/namespaces").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"namespace\":\"my-ns\",\"visibility\":\"private\",\"protected\":false}")));

        MetadefNamespace ns = metadefs.createNamespace("{\"namespace\":\"my-ns\",\"display_name\":\"Mine\"}");

        assertThat(ns.namespace()).isEqualTo("my-ns");
        wm.verify(1, postRequestedFor(urlEqualTo("/v2/metadefs/namespaces"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withoutHeader("X-Openstack-Append")
                .withRequestBody(equalToJson("{\"namespace\":\"my-ns\",\"display_name\":\"Mine\"}")));
        assertThatThrownBy(() -> metadefs.createNamespace("[1]")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> metadefs.createNamespace("{\"display_name\":\"x\"}"))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.getMessage()).contains("namespace"));
        assertThatThrownBy(() -> metadefs.createNamespace("{not json")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void updateAndDeleteNamespaceEncodeTheName() {
        wm.stubFor(put(urlEqualTo("/v2/metadefs/namespaces/a%20b%2Fc")).willReturn(okJson("{\"namespace\":\"a b/c\"}")));
        wm.stubFor(delete(urlEqualTo("/v2/metadefs/namespaces/a%20b%2Fc")).willReturn(aResponse().withStatus(204)));

        metadefs.updateNamespace("a b/c", "{\"namespace\":\"a b/c\",\"description\":\"d\"}");
        metadefs.deleteNamespace("a b/c");

        wm.verify(putRequestedFor(urlEqualTo("/v2/metadefs/namespaces/a%20b%2Fc"))
                .withRequestBody(equalToJson("{\"namespace\":\"a b/c\",\"description\":\"d\"}")));
        wm.verify(deleteRequestedFor(urlEqualTo("/v2/metadefs/namespaces/a%20b%2Fc")));
    }

    @Test
    void unknownNamespaceIsNotFound() {
        wm.stubFor(get("/v2/metadefs/namespaces/nope").willReturn(aResponse().withStatus(404)));
        assertThatThrownBy(() -> metadefs.namespace("nope")).isInstanceOf(NotFoundException.class);
    }

    // ---- objects, properties ----

    @Test
    void objectsAreListedAndCreated() {
        wm.stubFor(get("/v2/metadefs/namespaces/ns/objects").willReturn(okJson("{\"objects\":[{\"name\":\"CPU\","
                + "\"required\":[\"cores\"],\"properties\":{\"cores\":{\"type\":\"integer\",\"title\":\"Cores\"}}}],"
                + "\"schema\":\"/v2/schemas/metadefs/objects\"}")));
        wm.stubFor(post("/v2/metadefs/namespaces/ns/objects").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"name\":\"RAM\"}")));

        List<MetadefObject> objects = metadefs.objects("ns");
        MetadefObject created = metadefs.createObject("ns", "{\"name\":\"RAM\",\"properties\":{}}");

        assertThat(objects).singleElement().satisfies(o -> {
            assertThat(o.name()).isEqualTo("CPU");
            assertThat(o.required()).containsExactly("cores");
            assertThat(o.json()).contains("\"Cores\"");
        });
        assertThat(created.name()).isEqualTo("RAM");
        wm.verify(postRequestedFor(urlEqualTo("/v2/metadefs/namespaces/ns/objects"))
                .withRequestBody(equalToJson("{\"name\":\"RAM\",\"properties\":{}}")));
    }

    @Test
    void propertiesMapIsTurnedIntoNamedRecords() {
        wm.stubFor(get("/v2/metadefs/namespaces/ns/properties").willReturn(okJson("{\"properties\":{"
                + "\"hw_rng\":{\"title\":\"RNG\",\"type\":\"boolean\"},\"hw_mode\":{\"title\":\"Mode\","
                + "\"type\":\"string\",\"enum\":[\"a\",\"b\"]}}}")));
        wm.stubFor(put("/v2/metadefs/namespaces/ns/properties/hw_mode").willReturn(okJson(
                "{\"name\":\"hw_mode\",\"title\":\"Mode\",\"type\":\"string\"}")));

        List<MetadefProperty> props = metadefs.properties("ns");
        metadefs.updateProperty("ns", "hw_mode", "{\"name\":\"hw_mode\",\"title\":\"Mode\",\"type\":\"string\"}");

        assertThat(props).extracting(MetadefProperty::name).containsExactly("hw_rng", "hw_mode");
        assertThat(props.get(1).type()).isEqualTo("string");
        assertThat(props.get(1).json()).contains("\"enum\":[\"a\",\"b\"]").contains("\"name\":\"hw_mode\"");
        wm.verify(putRequestedFor(urlEqualTo("/v2/metadefs/namespaces/ns/properties/hw_mode"))
                .withRequestBody(equalToJson("{\"name\":\"hw_mode\",\"title\":\"Mode\",\"type\":\"string\"}")));
    }

    // ---- resource types, tags ----

    @Test
    void resourceTypeAssociationBodyAndPaths() {
        wm.stubFor(post("/v2/metadefs/namespaces/ns/resource_types").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"name\":\"OS::Cinder::Volume\",\"prefix\":\"hw_\",\"properties_target\":\"image\"}")));
        wm.stubFor(delete(urlEqualTo("/v2/metadefs/namespaces/ns/resource_types/OS%3A%3ACinder%3A%3AVolume"))
                .willReturn(aResponse().withStatus(204)));
        wm.stubFor(get("/v2/metadefs/resource_types").willReturn(okJson(
                "{\"resource_types\":[{\"name\":\"OS::Glance::Image\",\"created_at\":\"2026-01-01T00:00:00Z\"}]}")));

        ResourceTypeAssociation a = metadefs.associateResourceType("ns", "OS::Cinder::Volume", "hw_", "image");
        metadefs.dissociateResourceType("ns", "OS::Cinder::Volume");
        List<ResourceTypeAssociation> types = metadefs.resourceTypes();

        assertThat(a.prefix()).isEqualTo("hw_");
        assertThat(a.propertiesTarget()).isEqualTo("image");
        assertThat(types).extracting(ResourceTypeAssociation::name).containsExactly("OS::Glance::Image");
        wm.verify(postRequestedFor(urlEqualTo("/v2/metadefs/namespaces/ns/resource_types")).withRequestBody(
                equalToJson("{\"name\":\"OS::Cinder::Volume\",\"prefix\":\"hw_\",\"properties_target\":\"image\"}")));
        wm.verify(deleteRequestedFor(urlEqualTo("/v2/metadefs/namespaces/ns/resource_types/OS%3A%3ACinder%3A%3AVolume")));
    }

    @Test
    void tagCallsSendGlancesShapes() {
        wm.stubFor(post(urlEqualTo("/v2/metadefs/namespaces/ns/tags/fast")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"name\":\"fast\"}")));
        wm.stubFor(post(urlEqualTo("/v2/metadefs/namespaces/ns/tags")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"tags\":[{\"name\":\"fast\"},{\"name\":\"a\"},{\"name\":\"b\"}]}")));
        wm.stubFor(put(urlEqualTo("/v2/metadefs/namespaces/ns/tags/a")).willReturn(okJson("{\"name\":\"c\"}")));

        MetadefTag one = metadefs.createTag("ns", "fast");
        List<MetadefTag> many = metadefs.createTags("ns", List.of("a", "b"), true);
        MetadefTag renamed = metadefs.updateTag("ns", "a", "c");

        assertThat(one.name()).isEqualTo("fast");
        assertThat(many).extracting(MetadefTag::name).containsExactly("fast", "a", "b");
        assertThat(renamed.name()).isEqualTo("c");
        wm.verify(postRequestedFor(urlEqualTo("/v2/metadefs/namespaces/ns/tags/fast"))
                .withRequestBody(absent()));
        wm.verify(postRequestedFor(urlEqualTo("/v2/metadefs/namespaces/ns/tags"))
                .withHeader("X-Openstack-Append", equalTo("True"))
                .withRequestBody(equalToJson("{\"tags\":[{\"name\":\"a\"},{\"name\":\"b\"}]}")));
        wm.verify(putRequestedFor(urlEqualTo("/v2/metadefs/namespaces/ns/tags/a"))
                .withRequestBody(equalToJson("{\"name\":\"c\"}")));
    }

    @Test
    void createTagsWithoutAppendSendsNoAppendHeader() {
        wm.stubFor(post(urlEqualTo("/v2/metadefs/namespaces/ns/tags")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"tags\":[{\"name\":\"a\"}]}")));

        metadefs.createTags("ns", List.of("a"), false);

        wm.verify(postRequestedFor(urlEqualTo("/v2/metadefs/namespaces/ns/tags")).withoutHeader("X-Openstack-Append"));
    }

    @Test
    void deleteTagAnswering404OnARetryCountsAsDeleted() {
        wm.stubFor(delete(urlEqualTo("/v2/metadefs/namespaces/ns/tags/t")).inScenario("d").whenScenarioStateIs(
                com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED).willReturn(aResponse().withStatus(503))
                .willSetStateTo("gone"));
        wm.stubFor(delete(urlEqualTo("/v2/metadefs/namespaces/ns/tags/t")).inScenario("d").whenScenarioStateIs("gone")
                .willReturn(aResponse().withStatus(404)));

        metadefs.deleteTag("ns", "t");

        wm.verify(2, deleteRequestedFor(urlEqualTo("/v2/metadefs/namespaces/ns/tags/t")));
    }

    @Test
    void blankNamesAreRefusedBeforeSending() {
        assertThatThrownBy(() -> metadefs.tag("ns", "")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> metadefs.objects(null)).isInstanceOf(InvalidInputException.class);
        assertThat(wm.getAllServeEvents()).isEmpty();
    }
}
