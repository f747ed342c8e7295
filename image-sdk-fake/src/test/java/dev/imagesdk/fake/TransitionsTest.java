package dev.imagesdk.fake;

import static dev.imagesdk.fake.Http.tree;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesdk.fake.junit.FakeGlanceExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The status machine's controlled transitions (after polls, manual) and forced statuses. */
@ExtendWith(FakeGlanceExtension.class)
class TransitionsTest {
    private FakeGlance fake;
    private Http demo;

    @BeforeEach
    void setUp(FakeGlance fake) {
        this.fake = fake;
        this.demo = new Http(fake).as("demo");
    }

    private String status(String id) {
        return tree(demo.get("/v2/images/" + id)).get("status").asText();
    }

    @Test
    void uploadStaysSavingForNPollsThenActive() {
        fake.uploadTransitions(FakeGlance.Transition.afterPolls(2));
        String id = demo.create(Http.BARE);
        demo.upload(id, new byte[] {1});
        assertThat(status(id)).isEqualTo("saving");
        assertThat(status(id)).isEqualTo("active");
        assertThat(tree(demo.get("/v2/images/" + id)).get("checksum").asText()).hasSize(32);
    }

    @Test
    void manualUploadTransitionWaitsForTheControlApi() {
        fake.uploadTransitions(FakeGlance.Transition.manual());
        String id = demo.create(Http.BARE);
        demo.upload(id, new byte[] {1});
        assertThat(status(id)).isEqualTo("saving");
        assertThat(status(id)).isEqualTo("saving");
        assertThat(tree(demo.get("/v2/images/" + id)).get("checksum").isNull()).isTrue();
        assertThat(fake.completeTransition(id)).isTrue();
        assertThat(status(id)).isEqualTo("active");
        assertThat(fake.completeTransition(id)).isFalse();
    }

    @Test
    void killedStatusCanBeForcedAndBlocksUpload() {
        String id = demo.create(Http.BARE);
        fake.forceStatus(id, "killed");
        assertThat(status(id)).isEqualTo("killed");
        assertThat(demo.upload(id, new byte[] {1}).statusCode()).isEqualTo(409);
    }
}
