package dev.imagesdk.examples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressBarTest {

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

    private String output() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plainOutputPrintsOneLinePerTenPercentEvenWhenProgressJumps() {
        ProgressBar bar = new ProgressBar(out, false, "upload");
        bar.onProgress(5, 100);
        bar.onProgress(15, 100);
        bar.onProgress(55, 100);
        bar.onProgress(100, 100);
        bar.finish();

        List<String> lines = output().lines().toList();
        assertThat(lines).hasSize(10);
        assertThat(lines.get(0)).contains(" 10%");
        assertThat(lines.get(4)).contains(" 50%").contains("ETA ");
        assertThat(lines.get(9)).contains("[##############################] 100%").contains(" in ");
        assertThat(output()).doesNotContain("\r");
    }

    @Test
    void terminalOutputRedrawsOneLineAndEndsItOnFinish() {
        ProgressBar bar = new ProgressBar(out, true, "download");
        bar.onProgress(10, 100);
        bar.onProgress(100, 100);
        bar.finish();

        assertThat(output()).startsWith("\r   download [###").endsWith(System.lineSeparator())
                .contains("100%");
        // String.lines() would split at the carriage returns too: count real line ends.
        assertThat(output().chars().filter(c -> c == '\n').count()).isEqualTo(1);
    }

    @Test
    void aResumedTransferNeverMovesTheBarBackwards() {
        ProgressBar bar = new ProgressBar(out, false, "download");
        bar.onProgress(60, 100);
        bar.onProgress(20, 100);
        bar.onProgress(70, 100);

        assertThat(output().lines().toList()).hasSize(7).last().asString().contains(" 70%");
    }

    @Test
    void anUnknownTotalPrintsTheBytesWhenFinished() {
        ProgressBar bar = new ProgressBar(out, false, "upload");
        bar.onProgress(3 * 1024 * 1024, -1);
        bar.finish();

        assertThat(output().lines().toList()).singleElement().asString()
                .contains("upload 3.0 MiB").doesNotContain("%");
    }
}
