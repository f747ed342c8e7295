package dev.imagesdk.fake.internal.engine;

import java.util.List;

/**
 * Image members ({@code /v2/images/{id}/members}): sharing a {@code shared} image with other projects,
 * and the member's own accept/reject, within the member quota.
 */
public final class Members {
    private final EngineState state;
    private final Policy policy;

    Members(EngineState state, Policy policy) {
        this.state = state;
        this.policy = policy;
    }

    private Image sharedImage(Image img) {
        if (!img.visibility.equals("shared")) {
            throw GlanceException.forbidden("Only shared images have members.");
        }
        return img;
    }

    public Member addMember(Caller c, String id, String memberId) {
        return state.locked(() -> {
            Image img = policy.find(c, id);
            if (!Policy.mutable(c, img)) {
                throw GlanceException.forbidden("You are not permitted to create image members for the image.");
            }
            sharedImage(img);
            if (img.members.containsKey(memberId)) {
                throw GlanceException.conflict("Member " + memberId + " is duplicated for image " + id);
            }
            if (img.members.size() + 1 > state.config.imageMemberQuota()) {
                throw GlanceException.tooLarge("The limit has been exceeded on the number of allowed image members "
                        + "for this image. Attempted: " + (img.members.size() + 1) + ", Maximum: "
                        + state.config.imageMemberQuota());
            }
            Member m = new Member(id, memberId, state.now());
            img.members.put(memberId, m);
            return m.copy();
        });
    }

    public List<Member> members(Caller c, String id) {
        return state.locked(() -> {
            Image img = sharedImage(policy.find(c, id));
            return img.members.values().stream()
                    .filter(m -> Policy.mutable(c, img) || m.memberId.equals(c.projectId()))
                    .map(Member::copy).toList();
        });
    }

    private Member findMember(Caller c, Image img, String memberId) {
        Member m = img.members.get(memberId);
        if (m == null || !(Policy.mutable(c, img) || memberId.equals(c.projectId()))) {
            throw GlanceException.notFound("Member " + memberId + " not found");
        }
        return m;
    }

    public Member member(Caller c, String id, String memberId) {
        return state.locked(() -> findMember(c, sharedImage(policy.find(c, id)), memberId).copy());
    }

    public Member updateMember(Caller c, String id, String memberId, Object status) {
        return state.locked(() -> {
            Image img = sharedImage(policy.find(c, id));
            Member m = findMember(c, img, memberId);
            if (!c.admin() && !memberId.equals(c.projectId())) {
                throw GlanceException.forbidden("You are not permitted to modify 'status' on this image member.");
            }
            if (!(status instanceof String) || !List.of("pending", "accepted", "rejected").contains(status)) {
                throw GlanceException.badRequest("Provided object does not match schema 'member': "
                        + SchemaRules.repr(status) + " is not one of ['pending', 'accepted', 'rejected']");
            }
            m.status = (String) status;
            m.updatedAt = state.now();
            return m.copy();
        });
    }

    public void deleteMember(Caller c, String id, String memberId) {
        state.lockedRun(() -> {
            Image img = sharedImage(policy.find(c, id));
            findMember(c, img, memberId);
            if (!Policy.mutable(c, img)) {
                throw GlanceException.forbidden("You are not permitted to delete image members for the image.");
            }
            img.members.remove(memberId);
        });
    }
}
