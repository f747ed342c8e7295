package dev.imagesdk.v2.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagesdk.PagedIterable;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageQuery;
import dev.imagesdk.model.SortDirection;
import dev.imagesdk.model.SortKey;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImagePagerTest {

    private static final String FIRST = "/v2/images?limit=2&sort_key=name&sort_dir=asc&lab_page=yes";
    private static final String SECOND = FIRST + "&marker=0dfeb241-e5b4-4562-bdce-8af0bf22b083";
    private static final String THIRD = FIRST + "&marker=e348330b-60ba-4742-a76f-c439007a9bb7";

    /** Serves canned bodies by exact path and records what was requested. */
    private static final class Server implements Function<String, JsonNode> {
        final Map<String, JsonNode> pages = new HashMap<>();
        final List<String> requested = new ArrayList<>();

        @Override
        public JsonNode apply(String path) {
            requested.add(path);
            JsonNode page = pages.get(path);
            if (page == null) {
                throw new AssertionError("unexpected GET " + path);
            }
            return page;
        }
    }

    private static JsonNode emptyPage() {
        return Transcripts.json("list-empty.json");
    }

    @Test
    void followsNextLinksVerbatimAndStopsAfterTheEmptyPageOfAnExactlyFullLastPage() {
        Server s = new Server();
        s.pages.put(FIRST, Transcripts.json("list-page1.json"));
        s.pages.put(SECOND, Transcripts.json("list-page2.json"));
        s.pages.put(THIRD, emptyPage());
        PagedIterable<Image> it = PagedIterable.of(new ImagePager(FIRST, s), -1);
        List<String> names = new ArrayList<>();
        it.forEach(i -> names.add(i.name()));
        assertThat(names).containsExactly("page-0", "page-1", "page-2", "page-3");
        assertThat(s.requested).containsExactly(FIRST, SECOND, THIRD);
    }

    @Test
    void nothingIsFetchedUntilIteration() {
        Server s = new Server();
        PagedIterable<Image> it = ImagePager.list(ImageQuery.builder().pageSize(2).build(), s);
        assertThat(it).isNotNull();
        assertThat(s.requested).isEmpty();
    }

    @Test
    void overallLimitStopsWithoutFetchingFurtherPages() {
        Server s = new Server();
        ImageQuery q = ImageQuery.builder().pageSize(2).limit(3).sort(SortKey.NAME, SortDirection.ASC).build();
        String first = QueryEncoder.firstPage(q);
        s.pages.put(first, Transcripts.json("list-page1.json"));
        s.pages.put(SECOND, Transcripts.json("list-page2.json"));
        List<Image> got = ImagePager.list(q, s).stream().toList();
        assertThat(got).extracting(Image::name).containsExactly("page-0", "page-1", "page-2");
        assertThat(s.requested).containsExactly(first, SECOND);
    }

    @Test
    void limitZeroFetchesNothing() {
        Server s = new Server();
        assertThat(ImagePager.list(ImageQuery.builder().limit(0).build(), s).stream().count()).isZero();
        assertThat(s.requested).isEmpty();
    }

    @Test
    void eachIterationStartsAgainFromTheFirstPage() {
        Server s = new Server();
        s.pages.put("/v2/images?limit=25", Transcripts.json("list-shared.json"));
        PagedIterable<Image> it = ImagePager.list(ImageQuery.all(), s);
        assertThat(it.stream().count()).isEqualTo(1);
        assertThat(it.stream().count()).isEqualTo(1);
        assertThat(s.requested).containsExactly("/v2/images?limit=25", "/v2/images?limit=25");
    }

    @Test
    void invalidQueryIsRefusedBeforeAnyRequest() {
        Server s = new Server();
        assertThatThrownBy(() -> ImagePager.list(ImageQuery.builder().minRam(5).build(), s))
                .isInstanceOf(InvalidInputException.class);
        assertThat(s.requested).isEmpty();
    }

    @Test
    void absoluteOrForeignNextLinkIsRefused() {
        assertThatThrownBy(() -> ImagePager.checkLink("http://evil.example/v2/images?marker=x"))
                .isInstanceOf(ImageSdkClientException.class);
        assertThatThrownBy(() -> ImagePager.checkLink("//evil.example/v2/images"))
                .isInstanceOf(ImageSdkClientException.class);
        assertThat(ImagePager.checkLink(SECOND)).isEqualTo(SECOND);
    }

    @Test
    void bodyWithoutImagesArrayIsATypedError() {
        Server s = new Server();
        s.pages.put("/v2/images?limit=25", Transcripts.json("members.json"));
        assertThatThrownBy(() -> ImagePager.list(ImageQuery.all(), s).iterator().hasNext())
                .isInstanceOf(ImageSdkClientException.class).hasMessageContaining("images");
    }

    @Test
    void withLimitReplacesTheLinksOwnLimitInPlaceOrAppendsOne() {
        assertThat(ImagePager.withLimit("/v2/images?limit=25&sort=name%3Aasc&marker=abc", 200))
                .isEqualTo("/v2/images?limit=200&sort=name%3Aasc&marker=abc");
        assertThat(ImagePager.withLimit("/v2/images?sort=name%3Aasc&marker=abc", 1000))
                .isEqualTo("/v2/images?sort=name%3Aasc&marker=abc&limit=1000");
        assertThat(ImagePager.withLimit("/v2/images", 25)).isEqualTo("/v2/images?limit=25");
        assertThat(ImagePager.withLimit("/v2/images?limit=5&x_limit=7&limit=9", 25))
                .isEqualTo("/v2/images?limit=25&x_limit=7");
    }

    @Test
    void withoutPageSizeEachRequestCarriesTheGrowingLimitWhateverTheNextLinkSays() {
        Server s = new Server();
        // the service echoes the request's own limit in next, as Glance does
        s.pages.put("/v2/images?sort_key=name&sort_dir=asc&lab_page=yes&limit=25",
                page(25, "/v2/images?sort_key=name&sort_dir=asc&lab_page=yes&limit=25&marker=m1"));
        s.pages.put("/v2/images?sort_key=name&sort_dir=asc&lab_page=yes&limit=200&marker=m1",
                page(200, "/v2/images?sort_key=name&sort_dir=asc&lab_page=yes&limit=200&marker=m2"));
        s.pages.put("/v2/images?sort_key=name&sort_dir=asc&lab_page=yes&limit=1000&marker=m2", page(3, null));
        ImagePager pager = new ImagePager("/v2/images?sort_key=name&sort_dir=asc&lab_page=yes", s);
        assertThat(PagedIterable.growing(pager, -1).stream().count()).isEqualTo(228);
        assertThat(s.requested).hasSize(3);
    }

    private static JsonNode page(int n, String next) {
        com.fasterxml.jackson.databind.node.ObjectNode body = com.fasterxml.jackson.databind.node.JsonNodeFactory
                .instance.objectNode();
        com.fasterxml.jackson.databind.node.ArrayNode images = body.putArray("images");
        for (int i = 0; i < n; i++) {
            images.addObject().put("id", java.util.UUID.randomUUID().toString()).put("name", "i" + i)
                    .put("status", "active");
        }
        if (next != null) {
            body.put("next", next);
        }
        return body;
    }
}
