package dev.imagesdk.v1.internal;

import dev.imagesdk.model.Member;
import dev.imagesdk.v1.Membership;
import dev.imagesdk.v1.SharedImage;

import java.util.List;
import java.util.Map;

import static dev.imagesdk.v1.internal.V1Images.imagePath;
import static dev.imagesdk.v1.internal.V1Images.requireNonNull;
import static dev.imagesdk.v1.internal.V1Images.segment;

/**
 * Glance v1's image members ({@code /v1/images/{id}/members}) and shared images
 * ({@code /v1/shared-images/{tenant}}): list, add (with {@code can_share}), remove (a 404 on a retry succeeded
 * earlier), replace all. v1 members have no status: a member need not accept.
 */
final class V1Members {

    private final V1Http http;

    V1Members(V1Http http) {
        this.http = http;
    }

    List<Member> members(String imageId) {
        return V1Json.members(imageId, http.send(V1Request.of("GET", imagePath(imageId) + "/members")).body());
    }

    Member addMember(String imageId, String tenantId, boolean canShare) {
        String path = memberPath(imageId, tenantId);
        Map<String, String> json = Map.of("Content-Type", "application/json");
        http.send(new V1Request("PUT", path, json, V1Json.member(canShare)));
        return new Member(imageId, tenantId, null, canShare, null, null);
    }

    void removeMember(String imageId, String projectId) {
        http.send(V1Request.of("DELETE", memberPath(imageId, projectId)).treatingNotFoundOnRetryAsSuccess());
    }

    void replaceMembers(String imageId, List<Membership> members) {
        requireNonNull("members", members);
        http.send(new V1Request("PUT", imagePath(imageId) + "/members", Map.of("Content-Type", "application/json"),
                V1Json.memberships(List.copyOf(members))));
    }

    List<SharedImage> sharedImages(String tenantId) {
        return V1Json.sharedImages(http.send(V1Request.of("GET", "shared-images/" + segment("tenant id", tenantId)))
                .body());
    }

    private static String memberPath(String imageId, String tenantId) {
        return imagePath(imageId) + "/members/" + segment("tenant id", tenantId);
    }
}
