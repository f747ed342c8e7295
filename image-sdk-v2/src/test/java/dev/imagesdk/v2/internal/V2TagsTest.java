package dev.imagesdk.v2.internal;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.imagesdk.model.ImageUpdate;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;

/**
 * Glance's image tags through the service ({@link V2Tags}): the tag endpoints that an update uses for
 * single tag changes, and a removal that is already done on a retry.
 */
class V2TagsTest extends V2WireFixture {

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
    void removingATagThatIsAlreadyGoneOnARetrySucceeds() {
        wm.stubFor(delete("/v2/images/" + ID + "/tags/t1").inScenario("t").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(503, "{}")).willSetStateTo("gone"));
        wm.stubFor(delete("/v2/images/" + ID + "/tags/t1").inScenario("t").whenScenarioStateIs("gone")
                .willReturn(aResponse().withStatus(404).withBody("404 Not Found\n\nThe resource could not be found.\n\n   ")));
        images.removeTag(ID, "t1");
        wm.verify(2, deleteRequestedFor(urlEqualTo("/v2/images/" + ID + "/tags/t1")));
    }
}
