package dev.imagesdk.fake.internal.http;

import dev.imagesdk.fake.internal.engine.Identity;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fake Keystone: v3 password/token auth ({@code POST /v3/auth/tokens} with
 * {@code X-Subject-Token}), token validation ({@code GET /v3/auth/tokens}), v2.0
 * ({@code POST /v2.0/tokens}) and the version documents, with a catalog pointing at the fake.
 *
 * <p>One file over 400 lines because it is one concept, the fake identity service: the v3 and v2.0 token
 * documents and their catalog must be read side by side to stay consistent.
 */
final class KeystoneRoutes {
    private static final DateTimeFormatter KS_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter V2_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final Identity identity;
    /** Region id -> image endpoint, in catalog order; null: this fake alone, in RegionOne. */
    private volatile Map<String, String> imageEndpoints;

    KeystoneRoutes(Identity identity) {
        this.identity = identity;
    }

    /** Lists these image endpoints (region id -> URL) in the catalog instead of this fake's own. */
    void imageEndpoints(Map<String, String> byRegion) {
        this.imageEndpoints = byRegion == null ? null : java.util.Collections.unmodifiableMap(
                new LinkedHashMap<>(byRegion));
    }

    /** Region id -> image endpoint URL for a token issued at {@code base}. */
    private Map<String, String> images(String base) {
        Map<String, String> m = imageEndpoints;
        return m != null ? m : Map.of("RegionOne", base);
    }

    private String firstRegion(String base) {
        return images(base).keySet().iterator().next();
    }

    private static void error(Call c, int code, String title, String message) throws IOException {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("code", code);
        e.put("message", message);
        e.put("title", title);
        c.setHeader("Vary", "X-Auth-Token");
        c.json(code, Map.of("error", e));
    }

    private static void unauthorized(Call c) throws IOException {
        c.setHeader("WWW-Authenticate", "Keystone uri=\"" + c.baseUrl + "/v3\"");
        error(c, 401, "Unauthorized", "The request you have made requires authentication.");
    }

    void handle(Call c, String path) throws IOException {
        switch (path) {
            case "/v3":
            case "/v3/":
                c.json(200, Map.of("version", v3Version(c.baseUrl)));
                return;
            case "/v2.0":
            case "/v2.0/":
                c.json(200, Map.of("version", v2Version(c.baseUrl)));
                return;
            case "/v3/auth/tokens":
                if (c.method.equals("POST")) {
                    issueV3(c);
                } else if (c.method.equals("GET") || c.method.equals("HEAD")) {
                    validateV3(c);
                } else if (c.method.equals("DELETE")) {
                    String subject = c.header("X-Subject-Token");
                    if (subject == null || identity.validate(subject).isEmpty()) {
                        // Keystone: 404 for a missing, unknown or already revoked subject token
                        error(c, 404, "Not Found", "Could not find token.");
                        return;
                    }
                    identity.revoke(subject);
                    c.status = 204;
                    c.sendResponseHeaders(204, -1);
                    c.ex.close();
                } else {
                    error(c, 405, "Method Not Allowed", "The method is not allowed for the requested URL.");
                }
                return;
            case "/v3/auth/projects":
                authProjects(c);
                return;
            case "/v2.0/tenants":
                tenantsV2(c);
                return;
            case "/v2.0/tokens":
                if (!c.method.equals("POST")) {
                    error(c, 405, "Method Not Allowed", "The method is not allowed for the requested URL.");
                    return;
                }
                issueV2(c);
                return;
            default:
                if (path.equals("/v3/projects") || path.startsWith("/v3/projects/")) {
                    projects(c, path.substring("/v3/projects".length()));
                    return;
                }
                error(c, 404, "Not Found", "The resource could not be found.");
        }
    }

    /**
     * {@code GET /v3/projects[/{id}]} with Keystone's default policies: a user may read its own
     * project, only an admin lists or reads others (403 otherwise, which OSC's project lookup
     * turns into "use the value as the id", as against real Keystone).
     */
    private void projects(Call c, String rest) throws IOException {
        Optional<Identity.Token> t = identity.validate(c.header("X-Auth-Token"));
        if (t.isEmpty()) {
            unauthorized(c);
            return;
        }
        if (!c.method.equals("GET")) {
            error(c, 405, "Method Not Allowed", "The method is not allowed for the requested URL.");
            return;
        }
        Identity.User u = t.get().user();
        if (rest.isEmpty() || rest.equals("/")) {
            if (!u.admin()) {
                forbidden(c, "identity:list_projects");
                return;
            }
            String name = c.param("name");
            List<Object> out = new ArrayList<>();
            for (Identity.User p : projectOwners()) {
                if (name == null || name.equals(p.projectName())) {
                    out.add(project(p.projectId(), p.projectName(), c.baseUrl));
                }
            }
            Map<String, Object> links = new LinkedHashMap<>();
            links.put("next", null);
            links.put("self", c.baseUrl + "/v3/projects");
            links.put("previous", null);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("links", links);
            body.put("projects", out);
            c.json(200, body);
            return;
        }
        String id = rest.substring(1);
        if (!u.admin() && !id.equals(u.projectId())) {
            forbidden(c, "identity:get_project");
            return;
        }
        Optional<String> name = identity.projectName(id);
        if (name.isEmpty()) {
            error(c, 404, "Not Found", "Could not find project: " + id + ".");
            return;
        }
        c.json(200, Map.of("project", project(id, name.get(), c.baseUrl)));
    }

    /**
     * {@code GET /v3/auth/projects}: the projects the token's user may scope to (any user may ask; in the
     * fake each user has one project).
     */
    private void authProjects(Call c) throws IOException {
        Optional<Identity.Token> t = identity.validate(c.header("X-Auth-Token"));
        if (t.isEmpty()) {
            unauthorized(c);
            return;
        }
        if (!c.method.equals("GET")) {
            error(c, 405, "Method Not Allowed", "The method is not allowed for the requested URL.");
            return;
        }
        Identity.User u = t.get().user();
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("next", null);
        links.put("self", c.baseUrl + "/v3/auth/projects");
        links.put("previous", null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("links", links);
        body.put("projects", List.of(project(u.projectId(), u.projectName(), c.baseUrl)));
        c.json(200, body);
    }

    /** {@code GET /v2.0/tenants}: Keystone v2.0's list of the token's own tenants (any user may ask). */
    private void tenantsV2(Call c) throws IOException {
        Optional<Identity.Token> t = identity.validate(c.header("X-Auth-Token"));
        if (t.isEmpty()) {
            unauthorized(c);
            return;
        }
        if (!c.method.equals("GET")) {
            error(c, 405, "Method Not Allowed", "The method is not allowed for the requested URL.");
            return;
        }
        Identity.User u = t.get().user();
        Map<String, Object> tenant = new LinkedHashMap<>();
        tenant.put("id", u.projectId());
        tenant.put("name", u.projectName());
        tenant.put("description", null);
        tenant.put("enabled", true);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenants_links", List.of());
        body.put("tenants", List.of(tenant));
        c.json(200, body);
    }

    /** One user per project, so each project is listed once, in a stable order. */
    private List<Identity.User> projectOwners() {
        Map<String, Identity.User> byProject = new java.util.TreeMap<>();
        for (Identity.User p : identity.users()) {
            byProject.putIfAbsent(p.projectId(), p);
        }
        return new ArrayList<>(byProject.values());
    }

    private static Map<String, Object> project(String id, String name, String base) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", id);
        p.put("name", name);
        p.put("domain_id", "default");
        p.put("description", "");
        p.put("enabled", true);
        p.put("parent_id", "default");
        p.put("is_domain", false);
        p.put("tags", List.of());
        p.put("options", Map.of());
        p.put("links", Map.of("self", base + "/v3/projects/" + id));
        return p;
    }

    private static void forbidden(Call c, String action) throws IOException {
        error(c, 403, "Forbidden", "You are not authorized to perform the requested action: " + action + ".");
    }

    private static Map<String, Object> v3Version(String base) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", "v3.14");
        v.put("status", "stable");
        v.put("updated", "2020-04-07T00:00:00Z");
        v.put("links", List.of(Map.of("rel", "self", "href", base + "/v3/")));
        v.put("media-types", List.of(Map.of("base", "application/json",
                "type", "application/vnd.openstack.identity-v3+json")));
        return v;
    }

    private static Map<String, Object> v2Version(String base) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", "v2.0");
        v.put("status", "deprecated");
        v.put("updated", "2016-08-04T00:00:00Z");
        v.put("links", List.of(Map.of("rel", "self", "href", base + "/v2.0/")));
        v.put("media-types", List.of(Map.of("base", "application/json",
                "type", "application/vnd.openstack.identity-v2.0+json")));
        return v;
    }

    private static Object at(Object o, String... path) {
        for (String p : path) {
            if (!(o instanceof Map)) return null;
            o = ((Map<?, ?>) o).get(p);
        }
        return o;
    }

    private void issueV3(Call c) throws IOException {
        Object body;
        try {
            body = PyJson.parse(c.smallBody());
        } catch (IOException e) {
            error(c, 400, "Bad Request", "Expecting to find auth in request body. The server could not comply "
                    + "with the request since it is either malformed or otherwise incorrect. The client is assumed "
                    + "to be in error.");
            return;
        }
        Object methods = at(body, "auth", "identity", "methods");
        if (!(methods instanceof List) || ((List<?>) methods).isEmpty()) {
            error(c, 400, "Bad Request", "Expecting to find identity in auth. The server could not comply with the "
                    + "request since it is either malformed or otherwise incorrect. The client is assumed to be in error.");
            return;
        }
        Optional<Identity.User> user = Optional.empty();
        String method = String.valueOf(((List<?>) methods).get(0));
        if (method.equals("password")) {
            Object name = at(body, "auth", "identity", "password", "user", "name");
            Object id = at(body, "auth", "identity", "password", "user", "id");
            Object password = at(body, "auth", "identity", "password", "user", "password");
            if (name == null && id != null) {
                name = identity.userById(id.toString()).map(Identity.User::name).orElse(null);
            }
            user = identity.authenticate(name == null ? null : name.toString(),
                    password == null ? null : password.toString());
        } else if (method.equals("application_credential")) {
            Object id = at(body, "auth", "identity", "application_credential", "id");
            Object name = at(body, "auth", "identity", "application_credential", "name");
            Object userName = at(body, "auth", "identity", "application_credential", "user", "name");
            Object secret = at(body, "auth", "identity", "application_credential", "secret");
            user = identity.authenticateApplicationCredential(id == null ? null : id.toString(),
                    name == null ? null : name.toString(), userName == null ? null : userName.toString(),
                    secret == null ? null : secret.toString());
        } else if (method.equals("token")) {
            Object tid = at(body, "auth", "identity", "token", "id");
            user = identity.validate(tid == null ? null : tid.toString()).map(Identity.Token::user);
        }
        if (user.isEmpty()) {
            unauthorized(c);
            return;
        }
        Object scope = at(body, "auth", "scope", "project");
        if (scope != null) {
            Object pname = at(scope, "name");
            Object pid = at(scope, "id");
            Identity.User u = user.get();
            boolean ok = (pname != null && pname.equals(u.projectName())) || (pid != null && pid.equals(u.projectId()));
            if (!ok) {
                unauthorized(c);
                return;
            }
        }
        Identity.Token t = identity.issue(user.get());
        c.setHeader("X-Subject-Token", t.id());
        c.setHeader("Vary", "X-Auth-Token");
        c.json(201, Map.of("token", v3Token(t, List.of(method), c.baseUrl)));
    }

    private void validateV3(Call c) throws IOException {
        if (identity.validate(c.header("X-Auth-Token")).isEmpty()) {
            unauthorized(c);
            return;
        }
        String subject = c.header("X-Subject-Token");
        Optional<Identity.Token> t = identity.validate(subject);
        if (t.isEmpty()) {
            error(c, 404, "Not Found", "Could not find token: " + subject + ".");
            return;
        }
        c.setHeader("X-Subject-Token", subject);
        c.setHeader("Vary", "X-Auth-Token");
        c.json(200, Map.of("token", v3Token(t.get(), List.of("password"), c.baseUrl)));
    }

    private static Map<String, Object> domain() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", "default");
        d.put("name", "Default");
        return d;
    }

    Map<String, Object> v3Token(Identity.Token t, List<String> methods, String base) {
        Identity.User u = t.user();
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("domain", domain());
        user.put("id", u.id());
        user.put("name", u.name());
        user.put("password_expires_at", null);
        Map<String, Object> project = new LinkedHashMap<>();
        project.put("domain", domain());
        project.put("id", u.projectId());
        project.put("name", u.projectName());
        List<Object> roles = new ArrayList<>();
        for (String r : u.roles()) {
            Map<String, Object> role = new LinkedHashMap<>();
            role.put("id", Identity.idFor("role", r));
            role.put("name", r);
            roles.add(role);
        }
        Map<String, Object> tok = new LinkedHashMap<>();
        tok.put("methods", methods);
        tok.put("user", user);
        tok.put("audit_ids", List.of(t.auditId()));
        tok.put("expires_at", KS_TIME.format(t.expiresAt()));
        tok.put("issued_at", KS_TIME.format(t.issuedAt()));
        tok.put("project", project);
        tok.put("is_domain", false);
        tok.put("roles", roles);
        List<Object> catalog = new ArrayList<>();
        catalog.add(service("identity", "keystone", Map.of(firstRegion(base), base + "/v3")));
        catalog.add(service("image", "glance", images(base)));
        tok.put("catalog", catalog);
        return tok;
    }

    private static Map<String, Object> service(String type, String name, Map<String, String> urlByRegion) {
        List<Object> endpoints = new ArrayList<>();
        urlByRegion.forEach((region, url) -> {
            for (String iface : List.of("public", "internal", "admin")) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("id", Identity.idFor("endpoint", type + iface
                        + (region.equals("RegionOne") ? "" : "/" + region)));
                e.put("interface", iface);
                e.put("region_id", region);
                e.put("url", url);
                e.put("region", region);
                endpoints.add(e);
            }
        });
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("endpoints", endpoints);
        s.put("id", Identity.idFor("service", type));
        s.put("type", type);
        s.put("name", name);
        return s;
    }

    private void issueV2(Call c) throws IOException {
        Object body;
        try {
            body = PyJson.parse(c.smallBody());
        } catch (IOException e) {
            error(c, 400, "Bad Request", "Expecting to find auth in request body.");
            return;
        }
        Optional<Identity.User> user = Optional.empty();
        Object username = at(body, "auth", "passwordCredentials", "username");
        Object password = at(body, "auth", "passwordCredentials", "password");
        Object tokenId = at(body, "auth", "token", "id");
        if (username != null) {
            user = identity.authenticate(username.toString(), password == null ? null : password.toString());
        } else if (tokenId != null) {
            user = identity.validate(tokenId.toString()).map(Identity.Token::user);
        }
        if (user.isEmpty()) {
            unauthorized(c);
            return;
        }
        Identity.User u = user.get();
        Object tenantName = at(body, "auth", "tenantName");
        Object tenantId = at(body, "auth", "tenantId");
        if ((tenantName != null && !tenantName.equals(u.projectName()))
                || (tenantId != null && !tenantId.equals(u.projectId()))) {
            unauthorized(c);
            return;
        }
        Identity.Token t = identity.issue(u);
        Map<String, Object> tenant = new LinkedHashMap<>();
        tenant.put("description", null);
        tenant.put("enabled", true);
        tenant.put("id", u.projectId());
        tenant.put("name", u.projectName());
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("issued_at", KS_TIME.format(t.issuedAt()));
        token.put("expires", V2_TIME.format(t.expiresAt()));
        token.put("id", t.id());
        token.put("tenant", tenant);
        token.put("audit_ids", List.of(t.auditId()));
        List<Object> catalog = new ArrayList<>();
        images(c.baseUrl).forEach((region, url) -> catalog.add(v2Service("image", "glance", region, url)));
        catalog.add(v2Service("identity", "keystone", firstRegion(c.baseUrl), c.baseUrl + "/v2.0"));
        List<Object> roles = new ArrayList<>();
        for (String r : u.roles()) roles.add(Map.of("name", r));
        Map<String, Object> userDoc = new LinkedHashMap<>();
        userDoc.put("username", u.name());
        userDoc.put("roles_links", List.of());
        userDoc.put("id", u.id());
        userDoc.put("roles", roles);
        userDoc.put("name", u.name());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("is_admin", 0);
        metadata.put("roles", u.roles().stream().map(r -> Identity.idFor("role", r)).toList());
        Map<String, Object> access = new LinkedHashMap<>();
        access.put("token", token);
        access.put("serviceCatalog", catalog);
        access.put("user", userDoc);
        access.put("metadata", metadata);
        c.setHeader("Vary", "X-Auth-Token");
        c.json(200, Map.of("access", access));
    }

    private static Map<String, Object> v2Service(String type, String name, String region, String url) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("adminURL", url);
        e.put("region", region);
        e.put("internalURL", url);
        e.put("id", Identity.idFor("endpoint", type + (region.equals("RegionOne") ? "" : "/" + region)));
        e.put("publicURL", url);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("endpoints", List.of(e));
        s.put("endpoints_links", List.of());
        s.put("type", type);
        s.put("name", name);
        return s;
    }
}
