package dev.imagesdk.fake.internal.http;

import dev.imagesdk.fake.internal.engine.Caller;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates tokens against an external Keystone the way keystonemiddleware does: a service
 * token from the service credentials, then {@code GET /v3/auth/tokens} with
 * {@code X-Subject-Token}. Valid answers are cached briefly.
 */
final class ExternalKeystone {
    private static final Duration CACHE = Duration.ofSeconds(30);

    private record Cached(Caller caller, Instant until) {
    }

    private final String base;
    private final String user;
    private final String password;
    private final String project;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private volatile String serviceToken;

    ExternalKeystone(String url, String user, String password, String project) {
        String b = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.base = b.endsWith("/v3") ? b.substring(0, b.length() - 3) : b;
        this.user = user;
        this.password = password;
        this.project = project;
    }

    String uri() {
        return base;
    }

    Optional<Caller> validate(String token) throws IOException {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        Cached c = cache.get(token);
        if (c != null && Instant.now().isBefore(c.until())) {
            return Optional.of(c.caller());
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            String service = serviceToken != null ? serviceToken : login();
            HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(base + "/v3/auth/tokens"))
                    .header("X-Auth-Token", service).header("X-Subject-Token", token)
                    .header("Accept", "application/json").GET().build());
            if (r.statusCode() == 401) {
                serviceToken = null;
                continue;
            }
            if (r.statusCode() != 200) {
                return Optional.empty();
            }
            Caller caller = callerOf(PyJson.parse(r.body()));
            cache.put(token, new Cached(caller, Instant.now().plus(CACHE)));
            return Optional.of(caller);
        }
        return Optional.empty();
    }

    private static Caller callerOf(Object body) {
        Map<?, ?> tok = (Map<?, ?>) ((Map<?, ?>) body).get("token");
        Map<?, ?> u = (Map<?, ?>) tok.get("user");
        Map<?, ?> p = (Map<?, ?>) tok.get("project");
        List<String> roles = new ArrayList<>();
        Object rl = tok.get("roles");
        if (rl instanceof List) {
            for (Object r : (List<?>) rl) {
                roles.add(String.valueOf(((Map<?, ?>) r).get("name")));
            }
        }
        return new Caller(u == null ? null : String.valueOf(u.get("id")), p == null ? null : String.valueOf(p.get("id")),
                roles, roles.contains("admin"));
    }

    private String login() throws IOException {
        Map<String, Object> domain = Map.of("name", "Default");
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("name", user);
        u.put("domain", domain);
        u.put("password", password);
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("identity", Map.of("methods", List.of("password"), "password", Map.of("user", u)));
        auth.put("scope", Map.of("project", Map.of("name", project, "domain", domain)));
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(base + "/v3/auth/tokens"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(PyJson.bytes(Map.of("auth", auth)))).build());
        String t = r.headers().firstValue("X-Subject-Token").orElse(null);
        if (r.statusCode() != 201 || t == null) {
            throw new IOException("service user could not authenticate to " + base + ": HTTP " + r.statusCode());
        }
        serviceToken = t;
        return t;
    }

    private HttpResponse<byte[]> send(HttpRequest req) throws IOException {
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
