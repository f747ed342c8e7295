package dev.imagesdk.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * Plain HTTP against a target, for what the SDK deliberately hides (status codes, headers, {@code Range},
 * the {@code next} links) and for the users' project ids. Authenticates like any Keystone v3 client.
 */
final class RawGlance {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI glance;
    private final String token;
    private final String projectId;

    RawGlance(Target target, String user) {
        this.glance = target.glanceUrl();
        Map<String, String> env = target.environment(user);
        String body = "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"" + user
                + "\",\"domain\":{\"name\":\"Default\"},\"password\":\"" + env.get("OS_PASSWORD") + "\"}}},"
                + "\"scope\":{\"project\":{\"name\":\"" + user + "\",\"domain\":{\"name\":\"Default\"}}}}}";
        String authUrl = env.get("OS_AUTH_URL").replaceAll("/+$", "");
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(authUrl + "/auth/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("Keystone answered " + r.statusCode() + " for " + user);
        }
        token = r.headers().firstValue("X-Subject-Token").orElseThrow();
        projectId = json(r.body()).path("token").path("project").path("id").asText();
    }

    String projectId() {
        return projectId;
    }

    /** GET {@code path} (relative to Glance's root, e.g. {@code /v2/images?limit=2}) with extra headers. */
    HttpResponse<byte[]> get(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(glance.resolve(path)).header("X-Auth-Token", token);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Sends {@code body} (JSON or a JSON-patch) with {@code contentType}; asks for JSON errors. */
    HttpResponse<byte[]> send(String method, String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(glance.resolve(path)).header("X-Auth-Token", token)
                .header("Content-Type", contentType).header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> head(String path) {
        return send(HttpRequest.newBuilder(glance.resolve(path)).header("X-Auth-Token", token)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode json(byte[] body) {
        return json(new String(body, java.nio.charset.StandardCharsets.UTF_8));
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
