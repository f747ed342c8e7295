package dev.imagesdk.v1.internal;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.TestClientContexts;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.fake.RecordedRequest;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageQuery;
import dev.imagesdk.model.SortDirection;
import dev.imagesdk.model.SortKey;
import dev.imagesdk.testsupport.RecordingSleeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** v1 {@code detail} lists with no page size ask for growing pages (25, 200, then 1000), on the fake's journal. */
class V1GrowingListFakeTest {

    private static final int IMAGES = 1300;
    private static final Pattern LIMIT = Pattern.compile("(?:^|&)limit=(\\d+)(?:&|$)");

    static FakeGlance fake;
    static V1ImageService images;

    @BeforeAll
    static void start() {
        fake = FakeGlance.builder().advertiseV1(true).start();
        for (int i = 0; i < IMAGES; i++) {
            fake.seedImage("demo", Map.of("name", String.format("img-%04d", i), "disk_format", "raw",
                    "container_format", "bare"), null);
        }
        ClientConfig config = ClientConfig.builder().authUrl(fake.keystoneUrl())
                .auth(AuthMethod.V3Password.of("demo", fake.passwordOf("demo"), "Default", fake.projectOf("demo")))
                .apiVersion(ApiVersion.V1).build();
        images = V1ImageService.create(TestClientContexts.of(config, ApiVersion.V1, new RecordingSleeper()),
                Duration.ofMillis(1), Duration.ofMillis(2));
    }

    @AfterAll
    static void stop() {
        images.close();
        fake.close();
    }

    @BeforeEach
    void clearJournal() {
        fake.clearRequests();
    }

    @Test
    void defaultDetailListAsksForGrowingPagesAndSeesEveryImageOnceInOrder() {
        List<String> ids = images.list(ImageQuery.all()).stream().map(Image::id).toList();

        assertThat(listLimits()).containsExactly(25, 200, 1000, 1000);
        List<String> reference = images.list(ImageQuery.builder().pageSize(1000).build()).stream()
                .map(Image::id).toList();
        assertThat(ids).hasSize(IMAGES).doesNotHaveDuplicates().isEqualTo(reference);
    }

    @Test
    void explicitPageSizeIsSentOnEveryRequest() {
        assertThat(images.list(ImageQuery.builder().pageSize(500).build()).stream().count()).isEqualTo(IMAGES);

        assertThat(listLimits()).containsExactly(500, 500, 500);
    }

    @Test
    void sortHoldsAcrossGrowingPages() {
        List<Image> sorted = images.list(ImageQuery.builder().sort(SortKey.NAME, SortDirection.ASC).build())
                .stream().toList();

        assertThat(sorted).hasSize(IMAGES).isSortedAccordingTo(Comparator.comparing(Image::name));
        assertThat(listLimits()).containsExactly(25, 200, 1000, 1000);
    }

    private static List<Integer> listLimits() {
        List<Integer> out = new ArrayList<>();
        for (RecordedRequest r : fake.requests()) {
            if (r.method().equals("GET") && r.path().equals("/v1/images/detail")) {
                Matcher m = LIMIT.matcher(r.query() == null ? "" : r.query());
                out.add(m.find() ? Integer.parseInt(m.group(1)) : null);
            }
        }
        return out;
    }
}
