package dev.imagesdk.fake;

import static dev.imagesdk.fake.Http.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagesdk.fake.junit.FakeGlanceExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FakeGlanceExtension.class)
class MetadefsTest {
    private Http admin;
    private Http demo;

    @BeforeEach
    void setUp(FakeGlance fake) {
        admin = new Http(fake).as("admin");
        demo = new Http(fake).as("demo");
    }

    @Test
    void namespaceLifecycleWithObjectsPropertiesAndTags() {
        var created = admin.json("POST", "/v2/metadefs/namespaces",
                "{\"namespace\": \"OS::Compute::Lab\", \"display_name\": \"Lab\", \"visibility\": \"public\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(tree(created).get("self").asText()).isEqualTo("/v2/metadefs/namespaces/OS::Compute::Lab");
        assertThat(admin.json("POST", "/v2/metadefs/namespaces", "{\"namespace\": \"OS::Compute::Lab\"}")
                .statusCode()).isEqualTo(409);
        String ns = "/v2/metadefs/namespaces/OS::Compute::Lab";
        assertThat(admin.json("POST", ns + "/objects", "{\"name\": \"cpu\", \"properties\": {}}").statusCode())
                .isEqualTo(201);
        assertThat(admin.json("POST", ns + "/properties", "{\"name\": \"hw_x\", \"type\": \"string\", "
                + "\"title\": \"X\"}").statusCode()).isEqualTo(201);
        assertThat(admin.json("POST", ns + "/tags", "{\"tags\": [{\"name\": \"a\"}, {\"name\": \"b\"}]}")
                .statusCode()).isEqualTo(201);
        assertThat(admin.send("POST", ns + "/tags/c", null).statusCode()).isEqualTo(201);
        assertThat(tree(demo.get(ns + "/tags")).get("tags")).hasSize(3);
        assertThat(tree(demo.get(ns + "/properties")).get("properties").get("hw_x").get("title").asText())
                .isEqualTo("X");
        JsonNode full = tree(demo.get(ns));
        assertThat(full.get("objects").get(0).get("name").asText()).isEqualTo("cpu");
        assertThat(demo.json("POST", ns + "/objects", "{\"name\": \"x\"}").statusCode()).isEqualTo(403);
        assertThat(admin.json("PUT", ns + "/objects/cpu", "{\"name\": \"cpu\", \"description\": \"d\"}")
                .statusCode()).isEqualTo(200);
        assertThat(tree(demo.get(ns + "/objects/cpu")).get("description").asText()).isEqualTo("d");
        assertThat(admin.send("DELETE", ns + "/objects/cpu", null).statusCode()).isEqualTo(204);
        assertThat(demo.get(ns + "/objects/cpu").statusCode()).isEqualTo(404);
        assertThat(tree(demo.get("/v2/metadefs/namespaces")).get("namespaces")).hasSize(1);
        assertThat(admin.send("DELETE", ns, null).statusCode()).isEqualTo(204);
        assertThat(demo.get(ns).statusCode()).isEqualTo(404);
    }

    @Test
    void privateNamespacesAreHiddenFromOtherProjects() {
        admin.json("POST", "/v2/metadefs/namespaces", "{\"namespace\": \"secret\"}");
        assertThat(demo.get("/v2/metadefs/namespaces/secret").statusCode()).isEqualTo(404);
        assertThat(tree(demo.get("/v2/metadefs/namespaces")).get("namespaces")).isEmpty();
        assertThat(tree(demo.get("/v2/metadefs/resource_types")).get("resource_types").get(0).get("name").asText())
                .isEqualTo("OS::Glance::Image");
    }
}
