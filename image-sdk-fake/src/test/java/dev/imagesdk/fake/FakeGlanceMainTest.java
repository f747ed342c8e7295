package dev.imagesdk.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FakeGlanceMainTest {
    @Test
    void standaloneMainPrintsItsUrlServesAndStopsOnSigterm() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                FakeGlanceMain.class.getName(), "--port", "0", "--auth", "none")).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).startsWith("Fake Glance listening on http://127.0.0.1:");
            Matcher m = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+)").matcher(line);
            assertThat(m.find()).isTrue();
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(m.group(1) + "/v2/images")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(143);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void badArgumentsExitWithUsage() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                FakeGlanceMain.class.getName(), "--auth", "external")).redirectErrorStream(true).start();
        try {
            String all = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(2);
            assertThat(all).contains("--auth external needs --keystone-url and --service-user").contains("usage:");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void readTimeoutOptionClosesAStalledClient() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                FakeGlanceMain.class.getName(), "--port", "0", "--auth", "none", "--read-timeout", "0.3",
                "--idle-timeout", "60")).redirectErrorStream(true).start();
        try {
            String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            Matcher m = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)").matcher(line);
            assertThat(m.find()).as(line).isTrue();
            try (RawHttp c = new RawHttp(Integer.parseInt(m.group(1)))) {
                c.write("GET /v2/images HTTP/1.1\r\nHost: 127.0.0.1\r\n");
                assertThat(c.closedByServer(10_000)).as("stalled client closed by the fake").isTrue();
            }
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void badTimeoutExitsWithUsage() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                FakeGlanceMain.class.getName(), "--read-timeout", "soon")).redirectErrorStream(true).start();
        try {
            String all = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(2);
            assertThat(all).contains("--read-timeout needs a number of seconds: soon").contains("usage:");
        } finally {
            p.destroyForcibly();
        }
    }
}
