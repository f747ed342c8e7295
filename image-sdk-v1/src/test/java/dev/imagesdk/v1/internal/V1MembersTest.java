package dev.imagesdk.v1.internal;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.imagesdk.model.Member;
import dev.imagesdk.v1.Membership;
import dev.imagesdk.v1.SharedImage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Glance v1's image members and shared images ({@link V1Members}) through the service, on the production path
 * ({@link V1TestServices}): list, add with and without {@code can_share}, remove, replace all, shared images.
 */
class V1MembersTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    static final String ID = "2ffc3a4c-8272-478f-a5a8-0067c0012e33";

    private V1ImageService images;

    @BeforeEach
    void setUp() {
        images = V1TestServices.on(wm.baseUrl(), "tok");
    }

    @AfterEach
    void tearDown() {
        images.close();
    }

    @Test
    void membersAreListedAddedWithCanShareRemovedAndReplaced() {
        String members = "/v1/images/" + ID + "/members";
        wm.stubFor(get(urlEqualTo(members)).willReturn(aResponse().withBody(
                "{\"members\": [{\"member_id\": \"tenant-a\", \"can_share\": true}]}")));
        wm.stubFor(put(urlEqualTo(members + "/tenant-b")).willReturn(aResponse().withStatus(204)));
        wm.stubFor(delete(urlEqualTo(members + "/tenant-a")).willReturn(aResponse().withStatus(204)));
        wm.stubFor(put(urlEqualTo(members)).willReturn(aResponse().withStatus(204)));

        assertThat(images.members(ID)).containsExactly(new Member(ID, "tenant-a", null, true, null, null));
        assertThat(images.addMember(ID, "tenant-b", true).canShare()).isTrue();
        images.removeMember(ID, "tenant-a");
        images.replaceMembers(ID, List.of(new Membership("tenant-c", false), new Membership("tenant-d", true)));

        wm.verify(putRequestedFor(urlEqualTo(members + "/tenant-b"))
                .withRequestBody(equalToJson("{\"member\": {\"can_share\": true}}")));
        wm.verify(deleteRequestedFor(urlEqualTo(members + "/tenant-a")));
        wm.verify(putRequestedFor(urlEqualTo(members)).withRequestBody(equalToJson(
                "{\"memberships\": [{\"member_id\": \"tenant-c\", \"can_share\": false},"
                        + " {\"member_id\": \"tenant-d\", \"can_share\": true}]}")));
    }

    @Test
    void addMemberWithoutCanShareSendsFalse() {
        wm.stubFor(put(urlEqualTo("/v1/images/" + ID + "/members/t")).willReturn(aResponse().withStatus(204)));
        images.addMember(ID, "t");
        wm.verify(putRequestedFor(urlEqualTo("/v1/images/" + ID + "/members/t"))
                .withRequestBody(equalToJson("{\"member\": {\"can_share\": false}}")));
    }

    @Test
    void sharedImagesOfATenant() {
        wm.stubFor(get(urlEqualTo("/v1/shared-images/tenant-a")).willReturn(aResponse().withBody(
                "{\"shared_images\": [{\"image_id\": \"" + ID + "\", \"can_share\": false}]}")));
        assertThat(images.sharedImages("tenant-a")).containsExactly(new SharedImage(ID, false));
    }
}
