package dev.imagesdk.fake;

import static dev.imagesdk.fake.Http.text;
import static dev.imagesdk.fake.Http.tree;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesdk.fake.junit.FakeGlanceExtension;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Image tags over HTTP. */
@ExtendWith(FakeGlanceExtension.class)
class TagsTest {
    private Http demo;

    @BeforeEach
    void setUp(FakeGlance fake) {
        this.demo = new Http(fake).as("demo");
    }

    @Test
    void tagsAreIdempotentAndMissingTagDeleteIs404() {
        String id = demo.create("{}");
        assertThat(demo.send("PUT", "/v2/images/" + id + "/tags/t1", null).statusCode()).isEqualTo(204);
        assertThat(demo.send("PUT", "/v2/images/" + id + "/tags/t1", null).statusCode()).isEqualTo(204);
        assertThat(tree(demo.get("/v2/images/" + id)).get("tags").toString()).isEqualTo("[\"t1\"]");
        assertThat(demo.send("DELETE", "/v2/images/" + id + "/tags/t1", null).statusCode()).isEqualTo(204);
        HttpResponse<byte[]> r = demo.send("DELETE", "/v2/images/" + id + "/tags/t1", null);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(text(r)).isEqualTo("404 Not Found\n\nThe resource could not be found.\n\n   ");
    }
}
