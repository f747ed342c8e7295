package dev.imagesdk.v2.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagesdk.exception.ConflictException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.model.Member;
import dev.imagesdk.model.MemberStatus;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.imagesdk.v2.internal.V2Context.NODES;
import static dev.imagesdk.v2.internal.V2Context.checkId;
import static dev.imagesdk.v2.internal.V2Context.imagePath;
import static dev.imagesdk.v2.internal.V2Context.notNull;
import static dev.imagesdk.v2.internal.V2Context.segment;

/**
 * Glance's image members ({@code /v2/images/{id}/members}): list, add, remove, and the consumer's status
 * (accepted, rejected, pending). An add that sees "duplicated" on a retry returns the member the first attempt
 * added; a remove that sees 404 on a retry succeeded earlier.
 */
final class V2Members {

    private final V2Context ctx;

    V2Members(V2Context ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    List<Member> members(String imageId) {
        URI url = ctx.url(imagePath(imageId) + "/members");
        return ctx.calls.run("list members", "GET", true,
                token -> V2Json.members(ctx.api.members(url, token)));
    }

    Member addMember(String imageId, String projectId) {
        URI url = ctx.url(imagePath(imageId) + "/members");
        checkId("projectId", projectId);
        ObjectNode body = NODES.objectNode().put("member", projectId);
        AtomicInteger attempts = new AtomicInteger();
        return ctx.calls.run("add member", "POST", true, token -> {
            int attempt = attempts.incrementAndGet();
            try {
                return V2Json.member(ctx.api.addMember(url, token, body));
            } catch (ConflictException e) {
                if (attempt == 1) {
                    throw e;
                }
                // A retry saw "duplicated": the first attempt added it.
                for (Member m : V2Json.members(ctx.api.members(url, token))) {
                    if (projectId.equals(m.memberId())) {
                        return m;
                    }
                }
                throw e;
            }
        });
    }

    void removeMember(String imageId, String projectId) {
        URI url = memberUrl(imageId, projectId);
        ctx.deleteCall("remove member", token -> ctx.api.removeMember(url, token));
    }

    private URI memberUrl(String imageId, String projectId) {
        String image = imagePath(imageId);
        checkId("projectId", projectId);
        return ctx.url(image + "/members/" + segment("projectId", projectId));
    }

    Member updateMemberStatus(String imageId, String projectId, MemberStatus status) {
        URI url = memberUrl(imageId, projectId);
        notNull("status", status);
        if (MemberStatus.ALL.equals(status)) {
            throw new InvalidInputException("status", status, "'all' is only a list filter; use accepted, rejected "
                    + "or pending");
        }
        ObjectNode body = NODES.objectNode().put("status", status.value());
        return ctx.calls.run("update member", "PUT", true,
                token -> V2Json.member(ctx.api.updateMember(url, token, body)));
    }
}
