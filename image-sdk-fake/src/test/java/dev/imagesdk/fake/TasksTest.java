package dev.imagesdk.fake;

import static dev.imagesdk.fake.Http.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagesdk.fake.junit.FakeGlanceExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The tasks API and an image's tasks. */
@ExtendWith(FakeGlanceExtension.class)
class TasksTest {
    private Http demo;
    private Http admin;

    @BeforeEach
    void setUp(FakeGlance fake) {
        this.demo = new Http(fake).as("demo");
        this.admin = new Http(fake).as("admin");
    }

    @Test
    void tasksApiListsAndShowsImportTasks() {
        String id = demo.create(Http.BARE);
        demo.send("PUT", "/v2/images/" + id + "/stage", new byte[] {1}, "Content-Type", "application/octet-stream");
        demo.json("POST", "/v2/images/" + id + "/import", "{\"method\": {\"name\": \"glance-direct\"}}");
        JsonNode list = tree(admin.get("/v2/tasks")).get("tasks");
        assertThat(list).hasSize(1);
        String taskId = list.get(0).get("id").asText();
        JsonNode task = tree(admin.get("/v2/tasks/" + taskId));
        assertThat(task.get("status").asText()).isEqualTo("success");
        assertThat(task.get("self").asText()).isEqualTo("/v2/tasks/" + taskId);
        // tasks_api_access is admin-only by Glance's default policy, even for the task's owner
        assertThat(demo.get("/v2/tasks").statusCode()).isEqualTo(403);
        assertThat(demo.get("/v2/tasks/" + taskId).statusCode()).isEqualTo(403);
        assertThat(tree(demo.get("/v2/images/" + id + "/tasks")).get("tasks")).hasSize(1);
    }
}
