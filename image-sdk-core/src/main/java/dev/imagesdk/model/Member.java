package dev.imagesdk.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A project an image is shared with.
 *
 * @param imageId the shared image
 * @param memberId the member project's id
 * @param status the member's answer (API v2; {@code null} from API v1, which has no statuses)
 * @param canShare API v1: whether the member may share the image further ({@code null} from API v2)
 * @param createdAt when the membership was created, or null if not reported
 * @param updatedAt when it last changed, or null if not reported
 */
public record Member(String imageId, String memberId, MemberStatus status, Boolean canShare, Instant createdAt,
                     Instant updatedAt) {
    /**
     * Checks the member id.
     *
     * @param imageId the shared image
     * @param memberId the member project's id
     * @param status the member's answer (API v2; {@code null} from API v1, which has no statuses)
     * @param canShare API v1: whether the member may share the image further ({@code null} from API v2)
     * @param createdAt when the membership was created, or null if not reported
     * @param updatedAt when it last changed, or null if not reported
     * @throws NullPointerException if memberId is null
     */
    public Member {
        Objects.requireNonNull(memberId, "memberId");
    }
}
