package dev.imagesdk.fake.internal.engine;

import java.time.Instant;

/** An image member (a project the image is shared with) and its acceptance status. */
public final class Member {
    final String imageId;
    final String memberId;
    String status = "pending";
    /** v1's can_share flag (v2 has no equivalent). */
    boolean canShare;
    final Instant createdAt;
    Instant updatedAt;

    Member(String imageId, String memberId, Instant now) {
        this.imageId = imageId;
        this.memberId = memberId;
        this.createdAt = now;
        this.updatedAt = now;
    }

    Member copy() {
        Member m = new Member(imageId, memberId, createdAt);
        m.status = status;
        m.canShare = canShare;
        m.updatedAt = updatedAt;
        return m;
    }

    public String imageId() { return imageId; }
    public String memberId() { return memberId; }
    public String status() { return status; }
    public boolean canShare() { return canShare; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
}
