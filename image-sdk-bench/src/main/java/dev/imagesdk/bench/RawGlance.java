package dev.imagesdk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The raw baselines: what a careful programmer writes with the JDK alone. Metadata goes through
 * {@link HttpClient} (HTTP/1.1, kept alive) + Jackson; data through {@link HttpURLConnection} in streaming
 * mode, the fastest JDK arrangement measured on this kind of machine (reference/limits.md).
 */
final class RawGlance {
    static final ObjectMapper JSON = new ObjectMapper();
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String token;

    RawGlance(String base, String user) throws IOException, InterruptedException {
        this.base = base;
        this.token = token(user);
    }

    String token() {
        return token;
    }

    private String token(String user) throws IOException, InterruptedException {
        String body = "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"" + user
                + "\",\"domain\":{\"name\":\"Default\"},\"password\":\"" + user + "\"}}},\"scope\":{\"project\":"
                + "{\"name\":\"" + user + "\",\"domain\":{\"name\":\"Default\"}}}}}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v3/auth/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        check(r.statusCode(), 201, "token");
        return r.headers().firstValue("X-Subject-Token").orElseThrow();
    }

    String create(String name) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("name", name, "disk_format", "raw", "container_format", "bare"));
        HttpResponse<String> r = http.send(request("/v2/images").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        check(r.statusCode(), 201, "create");
        return JSON.readTree(r.body()).get("id").asText();
    }

    /** GET one image and parse it (the metadata baseline). */
    JsonNode get(String id) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(request("/v2/images/" + id).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        check(r.statusCode(), 200, "get");
        return JSON.readTree(r.body());
    }

    /** Lists every visible image following {@code next}; returns the count. One page in memory at a time. */
    long listAll(int pageSize) throws IOException, InterruptedException {
        String path = "/v2/images?limit=" + pageSize;
        long n = 0;
        while (path != null) {
            HttpResponse<byte[]> r = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            check(r.statusCode(), 200, "list");
            JsonNode page = JSON.readTree(r.body());
            n += page.get("images").size();
            JsonNode next = page.get("next");
            path = next == null || next.isNull() ? null : next.asText();
        }
        return n;
    }

    /** GET one page of {@code pageSize} images and parse it; returns its first image (case 9's first-item baseline). */
    JsonNode firstImage(int pageSize) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(request("/v2/images?limit=" + pageSize).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        check(r.statusCode(), 200, "list");
        return JSON.readTree(r.body()).get("images").get(0);
    }

    void delete(String id) throws IOException, InterruptedException {
        HttpResponse<Void> r = http.send(request("/v2/images/" + id).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
        check(r.statusCode(), 204, "delete");
    }

    /** Seeds an image through the fake's control API (no auth there). */
    void seed(String project, String name) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("project", project, "image",
                Map.of("name", name, "disk_format", "raw", "container_format", "bare")));
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base + "/_fake/images"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
        check(r.statusCode(), 201, "seed");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("X-Auth-Token", token)
                .header("Accept", "application/json");
    }

    /** A streaming PUT of the image data; the caller writes the body and then calls {@link #finish}. */
    HttpURLConnection openUpload(String id) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(base + "/v2/images/" + id + "/file").openConnection();
        c.setRequestMethod("PUT");
        c.setDoOutput(true);
        c.setChunkedStreamingMode(64 * 1024);
        c.setRequestProperty("Content-Type", "application/octet-stream");
        c.setRequestProperty("X-Auth-Token", token);
        return c;
    }

    HttpURLConnection openDownload(String id) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(base + "/v2/images/" + id + "/file").openConnection();
        c.setRequestProperty("X-Auth-Token", token);
        int s = c.getResponseCode();
        check(s, 200, "download");
        return c;
    }

    static void finish(HttpURLConnection c, int expected) throws IOException {
        int s = c.getResponseCode();
        try (InputStream in = s >= 400 ? c.getErrorStream() : c.getInputStream()) {
            if (in != null) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        }
        check(s, expected, "upload");
    }

    private static void check(int status, int expected, String what) throws IOException {
        if (status != expected) {
            throw new IOException(what + ": HTTP " + status + " (expected " + expected + ")");
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
