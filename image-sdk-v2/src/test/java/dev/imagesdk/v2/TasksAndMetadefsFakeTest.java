package dev.imagesdk.v2;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageService;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.exception.BadRequestException;
import dev.imagesdk.exception.NotFoundException;
import dev.imagesdk.fake.FakeGlance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tasks and the metadefs catalog end to end: the production v2 client against the fake Glance, as admin. */
class TasksAndMetadefsFakeTest {

    static FakeGlance fake;
    static ImageServiceV2 images;

    @BeforeAll
    static void start() {
        fake = FakeGlance.builder().start();
        ClientConfig config = ClientConfig.builder().authUrl(fake.keystoneUrl())
                .auth(AuthMethod.V3Password.of("admin", fake.passwordOf("admin"), "Default", fake.projectOf("admin")))
                .build();
        images = ImageServiceV2.of(ImageService.builder().config(config).apiVersion(ApiVersion.V2).build());
    }

    @AfterAll
    static void stop() {
        images.close();
        fake.close();
    }

    @Test
    void createdTaskIsListedAndReadBack() {
        Task created = images.createTask("import", Map.of("import_from", "http://example.test/x.raw",
                "import_from_format", "raw", "image_properties", Map.of("name", "from-task")));

        List<Task> listed = images.tasks(TaskQuery.all()).stream().toList();
        Task read = images.task(created.id());

        assertThat(listed).extracting(Task::id).contains(created.id());
        assertThat(read.type()).isEqualTo("import");
        assertThat(read.inputJson()).contains("x.raw");
        assertThatThrownBy(() -> images.createTask("bogus", Map.of())).isInstanceOf(BadRequestException.class);
    }

    @Test
    void namespaceWithObjectPropertyTagAndResourceTypeRoundTrips() {
        Metadefs m = images.metadefs();
        m.createNamespace("{\"namespace\":\"e2e-ns\",\"display_name\":\"E2E\",\"visibility\":\"public\"}");
        try {
            m.createObject("e2e-ns", "{\"name\":\"CPU\",\"required\":[\"cores\"],"
                    + "\"properties\":{\"cores\":{\"type\":\"integer\",\"title\":\"Cores\"}}}");
            m.createProperty("e2e-ns", "{\"name\":\"hw_rng\",\"title\":\"RNG\",\"type\":\"boolean\"}");
            m.createTags("e2e-ns", List.of("a", "b"), false);
            m.createTag("e2e-ns", "c");
            m.updateTag("e2e-ns", "a", "a2");
            m.deleteTag("e2e-ns", "b");
            m.associateResourceType("e2e-ns", "OS::Glance::Image", "hw_", null);
            m.updateNamespace("e2e-ns", "{\"namespace\":\"e2e-ns\",\"display_name\":\"E2E renamed\","
                    + "\"visibility\":\"public\"}");

            assertThat(m.namespace("e2e-ns").displayName()).isEqualTo("E2E renamed");
            assertThat(m.namespaces().stream().map(MetadefNamespace::namespace)).contains("e2e-ns");
            assertThat(m.objects("e2e-ns")).singleElement().satisfies(o -> assertThat(o.required())
                    .containsExactly("cores"));
            assertThat(m.object("e2e-ns", "CPU").json()).contains("Cores");
            assertThat(m.properties("e2e-ns")).extracting(MetadefProperty::name).containsExactly("hw_rng");
            assertThat(m.property("e2e-ns", "hw_rng").type()).isEqualTo("boolean");
            assertThat(m.tags("e2e-ns")).extracting(MetadefTag::name).containsExactlyInAnyOrder("a2", "c");
            assertThat(m.resourceTypeAssociations("e2e-ns")).extracting(ResourceTypeAssociation::name)
                    .containsExactly("OS::Glance::Image");

            m.dissociateResourceType("e2e-ns", "OS::Glance::Image");
            m.deleteProperty("e2e-ns", "hw_rng");
            m.deleteObject("e2e-ns", "CPU");
            assertThat(m.resourceTypeAssociations("e2e-ns")).isEmpty();
            assertThat(m.properties("e2e-ns")).isEmpty();
            assertThatThrownBy(() -> m.object("e2e-ns", "CPU")).isInstanceOf(NotFoundException.class);
        } finally {
            m.deleteNamespace("e2e-ns");
        }
        assertThatThrownBy(() -> m.namespace("e2e-ns")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void resourceTypesAreListed() {
        assertThat(images.metadefs().resourceTypes()).extracting(ResourceTypeAssociation::name)
                .contains("OS::Glance::Image");
    }
}
