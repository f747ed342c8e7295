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
        s.pages.put("/v2/images", Transcripts.json("list-shared.json"));
        PagedIterable<Image> it = ImagePager.list(ImageQuery.all(), s);
        assertThat(it.stream().count()).isEqualTo(1);
        assertThat(it.stream().count()).isEqualTo(1);
        assertThat(s.requested).containsExactly("/v2/images", "/v2/images");
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
        s.pages.put("/v2/images", Transcripts.json("members.json"));
        assertThatThrownBy(() -> ImagePager.list(ImageQuery.all(), s).iterator().hasNext())
                .isInstanceOf(ImageSdkClientException.class).hasMessageContaining("images");
    }
}
