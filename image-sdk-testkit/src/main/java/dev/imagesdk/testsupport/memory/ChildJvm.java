package dev.imagesdk.testsupport.memory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs a main class in a child JVM on this test's class path (so a heap limit holds whatever the build's). */
public final class ChildJvm {

    private ChildJvm() {
    }

    /**
     * Runs {@code main} with {@code jvmArgs} and {@code args}, echoes its output, and asserts that it ended within
     * 5 minutes with exit status 0. Returns the output (stdout and stderr).
     */
    public static String run(Class<?> main, List<String> jvmArgs, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output;
        try {
            output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
        } catch (IOException | InterruptedException e) {
            child.destroyForcibly();
            throw e;
        }
        System.out.print(output);
        assertThat(child.exitValue()).as(output).isZero();
        return output;
    }
}
