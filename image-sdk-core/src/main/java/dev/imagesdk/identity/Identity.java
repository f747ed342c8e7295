package dev.imagesdk.identity;

import java.util.List;
import java.util.Optional;

/**
 * Keystone, as far as image workflows need it, with the image service's own token (no second
 * authentication). Get it from {@link dev.imagesdk.ImageService#identity()}. Thread-safe.
 *
 * <p>Calls go to the configured {@code auth_url} ({@code OS_AUTH_URL}) through the SDK's one call path (token,
 * retries, one re-authentication, typed errors). Keystone v3 is asked {@code GET /v3/auth/projects} and
 * {@code GET /v3/projects?name=...}; Keystone v2.0 {@code GET /v2.0/tenants}.
 *
 * <p>Failures: {@link dev.imagesdk.exception.ImageSdkClientException} when the service has no Keystone (a
 * static token or no auth, except {@link #currentProjectId()} when the token says); Keystone's refusals as
 * {@link dev.imagesdk.exception.ImageServiceException} subclasses, a refused project listing as a
 * {@link dev.imagesdk.exception.ForbiddenException} naming the call that was refused.
 */
public interface Identity {

    /**
     * {@return the project the service's token is scoped to, as Keystone stated it when it issued the token (no call)}
     *
     * @throws dev.imagesdk.exception.ImageSdkClientException if the token is not project-scoped or there is
     *         no token (no auth)
     */
    String currentProjectId();

    /**
     * {@return the projects the caller may scope a token to ({@code GET /v3/auth/projects}; v2.0: {@code GET
     * /tenants})}
     * Any user may ask.
     */
    List<Project> myProjects();

    /**
     * Looks a project up by name: first among the caller's own projects, then with
     * {@code GET /v3/projects?name=...}, which Keystone's default policy allows to admins only.
     *
     * @param name the project name; not blank
     * @return the project, or empty if Keystone knows none of that name
     * @throws dev.imagesdk.exception.ForbiddenException if the name is not one of the caller's projects and
     *         Keystone refuses the listing; the message names the refused call and suggests the project id
     * @throws dev.imagesdk.exception.InvalidInputException if the name is blank, or matches projects in
     *         several domains (ambiguous; use the id)
     */
    Optional<Project> findProject(String name);

    /**
     * {@return the id of a project reference: the id as given, or the id of the project found by
     * {@link #findProject(String)}}
     *
     * @param project the project, by id or by name; not null
     * @throws dev.imagesdk.exception.InvalidInputException naming {@code projectName} if no project has it
     * @throws dev.imagesdk.exception.ForbiddenException as {@link #findProject(String)}
     */
    default String resolve(ProjectRef project) {
        java.util.Objects.requireNonNull(project, "project");
        if (project.id().isPresent()) {
            return project.id().get();
        }
        String name = project.name().orElseThrow();
        return findProject(name).map(Project::id).orElseThrow(() -> new dev.imagesdk.exception.InvalidInputException(
                "projectName", name, "Keystone knows no project of this name"));
    }
}
