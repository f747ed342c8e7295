package dev.imagesdk.fake;

import static dev.imagesdk.fake.Http.text;
import static dev.imagesdk.fake.Http.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagesdk.fake.junit.FakeGlanceExtension;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FakeGlanceExtension.class)
class VisibilityTest {
    private FakeGlance fake;
    private Http demo;
    private Http alt;
    private Http admin;

    @BeforeEach
    void setUp(FakeGlance fake) {
        this.fake = fake;
        Http h = new Http(fake);
        demo = h.as("demo");
        alt = h.as("alt_demo");
        admin = h.as("admin");
    }

    static List<String> ids(HttpResponse<byte[]> list) {
        List<String> out = new ArrayList<>();
        for (JsonNode i : tree(list).get("images")) {
            out.add(i.get("id").asText());
        }
        return out;
    }

    @Test
    void anotherProjectsPrivateImageIs404Not403() {
        String id = demo.create("{\"disk_format\": \"raw\", \"container_format\": \"bare\", \"name\": \"private-a\", \"visibility\": \"private\"}");
        HttpResponse<byte[]> r = alt.get("/v2/images/" + id, "Accept", "application/json");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(tree(r).get("message").asText()).isEqualTo("No image found with ID " + id + "<br /><br />\n\n\n");
        assertThat(ids(alt.get("/v2/images"))).doesNotContain(id);
        assertThat(admin.get("/v2/images/" + id).statusCode()).isEqualTo(200);
    }

    @Test
    void sharedImageNeedsAcceptedMembershipToBeListedByDefault() {
        String id = demo.create("{\"disk_format\": \"raw\", \"container_format\": \"bare\", \"name\": \"s\", \"visibility\": \"shared\"}");
        String b = fake.projectId("alt_demo");
        assertThat(alt.get("/v2/images/" + id).statusCode()).isEqualTo(404);
        HttpResponse<byte[]> add = demo.json("POST", "/v2/images/" + id + "/members", "{\"member\": \"" + b + "\"}");
        assertThat(add.statusCode()).isEqualTo(200);
        assertThat(tree(add).get("status").asText()).isEqualTo("pending");
        assertThat(tree(add).get("schema").asText()).isEqualTo("/v2/schemas/member");
        assertThat(demo.json("POST", "/v2/images/" + id + "/members", "{\"member\": \"" + b + "\"}").statusCode())
                .isEqualTo(409);
        // pending: visible by id, not in the default list, listed with member_status=all
        assertThat(alt.get("/v2/images/" + id).statusCode()).isEqualTo(200);
        assertThat(ids(alt.get("/v2/images"))).doesNotContain(id);
        assertThat(ids(alt.get("/v2/images?member_status=all"))).contains(id);
        assertThat(ids(alt.get("/v2/images?visibility=shared&member_status=pending"))).contains(id);
        // the owner cannot accept for the member
        assertThat(demo.json("PUT", "/v2/images/" + id + "/members/" + b, "{\"status\": \"accepted\"}").statusCode())
                .isEqualTo(403);
        HttpResponse<byte[]> acc = alt.json("PUT", "/v2/images/" + id + "/members/" + b, "{\"status\": \"accepted\"}");
        assertThat(acc.statusCode()).isEqualTo(200);
        assertThat(tree(acc).get("status").asText()).isEqualTo("accepted");
        assertThat(ids(alt.get("/v2/images"))).contains(id);
        assertThat(ids(alt.get("/v2/images?visibility=shared&member_status=accepted"))).containsExactly(id);
        assertThat(tree(demo.get("/v2/images/" + id + "/members")).get("members")).hasSize(1);
        assertThat(alt.get("/v2/images/" + id + "/members/" + b).statusCode()).isEqualTo(200);
        // a member may read but not modify
        HttpResponse<byte[]> mod = alt.patch(id, "[{\"op\": \"replace\", \"path\": \"/name\", \"value\": \"x\"}]");
        assertThat(mod.statusCode()).isEqualTo(403);
        assertThat(tree(mod).get("message").asText()).isEqualTo("You do not own this image<br /><br />\n\n\n");
        assertThat(alt.json("PUT", "/v2/images/" + id + "/members/" + b, "{\"status\": \"bogus\"}").statusCode())
                .isEqualTo(400);
        assertThat(demo.send("DELETE", "/v2/images/" + id + "/members/" + b, null).statusCode()).isEqualTo(204);
        assertThat(alt.get("/v2/images/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void onlySharedImagesHaveMembers() {
        String id = demo.create("{\"disk_format\": \"raw\", \"container_format\": \"bare\", \"visibility\": \"private\"}");
        assertThat(demo.json("POST", "/v2/images/" + id + "/members", "{\"member\": \"x\"}").statusCode()).isEqualTo(403);
    }

    @Test
    void communityImagesAreVisibleButListedByDefaultOnlyToTheirOwner() {
        String id = demo.create("{\"disk_format\": \"raw\", \"container_format\": \"bare\", \"name\": \"c\", \"visibility\": \"community\"}");
        assertThat(alt.get("/v2/images/" + id).statusCode()).isEqualTo(200);
        assertThat(ids(alt.get("/v2/images"))).doesNotContain(id);
        assertThat(ids(demo.get("/v2/images"))).contains(id);
        assertThat(ids(alt.get("/v2/images?visibility=community"))).containsExactly(id);
        assertThat(alt.patch(id, "[{\"op\": \"add\", \"path\": \"/x\", \"value\": \"y\"}]").statusCode()).isEqualTo(403);
    }

    @Test
    void hiddenImagesAreOnlyListedWithOsHiddenTrue() {
        String id = demo.create("{\"disk_format\": \"raw\", \"container_format\": \"bare\", \"name\": \"h\"}");
        String visible = demo.create("{\"disk_format\": \"raw\", \"container_format\": \"bare\", \"name\": \"v\"}");
        assertThat(demo.patch(id, "[{\"op\": \"replace\", \"path\": \"/os_hidden\", \"value\": true}]").statusCode())
                .isEqualTo(200);
        assertThat(ids(demo.get("/v2/images"))).containsExactly(visible);
        assertThat(ids(demo.get("/v2/images?os_hidden=true"))).containsExactly(id);
        assertThat(demo.get("/v2/images/" + id).statusCode()).isEqualTo(200);
    }

    @Test
    void publicizingIsAdminOnly() {
        String id = demo.create("{\"disk_format\": \"raw\", \"container_format\": \"bare\", \"name\": \"pub\"}");
        HttpResponse<byte[]> r = demo.patch(id, "[{\"op\": \"replace\", \"path\": \"/visibility\", \"value\": \"public\"}]");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(tree(r).get("message").asText())
                .isEqualTo("You are not authorized to complete publicize_image action.<br /><br />\n\n\n");
        assertThat(demo.json("POST", "/v2/images", "{\"visibility\": \"public\"}").statusCode()).isEqualTo(403);
        assertThat(admin.patch(id, "[{\"op\": \"replace\", \"path\": \"/visibility\", \"value\": \"public\"}]")
                .statusCode()).isEqualTo(200);
        assertThat(ids(alt.get("/v2/images"))).contains(id);
        assertThat(ids(alt.get("/v2/images?visibility=public"))).containsExactly(id);
    }

    @Test
    void protectedImagesCannotBeDeleted() {
        String id = demo.create("{\"disk_format\": \"raw\", \"container_format\": \"bare\", \"name\": \"prot\", \"protected\": true}");
        HttpResponse<byte[]> r = demo.send("DELETE", "/v2/images/" + id, null, "Accept", "application/json");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(tree(r).get("message").asText())
                .isEqualTo("Image " + id + " is protected and cannot be deleted.<br /><br />\n\n\n");
        assertThat(admin.send("DELETE", "/v2/images/" + id, null).statusCode()).isEqualTo(403);
        demo.patch(id, "[{\"op\": \"replace\", \"path\": \"/protected\", \"value\": false}]");
        assertThat(demo.send("DELETE", "/v2/images/" + id, null).statusCode()).isEqualTo(204);
    }

    @Test
    void otherProjectCannotDeleteAPublicImage() {
        String id = admin.create("{\"disk_format\": \"raw\", \"container_format\": \"bare\", \"visibility\": \"public\"}");
        assertThat(demo.send("DELETE", "/v2/images/" + id, null).statusCode()).isEqualTo(403);
    }

    @Test
    void deactivatedImageDataIsForbiddenToNonAdmins() {
        String id = demo.create("{\"disk_format\": \"raw\", \"container_format\": \"bare\", \"name\": \"d\"}");
        demo.upload(id, new byte[] {1, 2, 3});
        assertThat(demo.send("POST", "/v2/images/" + id + "/actions/deactivate", null).statusCode()).isEqualTo(204);
        assertThat(tree(demo.get("/v2/images/" + id)).get("status").asText()).isEqualTo("deactivated");
        HttpResponse<byte[]> r = demo.get("/v2/images/" + id + "/file");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(text(r)).isEqualTo("403 Forbidden\n\nThe requested image has been deactivated. "
                + "Image data download is forbidden.\n\n   ");
        assertThat(admin.get("/v2/images/" + id + "/file").body()).containsExactly(1, 2, 3);
        assertThat(demo.send("POST", "/v2/images/" + id + "/actions/reactivate", null).statusCode()).isEqualTo(204);
        assertThat(demo.get("/v2/images/" + id + "/file").statusCode()).isEqualTo(200);
        String queued = demo.create(Http.BARE);
        assertThat(demo.send("POST", "/v2/images/" + queued + "/actions/deactivate", null).statusCode()).isEqualTo(403);
    }

    @Test
    void nonUuidIdIs404() {
        HttpResponse<byte[]> r = demo.get("/v2/images/not-a-uuid", "Accept", "application/json");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(tree(r).get("message").asText()).isEqualTo("No image found with ID not-a-uuid<br /><br />\n\n\n");
    }
}
