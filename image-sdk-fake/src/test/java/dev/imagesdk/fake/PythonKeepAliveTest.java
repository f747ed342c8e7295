package dev.imagesdk.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python's {@code http.client} (what urllib3, Tempest, openstacksdk and glanceclient build on) keeps
 * one connection through a whole image lifecycle against the fake. Skipped when
 * {@code /usr/bin/python3} is absent.
 */
class PythonKeepAliveTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @Test
    void pythonHttpClientKeepsOneConnectionThroughAnImageLifecycle(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3 on this machine");
        Path script = dir.resolve("keepalive_check.py");
        try (InputStream in = getClass().getResourceAsStream("/python/keepalive_check.py")) {
            Files.copy(in, script);
        }
        try (FakeGlance fake = FakeGlance.builder().start()) {
            Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), Integer.toString(fake.port()),
                    fake.issueToken("demo")).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(out).contains("KEEPALIVE ok requests=8");
            assertThat(p.exitValue()).as(out).isZero();
        }
    }
}
