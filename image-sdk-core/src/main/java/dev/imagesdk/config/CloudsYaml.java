package dev.imagesdk.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.imagesdk.exception.ConfigurationException;
import dev.imagesdk.internal.log.Redactor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds and reads {@code clouds.yaml} and {@code secure.yaml} the way openstacksdk does: the file named by
 * {@code OS_CLIENT_CONFIG_FILE} ({@code OS_CLIENT_SECURE_FILE}) first, then {@code clouds.yaml},
 * {@code clouds.yml} or {@code clouds.json} in each search directory; the first found wins. The secure
 * file's values are merged over the clouds file's, key by key.
 */
final class CloudsYaml {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private CloudsYaml() {
    }

    /** The merged settings of one cloud, and the file they came from. */
    record Cloud(String name, Path file, JsonNode node) {
    }

    static Optional<Path> find(String explicitFile, List<Path> dirs, String baseName) {
        if (explicitFile != null && !explicitFile.isBlank()) {
            Path p = Path.of(explicitFile);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        for (Path dir : dirs) {
            for (String ext : List.of(".yaml", ".yml", ".json")) {
                Path p = dir.resolve(baseName + ext);
                if (Files.isRegularFile(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    static Cloud load(String cloudName, Map<String, String> env, List<Path> dirs) {
        Path cloudsFile = find(env.get("OS_CLIENT_CONFIG_FILE"), dirs, "clouds")
                .orElseThrow(() -> new ConfigurationException("OS_CLOUD",
                        "cloud " + Redactor.refusedValue(cloudName) + " requested but no clouds.yaml was found (looked at "
                                + describe(env.get("OS_CLIENT_CONFIG_FILE"), dirs) + ")"));
        JsonNode root = read(cloudsFile);
        Optional<Path> secureFile = find(env.get("OS_CLIENT_SECURE_FILE"), dirs, "secure");
        if (secureFile.isPresent()) {
            merge(root, read(secureFile.get()));
        }
        JsonNode clouds = root.path("clouds");
        JsonNode cloud = clouds.path(cloudName);
        if (!cloud.isObject()) {
            List<String> names = new ArrayList<>();
            clouds.fieldNames().forEachRemaining(names::add);
            throw new ConfigurationException("OS_CLOUD", "cloud " + Redactor.refusedValue(cloudName) + " is not defined in "
                    + cloudsFile + "; clouds found: " + names);
        }
        return new Cloud(cloudName, cloudsFile, cloud);
    }

    private static String describe(String explicitFile, List<Path> dirs) {
        List<String> places = new ArrayList<>();
        if (explicitFile != null && !explicitFile.isBlank()) {
            places.add(explicitFile + " (OS_CLIENT_CONFIG_FILE)");
        }
        dirs.forEach(d -> places.add(d.toString()));
        return String.join(", ", places);
    }

    private static JsonNode read(Path file) {
        try {
            JsonNode node = YAML.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                throw new ConfigurationException(file.toString(), "is not a YAML mapping");
            }
            return node;
        } catch (IOException e) {
            // Jackson's message quotes the offending line, which may hold a secret: name the place only.
            String where = e instanceof com.fasterxml.jackson.core.JsonProcessingException
                    && ((com.fasterxml.jackson.core.JsonProcessingException) e).getLocation() != null
                    ? " at line " + ((com.fasterxml.jackson.core.JsonProcessingException) e).getLocation().getLineNr()
                    : "";
            throw new ConfigurationException(file.toString(), "cannot be read as YAML" + where);
        }
    }

    /** Deep merge: values of {@code over} replace those of {@code base}; mappings merge recursively. */
    static void merge(JsonNode base, JsonNode over) {
        if (!(base instanceof ObjectNode) || !over.isObject()) {
            return;
        }
        ObjectNode target = (ObjectNode) base;
        Iterator<Map.Entry<String, JsonNode>> it = over.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode existing = target.get(e.getKey());
            if (existing != null && existing.isObject() && e.getValue().isObject()) {
                merge(existing, e.getValue());
            } else {
                target.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }
}
