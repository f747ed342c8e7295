package dev.imagesdk.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A tiny HTTP client for tests: real HTTP to the fake with the JDK HttpClient. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PATCH = "application/openstack-images-v2.1-json-patch";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final FakeGlance fake;
    private String token;

    Http(FakeGlance fake) {
        this.fake = fake;
    }

    /** Authenticates as {@code user} through the fake's Keystone. */
    Http as(String user) {
        Http h = new Http(fake);
        h.token = fake.issueToken(user);
        return h;
    }

    Http withToken(String t) {
        Http h = new Http(fake);
        h.token = t;
        return h;
    }

    HttpResponse<byte[]> send(String method, String path, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fake.url() + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("X-Auth-Token", token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<byte[]> get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    HttpResponse<byte[]> json(String method, String path, String json, String... extra) {
        String[] h = new String[extra.length + 4];
        h[0] = "Content-Type";
        h[1] = "application/json";
        h[2] = "Accept";
        h[3] = "application/json";
        System.arraycopy(extra, 0, h, 4, extra.length);
        return send(method, path, json.getBytes(StandardCharsets.UTF_8), h);
    }

    HttpResponse<byte[]> patch(String id, String ops) {
        return send("PATCH", "/v2/images/" + id, ops.getBytes(StandardCharsets.UTF_8),
                "Content-Type", PATCH, "Accept", "application/json");
    }

    HttpResponse<byte[]> upload(String id, byte[] data) {
        return send("PUT", "/v2/images/" + id + "/file", data, "Content-Type", "application/octet-stream");
    }

    /** A create body with the formats Glance requires before data can be saved (raw in a bare container). */
    static final String BARE = "{\"disk_format\": \"raw\", \"container_format\": \"bare\"}";

    /** Creates an image and returns its id (asserting 201). */
    String create(String json) {
        HttpResponse<byte[]> r = json("POST", "/v2/images", json);
        if (r.statusCode() != 201) {
            throw new AssertionError("create: " + r.statusCode() + " " + text(r));
        }
        return tree(r).get("id").asText();
    }

    static JsonNode tree(HttpResponse<byte[]> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }
}
