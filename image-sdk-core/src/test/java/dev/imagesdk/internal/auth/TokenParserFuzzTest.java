package dev.imagesdk.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagesdk.auth.Token;
import dev.imagesdk.config.Interface;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.testsupport.Fuzz;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the Keystone token/catalog parser with random documents shaped like v3 and v2.0 token answers:
 * each must give a token (whose catalog lookups give a URL or a typed error) or a typed error.
 */
class TokenParserFuzzTest {
    private static final String[] V3_KEYS = {"token", "catalog", "type", "name", "endpoints", "url", "interface",
            "region_id", "region", "project", "id", "expires_at", "image", "public", "internal", "admin",
            "http://127.0.0.1:9292", "2026-11-23T19:38:14.000000Z"};
    private static final String[] V2_KEYS = {"access", "token", "id", "tenant", "expires", "serviceCatalog", "type",
            "name", "endpoints", "region", "publicURL", "internalURL", "adminURL", "image",
            "http://127.0.0.1:9292/v2", "2026-11-23T19:38:14Z"};

    @Test
    void v3DocumentsGiveATokenOrATypedError() throws Exception {
        long seed = Fuzz.seed(10_001);
        Fuzz fuzz = new Fuzz(seed, ImageSdkException.class);
        List<String> findings = fuzz.run("keystone-v3-token", seed, 20_000, () -> {
            ObjectNode doc = JsonNodeFactory.instance.objectNode();
            doc.set("token", fuzz.chance(30) ? fuzz.json(5, V3_KEYS) : v3Token(fuzz));
            return doc;
        }, body -> checkToken(TokenParser.v3(fuzz.chance(95) ? "gAAAA" + fuzz.ascii(8) : fuzz.string(), body), fuzz));
        assertThat(findings).isEmpty();
    }

    @Test
    void v2DocumentsGiveATokenOrATypedError() throws Exception {
        long seed = Fuzz.seed(10_002);
        Fuzz fuzz = new Fuzz(seed, ImageSdkException.class);
        List<String> findings = fuzz.run("keystone-v2-token", seed, 20_000, () -> {
            ObjectNode doc = JsonNodeFactory.instance.objectNode();
            doc.set("access", fuzz.chance(30) ? fuzz.json(5, V2_KEYS) : v2Access(fuzz));
            return (JsonNode) doc;
        }, body -> checkToken(TokenParser.v2(body), fuzz));
        assertThat(findings).isEmpty();
    }

    @Test
    void expiryTimestampsParseOrAreUnknown() throws Exception {
        long seed = Fuzz.seed(10_003);
        Fuzz fuzz = new Fuzz(seed, ImageSdkException.class);
        List<String> findings = fuzz.run("keystone-expiry", seed, 20_000,
                () -> fuzz.string("2026-11-23T19:38:14.000000Z", "2026-11-23T19:38:14Z", "2026-11-23T19:38:14",
                        "2026-11-23T19:38:14+02:00"),
                TokenParser::expiry);
        assertThat(findings).isEmpty();
    }

    /** A v3 token document whose fields are each kept, dropped or replaced by random JSON. */
    private static JsonNode v3Token(Fuzz fuzz) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode token = f.objectNode();
        put(fuzz, token, "expires_at", f.textNode(fuzz.string("2026-11-23T19:38:14.000000Z")));
        ObjectNode project = f.objectNode();
        put(fuzz, project, "id", f.textNode(fuzz.string("demo")));
        put(fuzz, token, "project", project);
        var catalog = f.arrayNode();
        for (int i = fuzz.nextInt(4); i > 0; i--) {
            ObjectNode svc = f.objectNode();
            put(fuzz, svc, "type", f.textNode(fuzz.string("image", "identity")));
            put(fuzz, svc, "name", f.textNode(fuzz.string("glance")));
            var eps = f.arrayNode();
            for (int j = fuzz.nextInt(4); j > 0; j--) {
                ObjectNode ep = f.objectNode();
                put(fuzz, ep, "url", f.textNode(fuzz.string("http://127.0.0.1:9292", "https://[::1]:9292/image")));
                put(fuzz, ep, "interface", f.textNode(fuzz.string("public", "internal", "admin")));
                put(fuzz, ep, fuzz.chance(50) ? "region_id" : "region", f.textNode(fuzz.string("RegionOne")));
                eps.add(ep);
            }
            put(fuzz, svc, "endpoints", eps);
            catalog.add(svc);
        }
        put(fuzz, token, "catalog", catalog);
        return token;
    }

    /** A v2.0 access document whose fields are each kept, dropped or replaced by random JSON. */
    private static JsonNode v2Access(Fuzz fuzz) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode access = f.objectNode();
        ObjectNode token = f.objectNode();
        put(fuzz, token, "id", f.textNode(fuzz.string("gAAAAtoken")));
        put(fuzz, token, "expires", f.textNode(fuzz.string("2026-11-23T19:38:14Z")));
        ObjectNode tenant = f.objectNode();
        put(fuzz, tenant, "id", f.textNode(fuzz.string("demo")));
        put(fuzz, token, "tenant", tenant);
        put(fuzz, access, "token", token);
        var catalog = f.arrayNode();
        for (int i = fuzz.nextInt(4); i > 0; i--) {
            ObjectNode svc = f.objectNode();
            put(fuzz, svc, "type", f.textNode(fuzz.string("image")));
            put(fuzz, svc, "name", f.textNode(fuzz.string("glance")));
            var eps = f.arrayNode();
            for (int j = fuzz.nextInt(3); j > 0; j--) {
                ObjectNode ep = f.objectNode();
                put(fuzz, ep, "region", f.textNode(fuzz.string("RegionOne")));
                put(fuzz, ep, "publicURL", f.textNode(fuzz.string("http://127.0.0.1:9292")));
                put(fuzz, ep, "internalURL", f.textNode(fuzz.string("http://127.0.0.1:9292")));
                eps.add(ep);
            }
            put(fuzz, svc, "endpoints", eps);
            catalog.add(svc);
        }
        put(fuzz, access, "serviceCatalog", catalog);
        return access;
    }

    private static void put(Fuzz fuzz, ObjectNode o, String key, JsonNode likely) {
        int roll = fuzz.nextInt(10);
        if (roll < 7) {
            o.set(key, likely);
        } else if (roll < 9) {
            o.set(key, fuzz.json(2));
        }
    }

    private static void checkToken(Token t, Fuzz fuzz) {
        assertThat(t.value()).isNotNull();
        assertThat(t.toString()).contains("value=***");
        String region = fuzz.chance(50) ? null : fuzz.string("RegionOne");
        t.catalog().endpoint(fuzz.chance(80) ? "image" : fuzz.string(), fuzz.pick(List.of(Interface.values())), region);
    }
}
