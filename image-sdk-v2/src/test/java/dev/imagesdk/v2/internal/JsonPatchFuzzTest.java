package dev.imagesdk.v2.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.model.ImageUpdate;
import dev.imagesdk.testsupport.Fuzz;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the JSON-patch writer with random updates (names, values, pointers' special characters): each
 * must be refused as invalid input or give a patch document that parses back, whose one-token pointers
 * unescape (RFC 6901) to exactly the property names set, with exactly their values.
 */
class JsonPatchFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void randomUpdatesGiveAFaithfulPatchOrATypedError() throws Exception {
        long seed = Fuzz.seed(40_001);
        Fuzz fuzz = new Fuzz(seed, ImageSdkException.class);
        List<String> findings = fuzz.run("json-patch", seed, 30_000, () -> fuzz.random().nextLong(), s -> {
            Fuzz f = new Fuzz(s, ImageSdkException.class);
            ImageUpdate.Builder u = ImageUpdate.builder();
            if (f.chance(40)) {
                u.name(f.string("renamed"));
            }
            for (int i = f.nextInt(5); i > 0; i--) {
                String k = f.string("arch", "a/b", "a~b", "~1", "~0", "/", "os_glance_x", "name", "hw_disk_bus");
                String v = f.string("x86_64", "None", "");
                if (f.chance(80)) {
                    u.property(k, v);
                } else {
                    u.removeProperty(k);
                }
            }
            for (int i = f.nextInt(3); i > 0; i--) {
                u.addTag(f.string("t", "a,b"));
            }
            ImageUpdate update = u.build();
            JsonPatch.Plan plan = JsonPatch.plan(update, null);
            JsonNode doc = JSON.readTree(JSON.writeValueAsBytes(plan.document()));
            Map<String, String> added = new HashMap<>();
            for (JsonNode op : doc) {
                String path = op.get("path").asText();
                assertThat(path).startsWith("/");
                String token = path.substring(1);
                assertThat(token).doesNotContain("/");
                assertThat(token.replaceAll("~[01]", "")).doesNotContain("~");
                if (op.get("op").asText().equals("add")) {
                    added.put(token.replace("~1", "/").replace("~0", "~"), op.get("value").asText());
                }
            }
            assertThat(added).isEqualTo(update.setProperties());
        });
        assertThat(findings).isEmpty();
    }
}
