package dev.imagesdk.fake.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The JSON schemas real Glance 25 serves under {@code /v2/schemas/*}, captured verbatim. */
final class Schemas {
    private final Map<String, Object> cache = new ConcurrentHashMap<>();

    /** The parsed document for e.g. {@code image} or {@code metadefs/namespace}; null if unknown. */
    Object get(String name) {
        if (!name.matches("[a-z_]+(/[a-z_]+)?")) {
            return null;
        }
        return cache.computeIfAbsent(name, n -> {
            String file = "/dev/imagesdk/fake/schemas/" + n.replace('/', '-') + ".json";
            try (InputStream in = Schemas.class.getResourceAsStream(file)) {
                return in == null ? null : PyJson.parse(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
