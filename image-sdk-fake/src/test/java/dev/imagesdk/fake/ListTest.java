package dev.imagesdk.fake;

import static dev.imagesdk.fake.Http.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagesdk.fake.junit.FakeGlanceExtension;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FakeGlanceExtension.class)
class ListTest {
    private Http demo;
    private final List<String> pages = new ArrayList<>();

    @BeforeEach
    void setUp(FakeGlance fake) {
        demo = new Http(fake).as("demo");
        fake.setClock(Instant.parse("2026-11-22T19:38:15Z"));
        for (int i = 0; i < 5; i++) {
            pages.add(demo.create("{\"disk_format\": \"raw\", \"container_format\": \"bare\", \"name\": \"page-" + i + "\", \"lab_page\": \"yes\"}"));
            fake.advanceClock(Duration.ofSeconds(1));
        }
        demo.create("{\"disk_format\": \"raw\", \"container_format\": \"bare\", \"name\": \"other\"}");
    }

    static List<String> names(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.get("images").forEach(i -> out.add(i.get("name").asText()));
        return out;
    }

    @Test
    void nextLinksFollowGlanceFormatAndEndAfterAFullLastPage() {
        String first = "/v2/images?limit=2&sort_key=name&sort_dir=asc&lab_page=yes";
        JsonNode p1 = tree(demo.get(first, "Accept", "application/json"));
        assertThat(names(p1)).containsExactly("page-0", "page-1");
        assertThat(p1.get("first").asText()).isEqualTo(first);
        assertThat(p1.get("schema").asText()).isEqualTo("/v2/schemas/images");
        assertThat(p1.get("next").asText()).isEqualTo(first + "&marker=" + pages.get(1));
        JsonNode p2 = tree(demo.get(p1.get("next").asText()));
        assertThat(names(p2)).containsExactly("page-2", "page-3");
        assertThat(p2.get("first").asText()).isEqualTo(first);
        assertThat(p2.get("next").asText()).isEqualTo(first + "&marker=" + pages.get(3));
        JsonNode p3 = tree(demo.get(p2.get("next").asText()));
        assertThat(names(p3)).containsExactly("page-4");
        assertThat(p3.has("next")).isFalse();
        // exactly full last page: next is present, and the page after it is empty without next
        JsonNode full = tree(demo.get("/v2/images?limit=5&lab_page=yes"));
        assertThat(full.get("images")).hasSize(5);
        JsonNode empty = tree(demo.get(full.get("next").asText()));
        assertThat(empty.get("images")).isEmpty();
        assertThat(empty.has("next")).isFalse();
    }

    @Test
    void defaultOrderIsNewestFirstAndFirstLinkReencodesParameters() {
        JsonNode all = tree(demo.get("/v2/images"));
        assertThat(names(all)).containsExactly("other", "page-4", "page-3", "page-2", "page-1", "page-0");
        assertThat(all.get("first").asText()).isEqualTo("/v2/images");
        JsonNode r = tree(demo.get("/v2/images?sort=name:desc,created_at&limit=1&status=queued&visibility=private"));
        assertThat(r.get("images")).isEmpty();
        assertThat(r.get("first").asText())
                .isEqualTo("/v2/images?sort=name%3Adesc%2Ccreated_at&limit=1&status=queued&visibility=private");
    }

    @Test
    void sortSyntaxAndFilters() {
        assertThat(names(tree(demo.get("/v2/images?sort=name:desc&lab_page=yes&limit=2"))))
                .containsExactly("page-4", "page-3");
        assertThat(names(tree(demo.get("/v2/images?name=in:%22page-0%22,page-1&limit=5"))))
                .containsExactlyInAnyOrder("page-0", "page-1");
        assertThat(names(tree(demo.get("/v2/images?name=page-2")))).containsExactly("page-2");
        assertThat(names(tree(demo.get("/v2/images?created_at=gte:2026-11-22T19:38:17Z&lab_page=yes"))))
                .containsExactly("page-4", "page-3", "page-2");
        assertThat(names(tree(demo.get("/v2/images?created_at=lt:2026-11-22T19:38:16Z"))))
                .containsExactly("page-0");
        assertThat(tree(demo.get("/v2/images?status=bogus")).get("images")).isEmpty();
        demo.upload(pages.get(0), new byte[100]);
        assertThat(names(tree(demo.get("/v2/images?size_min=1&size_max=10000000")))).containsExactly("page-0");
        assertThat(names(tree(demo.get("/v2/images?status=active")))).containsExactly("page-0");
        demo.send("PUT", "/v2/images/" + pages.get(1) + "/tags/a", null);
        demo.send("PUT", "/v2/images/" + pages.get(1) + "/tags/b", null);
        demo.send("PUT", "/v2/images/" + pages.get(2) + "/tags/a", null);
        assertThat(names(tree(demo.get("/v2/images?tag=a&tag=b")))).containsExactly("page-1");
    }

    @Test
    void badParametersAre400() {
        HttpResponse<byte[]> m = demo.get("/v2/images?marker=8d96045e-f157-4753-a199-d264385d07fc",
                "Accept", "application/json");
        assertThat(m.statusCode()).isEqualTo(400);
        assertThat(tree(m).get("message").asText())
                .isEqualTo("No image found with ID 8d96045e-f157-4753-a199-d264385d07fc<br /><br />\n\n\n");
        HttpResponse<byte[]> l = demo.get("/v2/images?limit=-1", "Accept", "application/json");
        assertThat(l.statusCode()).isEqualTo(400);
        assertThat(tree(l).get("message").asText()).isEqualTo("limit param must be positive<br /><br />\n\n\n");
        HttpResponse<byte[]> s = demo.get("/v2/images?sort_key=bogus", "Accept", "application/json");
        assertThat(s.statusCode()).isEqualTo(400);
        assertThat(tree(s).get("message").asText()).isEqualTo("Invalid sort key: bogus. It must be one of the "
                + "following: name, status, container_format, disk_format, size, id, created_at, updated_at."
                + "<br /><br />\n\n\n");
        assertThat(demo.get("/v2/images?sort_dir=sideways").statusCode()).isEqualTo(400);
        assertThat(demo.get("/v2/images?visibility=everyone").statusCode()).isEqualTo(400);
        assertThat(demo.get("/v2/images?limit=abc").statusCode()).isEqualTo(400);
        assertThat(demo.get("/v2/images?created_at=gte:yesterday").statusCode()).isEqualTo(400);
    }

    @Test
    void limitAboveMaximumIsCapped() {
        assertThat(tree(demo.get("/v2/images?limit=5000")).get("images")).hasSize(6);
    }
}
