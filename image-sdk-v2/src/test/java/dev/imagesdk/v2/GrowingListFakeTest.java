package dev.imagesdk.v2;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageService;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.fake.RecordedRequest;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageQuery;
import dev.imagesdk.model.SortDirection;
import dev.imagesdk.model.SortKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Image lists with no page size ask for growing pages (25, 200, then 1000), checked on the fake's request
 * journal over 1,300 images; the fake caps {@code limit} at {@code api_limit_max} (1000) as Glance does.
 */
class GrowingListFakeTest {

    private static final int IMAGES = 1300;
    private static final Pattern LIMIT = Pattern.compile("(?:^|&)limit=(\\d+)(?:&|$)");

    static FakeGlance fake;
    static ImageService images;

    @BeforeAll
    static void start() {
        fake = FakeGlance.builder().start();
        for (int i = 0; i < IMAGES; i++) {
            Map<String, Object> attrs = new LinkedHashMap<>();
            attrs.put("name", String.format("img-%04d", i));
            attrs.put("disk_format", "raw");
            attrs.put("container_format", "bare");
            attrs.put("parity", i % 2 == 0 ? "even" : "odd");
            fake.seedImage("demo", attrs, null);
        }
        ClientConfig config = ClientConfig.builder().authUrl(fake.keystoneUrl())
                .auth(AuthMethod.V3Password.of("demo", fake.passwordOf("demo"), "Default", fake.projectOf("demo")))
                .build();
        images = ImageService.builder().config(config).apiVersion(ApiVersion.V2).build();
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
    void defaultListAsksForTwentyFiveThenTwoHundredThenAThousandAndSeesEveryImageOnceInOrder() {
        List<String> ids = images.list(ImageQuery.all()).stream().map(Image::id).toList();

        assertThat(listLimits()).containsExactly(25, 200, 1000, 1000);
        fake.clearRequests();
        List<String> reference = images.list(ImageQuery.builder().pageSize(1000).build()).stream()
                .map(Image::id).toList();
        assertThat(ids).hasSize(IMAGES).doesNotHaveDuplicates().isEqualTo(reference);
    }

    @Test
    void explicitPageSizeIsSentOnEveryRequest() {
        long n = images.list(ImageQuery.builder().pageSize(300).build()).stream().count();

        assertThat(n).isEqualTo(IMAGES);
        assertThat(listLimits()).containsExactly(300, 300, 300, 300, 300);
    }

    @Test
    void pageSizeAboveApiLimitMaxIsCappedByTheServiceAndTheListingStillEndsComplete() {
        long n = images.list(ImageQuery.builder().pageSize(5000).build()).stream().count();

        assertThat(n).isEqualTo(IMAGES);
        // 1000 + 300: Glance (and the fake) caps limit at api_limit_max without saying so
        assertThat(listLimits()).containsExactly(5000, 5000);
    }

    @Test
    void filterAndSortHoldAcrossGrowingPages() {
        List<Image> even = images.list(ImageQuery.builder().property("parity", "even")
                .sort(SortKey.NAME, SortDirection.ASC).build()).stream().toList();

        assertThat(even).hasSize(IMAGES / 2).allSatisfy(i -> assertThat(i.properties()).containsEntry("parity", "even"))
                .isSortedAccordingTo(Comparator.comparing(Image::name));
        assertThat(even).extracting(Image::id).doesNotHaveDuplicates();
        assertThat(listLimits()).containsExactly(25, 200, 1000);
        // later pages follow Glance's next link, which percent-encodes the colon
        assertThat(listRequests()).allSatisfy(r -> assertThat(URLDecoder.decode(r.query(), StandardCharsets.UTF_8))
                .contains("parity=even").contains("sort=name:asc"));
    }

    @Test
    void overallLimitCapsTheGrowingPagesAtWhatIsStillWanted() {
        List<Image> got = images.list(ImageQuery.builder().limit(300).build()).stream().toList();

        assertThat(got).hasSize(300);
        assertThat(listLimits()).containsExactly(25, 200, 75);
    }

    @Test
    void firstItemCostsOneSmallRequest() {
        Image first = images.list(ImageQuery.all()).iterator().next();

        assertThat(first).isNotNull();
        assertThat(listLimits()).containsExactly(25);
    }

    private static List<RecordedRequest> listRequests() {
        List<RecordedRequest> out = new ArrayList<>();
        for (RecordedRequest r : fake.requests()) {
            if (r.method().equals("GET") && r.path().equals("/v2/images")) {
                out.add(r);
            }
        }
        return out;
    }

    private static List<Integer> listLimits() {
        List<Integer> out = new ArrayList<>();
        for (RecordedRequest r : listRequests()) {
            Matcher m = LIMIT.matcher(r.query() == null ? "" : r.query());
            out.add(m.find() ? Integer.parseInt(m.group(1)) : null);
        }
        return out;
    }
}
