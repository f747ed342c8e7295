package dev.imagesdk.examples;

import dev.imagesdk.fake.FakeGlance;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** Runs an example's {@code main} on a test's fake and returns what it printed. */
final class ExampleRunner {

    private ExampleRunner() {
    }

    static String run(FakeGlance fake, Consumer<String[]> main, String... args) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        ExampleEnvironment.override(fake, new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            main.accept(args);
        } finally {
            ExampleEnvironment.override(null, null);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    static String firstLine(String output) {
        return output.lines().findFirst().orElse("");
    }

    /** The fake's images whose name is {@code name} (deleted ones are not listed by the fake). */
    static List<Map<String, Object>> imagesNamed(FakeGlance fake, String name) {
        return fake.images().stream().filter(i -> name.equals(i.get("name"))).collect(Collectors.toList());
    }
}
