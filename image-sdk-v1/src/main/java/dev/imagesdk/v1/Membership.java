package dev.imagesdk.v1;

import dev.imagesdk.exception.InvalidInputException;

/**
 * One entry of an API v1 member list: a tenant the image is shared with, and whether it may share the
 * image further. Used to replace all members at once ({@link ImageServiceV1#replaceMembers}).
 *
 * @param memberId the tenant (project) id; not blank
 * @param canShare whether the tenant may share the image further
 */
public record Membership(String memberId, boolean canShare) {
    /**
     * Checks the member id.
     *
     * @param memberId the tenant (project) id; not blank
     * @param canShare whether the tenant may share the image further
     * @throws InvalidInputException if the member id is null or blank
     */
    public Membership {
        if (memberId == null || memberId.isBlank()) {
            throw new InvalidInputException("member id", memberId, "must not be blank");
        }
    }
}
