package dev.imagesdk.internal.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.auth.TokenProvider;
import dev.imagesdk.exception.ForbiddenException;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.identity.Identity;
import dev.imagesdk.identity.Project;
import dev.imagesdk.internal.http.CallExecutor;
import dev.imagesdk.internal.http.CallSpec;
import dev.imagesdk.internal.http.ClientContext;
import dev.imagesdk.internal.http.JsonGet;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link Identity} on the image service's own context: its token provider (the token's project, and the token
 * every call carries), its call executor (retries, one re-authentication, typed errors) and its lean GET, at
 * the configured {@code auth_url} (Keystone v3, or v2.0 for {@link AuthMethod.V2Password}).
 */
public final class KeystoneIdentity implements Identity {

    private final AuthMethod auth;
    private final URI authUrl;
    private final TokenProvider tokens;
    private final CallExecutor calls;
    private final JsonGet gets;
    private final ObjectMapper json;

    KeystoneIdentity(AuthMethod auth, URI authUrl, TokenProvider tokens, CallExecutor calls, JsonGet gets,
                     ObjectMapper json) {
        this.auth = auth;
        this.authUrl = authUrl;
        this.tokens = tokens;
        this.calls = calls;
        this.gets = gets;
        this.json = json;
    }

    /** The identity of a service built on {@code ctx}. */
    public static Identity of(ClientContext ctx) {
        return new KeystoneIdentity(ctx.config().auth(), ctx.config().authUrl(), ctx.tokenProvider().orElse(null),
                ctx.callExecutor(), ctx.jsonGet(), ctx.objectMapper());
    }

    private boolean v2() {
        return auth instanceof AuthMethod.V2Password;
    }

    private String base() {
        if (!auth.usesKeystone() || authUrl == null) {
            throw new ImageSdkClientException("This image service does not authenticate with Keystone ("
                    + auth.getClass().getSimpleName() + "): there is no Keystone to ask about projects");
        }
        return KeystoneAuthenticator.versionedBase(authUrl, v2());
    }

    @Override
    public String currentProjectId() {
        if (tokens == null) {
            throw new ImageSdkClientException("This image service has no token (no authentication): it has no "
                    + "current project");
        }
        return tokens.token().projectId().orElseThrow(() -> new ImageSdkClientException("The token is not "
                + "scoped to a project (Keystone named none when it issued it)"));
    }

    @Override
    public List<Project> myProjects() {
        String path = v2() ? "/tenants" : "/auth/projects";
        JsonNode body = get("keystone.listOwnProjects", path);
        return projects(body.path(v2() ? "tenants" : "projects"));
    }

    @Override
    public Optional<Project> findProject(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("projectName", name, "must not be blank");
        }
        List<Project> own = myProjects().stream().filter(p -> p.name().equals(name)).toList();
        if (own.size() == 1) {
            return Optional.of(own.get(0));
        }
        if (v2()) {
            if (own.isEmpty()) {
                throw new ImageSdkClientException("Keystone v2.0 lists only your own tenants and '" + name
                        + "' is not one of them: give the project id (ProjectRef.byId)");
            }
            throw ambiguous(name, own);
        }
        String path = "/projects?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        JsonNode body;
        try {
            body = get("keystone.listProjects", path);
        } catch (ForbiddenException refused) {
            ForbiddenException e = new ForbiddenException("Keystone refused GET " + base() + path
                    + " (listing projects; policy identity:list_projects, usually admins only), so the project name '"
                    + name + "' cannot be resolved: it is not one of your own projects. Give the project id instead "
                    + "(ProjectRef.byId), as its owner sees it in 'openstack project show'. Keystone said: "
                    + refused.serviceMessage(), refused.requestId().orElse(null));
            e.initCause(refused);
            throw e;
        }
        List<Project> found = projects(body.path("projects")).stream().filter(p -> p.name().equals(name)).toList();
        if (found.size() > 1) {
            throw ambiguous(name, found);
        }
        return found.stream().findFirst();
    }

    private static InvalidInputException ambiguous(String name, List<Project> matches) {
        return new InvalidInputException("projectName", name, "matches " + matches.size()
                + " projects in different domains " + matches.stream().map(Project::domainId).toList()
                + ": give the project id (ProjectRef.byId)");
    }

    private JsonNode get(String operation, String path) {
        URI url = URI.create(base() + path);
        return calls.execute(CallSpec.idempotent(operation, "GET"), token -> gets.get(url, token, json::readTree));
    }

    private static List<Project> projects(JsonNode array) {
        List<Project> out = new ArrayList<>();
        for (JsonNode p : array) {
            String id = p.path("id").asText(null);
            String name = p.path("name").asText(null);
            if (id != null && name != null) {
                out.add(new Project(id, name, p.hasNonNull("domain_id") ? p.get("domain_id").asText() : null));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "KeystoneIdentity{" + (authUrl == null ? "no keystone" : authUrl) + '}';
    }
}
