package dev.imagesdk.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.fake.internal.http.PyJson;
import dev.imagesdk.fake.junit.FakeGlanceExtension;
import dev.imagesdk.testsupport.Fuzz;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fuzzes the fake's request parsing: random methods, paths, query strings, headers and bodies against v1,
 * v2, Keystone and the control API must each get an answer (not a dropped connection, not a hang) that
 * is never the catch-all 500 of a handler that threw an unchecked exception.
 */
@ExtendWith(FakeGlanceExtension.class)
class RequestParsingFuzzTest {
    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final String[] PATHS = {"/v2/images", "/v2/images/{id}", "/v2/images/{id}/file",
            "/v2/images/{id}/tags/x", "/v2/images/{id}/members", "/v2/images/{id}/members/{p}",
            "/v2/images/{id}/actions/deactivate", "/v2/images/{id}/import", "/v2/images/{id}/stage", "/v2/schemas/image",
            "/v2/info/import", "/v2/info/stores", "/v2/tasks", "/v2/metadefs/namespaces", "/v1/images",
            "/v1/images/detail", "/v1/images/{id}", "/v1/images/{id}/members", "/v1/shared-images/{p}",
            "/v3/auth/tokens", "/v2.0/tokens", "/", "/versions", "/v2/", "/v2/images/{id}/locations"};
    private static final String[] QUERY_KEYS = {"limit", "marker", "sort", "sort_key", "sort_dir", "name",
            "status", "visibility", "member_status", "tag", "size_min", "size_max", "created_at", "os_hidden",
            "is_public", "property-arch", "changes-since"};
    private static final String[] BODY_KEYS = {"name", "op", "path", "value", "replace", "add", "remove",
            "/name", "/tags", "visibility", "disk_format", "container_format", "member", "status", "method",
            "auth", "identity", "password", "user", "tags", "protected", "min_disk", "raw", "bare"};

    @Test
    void randomRequestsGetAnAnswerThatIsNotACrash(FakeGlance fake) throws Exception {
        long seed = Fuzz.seed(50_001);
        Fuzz fuzz = new Fuzz(seed, ImageSdkException.class);
        String token = fake.issueToken("demo");
        String image = fake.seedImage("demo", java.util.Map.of("name", "seed"), null);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        List<String> findings = fuzz.run("fake-requests", seed, Integer.getInteger("fuzz.requests", 400), () -> request(fuzz, fake, token, image), r -> {
            HttpResponse<byte[]> resp = client.send(r, HttpResponse.BodyHandlers.ofByteArray());
            assertThat(resp.statusCode()).as("status").isBetween(200, 499);
        });
        assertThat(findings).isEmpty();
    }

    @Test
    void pythonStyleJsonParsesOrIsRefused() throws Exception {
        long seed = Fuzz.seed(50_002);
        Fuzz fuzz = new Fuzz(seed, ImageSdkException.class);
        List<String> findings = fuzz.run("fake-json", seed, 30_000, () -> {
            int k = fuzz.nextInt(3);
            String s = k == 0 ? fuzz.json(4, BODY_KEYS).toString()
                    : k == 1 ? fuzz.mutate(fuzz.json(4, BODY_KEYS).toString()) : fuzz.string("{", "[", "NaN");
            return s.getBytes(StandardCharsets.UTF_8);
        }, b -> {
            try {
                PyJson.parse(b);
            } catch (IOException refused) {
                // the fake answers 400 Malformed JSON for these
            }
        });
        assertThat(findings).isEmpty();
    }

    private static HttpRequest request(Fuzz fuzz, FakeGlance fake, String token, String image) {
        String path = fuzz.chance(85) ? PATHS[fuzz.nextInt(PATHS.length)] : "/" + enc(fuzz.string("v2", "v1", "_fake"));
        path = path.replace("{id}", fuzz.chance(70) ? image : fuzz.chance(50) ? UUID.randomUUID().toString()
                : enc(fuzz.string("..", "%2F", "x"))).replace("{p}", fuzz.chance(50) ? fake.projectId("alt_demo")
                : enc(fuzz.string()));
        StringBuilder q = new StringBuilder();
        for (int i = fuzz.nextInt(4); i > 0; i--) {
            q.append(q.length() == 0 ? "" : "&").append(fuzz.chance(80) ? QUERY_KEYS[fuzz.nextInt(QUERY_KEYS.length)]
                    : enc(fuzz.string())).append('=');
            String v = fuzz.string("1", "-1", "asc", "desc", "active", "public", "name:asc", "gte:2020-01-01T00:00:00Z",
                    "in:a,b", "True", "99999999999999999999");
            q.append(fuzz.chance(80) ? enc(v) : v.replaceAll("[^A-Za-z0-9:,._-]", ""));
        }
        URI uri = URI.create(fake.url() + path + (q.length() > 0 ? "?" + q : ""));
        String method = fuzz.pick(METHODS);
        byte[] body = fuzz.chance(60) ? fuzz.json(4, BODY_KEYS).toString().getBytes(StandardCharsets.UTF_8)
                : fuzz.bytes(BODY_KEYS);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(4))
                .method(method, method.equals("GET") || method.equals("HEAD") || fuzz.chance(10)
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (fuzz.chance(90)) {
            b.header("X-Auth-Token", token);
        }
        b.header("Content-Type", fuzz.pick(List.of("application/json", "application/openstack-images-v2.1-json-patch",
                "application/octet-stream", "text/plain", "application/json; charset=UTF-8", "x/y")));
        if (fuzz.chance(50)) {
            b.header("Accept", fuzz.pick(List.of("application/json", "text/html", "*/*", "text/plain")));
        }
        for (int i = fuzz.nextInt(3); i > 0; i--) {
            String name = fuzz.pick(List.of("x-image-meta-name", "x-image-meta-size", "x-image-meta-is_public",
                    "x-image-meta-property-arch", "x-image-meta-checksum", "Range", "x-image-meta-min_ram",
                    "X-Image-Meta-Store", "x-openstack-image-size", "X-Glance-Image-Member-Status"));
            b.header(name, fuzz.ascii(fuzz.nextInt(20)).trim());
        }
        return b.build();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
