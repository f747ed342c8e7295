package dev.imagesdk.internal.http;

import dev.imagesdk.testsupport.RecordingLogger;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The wire log's lines: what they show of a URL and what they never show. */
class WireLoggerTest {

    private final List<String> lines = new ArrayList<>();


    @Test
    void listUrlsKeepSortKeyButNeverATokenOrUserInfo() {
        WireLogger wire = new WireLogger(RecordingLogger.into(lines));
        String url = "http://admin:pw-secret@h/v2/images?sort_key=name&sort_dir=desc&auth_token=tok-secret";

        wire.request("GET", url, 0);
        wire.response("GET", url, 200, 1_000_000, "req-1");

        assertThat(lines).hasSize(2);
        assertThat(lines).allSatisfy(l -> assertThat(l).contains("sort_key=name").contains("sort_dir=desc")
                .doesNotContain("tok-secret").doesNotContain("pw-secret"));
        assertThat(lines.get(1)).contains("200").contains("req-1");
    }
}
