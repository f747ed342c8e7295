package dev.imagesdk.fake.internal.engine;

import java.util.List;

/**
 * Who is calling: the request context Glance builds from a validated token.
 *
 * @param userId    the user id, null in noauth mode
 * @param projectId the project (owner) id, null in noauth mode
 * @param roles     role names
 * @param admin     whether Glance's policies treat the caller as admin
 */
public record Caller(String userId, String projectId, List<String> roles, boolean admin) {
    public static final Caller NOAUTH = new Caller(null, null, List.of(), true);

    public boolean owns(String owner) {
        return projectId != null && projectId.equals(owner);
    }
}
