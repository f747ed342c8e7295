package dev.imagesdk.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real Glance that {@code scripts/real-glance.sh up} started; configured from the {@code OS_*} and
 * {@code IMAGE_SDK_GLANCE_*} variables of {@code real-glance.sh env}. Only the user changes per client.
 */
final class RealGlanceTarget implements Target {

    private final Map<String, String> env;
    private final List<Path> publishedFiles = new ArrayList<>();

    RealGlanceTarget(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** Why this environment cannot reach a real Glance, or null when it can. */
    static String missingConfiguration(Map<String, String> env) {
        if (!"1".equals(env.get("IMAGE_SDK_REAL_GLANCE"))) {
            return "IMAGE_SDK_REAL_GLANCE is not 1 (start one with scripts/real-glance.sh up)";
        }
        for (String name : List.of("OS_AUTH_URL", "IMAGE_SDK_GLANCE_URL", "IMAGE_SDK_GLANCE_WEB_URL",
                "IMAGE_SDK_GLANCE_WEB_DIR")) {
            if (env.get(name) == null || env.get(name).isBlank()) {
                return name + " is not set (eval \"$(scripts/real-glance.sh env --user demo)\")";
            }
        }
        return null;
    }

    @Override
    public String name() {
        return "real";
    }

    @Override
    public Map<String, String> environment(String user) {
        Map<String, String> e = new HashMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith("OS_")) {
                e.put(k, v);
            }
        });
        e.remove("OS_CLOUD");
        e.put("OS_USERNAME", user);
        e.put("OS_PASSWORD", user);
        e.put("OS_PROJECT_NAME", user);
        return e;
    }

    @Override
    public URI glanceUrl() {
        return URI.create(env.get("IMAGE_SDK_GLANCE_URL"));
    }

    @Override
    public URI publish(String name, byte[] data) {
        Path file = Path.of(env.get("IMAGE_SDK_GLANCE_WEB_DIR")).resolve(name);
        try {
            Files.write(file, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        publishedFiles.add(file);
        return URI.create(env.get("IMAGE_SDK_GLANCE_WEB_URL") + "/" + name);
    }

    @Override
    public void close() {
        for (Path p : publishedFiles) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a leftover test file in the state folder is harmless
            }
        }
    }
}
