package dev.imagesdk.v2.internal;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.model.Member;
import dev.imagesdk.model.MemberStatus;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Glance's image members through the service ({@link V2Members}): add, list, accept, remove, and an add
 * that sees "duplicated" on a retry.
 */
class V2MembersTest extends V2WireFixture {

    @Test
    void addMemberPostsTheMemberAndParsesThePendingStatus() {
        wm.stubFor(post("/v2/images/" + ID + "/members").willReturn(json(200, Transcripts.text("member.json"))));
        Member m = images.addMember(ID, "5150cd8b017f49849c26cd27249ec24a");
        assertThat(m.status()).isEqualTo(MemberStatus.PENDING);
        assertThat(m.imageId()).isEqualTo(ID);
        wm.verify(postRequestedFor(urlEqualTo("/v2/images/" + ID + "/members"))
                .withHeader("Content-Type", equalTo(JSON_CT))
                .withRequestBody(equalToJson("{\"member\":\"5150cd8b017f49849c26cd27249ec24a\"}")));
    }

    @Test
    void acceptMembershipPutsTheStatus() {
        String accepted = Transcripts.text("member.json").replace("pending", "accepted");
        wm.stubFor(put("/v2/images/" + ID + "/members/5150cd8b017f49849c26cd27249ec24a")
                .willReturn(json(200, accepted)));
        Member m = images.updateMemberStatus(ID, "5150cd8b017f49849c26cd27249ec24a", MemberStatus.ACCEPTED);
        assertThat(m.status()).isEqualTo(MemberStatus.ACCEPTED);
        wm.verify(putRequestedFor(anyUrl()).withRequestBody(equalToJson("{\"status\":\"accepted\"}")));
        assertThatThrownBy(() -> images.updateMemberStatus(ID, "p", MemberStatus.ALL))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void membersListIsParsed() {
        wm.stubFor(get("/v2/images/" + ID + "/members").willReturn(json(200, Transcripts.text("members.json"))));
        assertThat(images.members(ID)).extracting(Member::memberId).containsExactly("5150cd8b017f49849c26cd27249ec24a");
    }

    @Test
    void addMemberThatSeesDuplicateOnARetryReturnsTheExistingMember() {
        String member = "5150cd8b017f49849c26cd27249ec24a";
        wm.stubFor(post("/v2/images/" + ID + "/members").inScenario("m").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(503, "{}")).willSetStateTo("dup"));
        wm.stubFor(post("/v2/images/" + ID + "/members").inScenario("m").whenScenarioStateIs("dup")
                .willReturn(json(409, "{\"message\":\"Member " + member + " is duplicated\"}")));
        wm.stubFor(get("/v2/images/" + ID + "/members").willReturn(json(200, Transcripts.text("members.json"))));
        Member m = images.addMember(ID, member);
        assertThat(m.memberId()).isEqualTo(member);
        assertThat(m.status()).isEqualTo(MemberStatus.ACCEPTED);
    }

    @Test
    void removeMemberDeletesTheMembership() {
        wm.stubFor(delete("/v2/images/" + ID + "/members/p2").willReturn(aResponse().withStatus(204)));
        images.removeMember(ID, "p2");
        wm.verify(deleteRequestedFor(urlEqualTo("/v2/images/" + ID + "/members/p2")));
    }
}
