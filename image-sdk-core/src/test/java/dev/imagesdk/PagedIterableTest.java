package dev.imagesdk;

import dev.imagesdk.exception.ImageSdkClientException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PagedIterableTest {

    /** Pages keyed by cursor ("" is the first page); records every fetch. */
    private static final class Pages implements PagedIterable.PageFetcher<Integer> {
        final Map<String, Page<Integer>> pages;
        final List<String> fetched = new ArrayList<>();

        Pages(Map<String, Page<Integer>> pages) {
            this.pages = pages;
        }

        @Override
        public Page<Integer> fetch(String next) {
            fetched.add(next == null ? "" : next);
            return pages.get(next == null ? "" : next);
        }
    }

    @Test
    void fetchesPagesLazilyOneAtATime() {
        Pages pages = new Pages(Map.of(
                "", new Page<>(List.of(1, 2), "p2"),
                "p2", new Page<>(List.of(3, 4), "p3"),
                "p3", new Page<>(List.of(5), null)));
        Iterator<Integer> it = PagedIterable.of(pages, -1).iterator();
        assertThat(pages.fetched).isEmpty();
        assertThat(it.next()).isEqualTo(1);
        assertThat(pages.fetched).containsExactly("");
        it.next();
        assertThat(pages.fetched).containsExactly("");
        assertThat(it.next()).isEqualTo(3);
        assertThat(pages.fetched).containsExactly("", "p2");
    }

    @Test
    void followsALinkToAnEmptyLastPage() {
        Pages pages = new Pages(Map.of(
                "", new Page<>(List.of(1, 2), "p2"),
                "p2", new Page<>(List.of(), null)));
        assertThat(PagedIterable.of(pages, -1).stream().toList()).containsExactly(1, 2);
        assertThat(pages.fetched).containsExactly("", "p2");
    }

    @Test
    void stopsAtTheOverallLimitWithoutFetchingFurtherPages() {
        Pages pages = new Pages(Map.of(
                "", new Page<>(List.of(1, 2), "p2"),
                "p2", new Page<>(List.of(3, 4), "p3")));
        assertThat(PagedIterable.of(pages, 2).stream().toList()).containsExactly(1, 2);
        assertThat(pages.fetched).containsExactly("");
    }

    @Test
    void eachIterationStartsAFreshListing() {
        Pages pages = new Pages(Map.of("", new Page<>(List.of(1), null)));
        PagedIterable<Integer> list = PagedIterable.of(pages, -1);
        assertThat(list.stream().toList()).containsExactly(1);
        assertThat(list.stream().toList()).containsExactly(1);
        assertThat(pages.fetched).containsExactly("", "");
    }

    @Test
    void emptyListingHasNoElements() {
        Pages pages = new Pages(Map.of("", new Page<>(List.of(), null)));
        assertThat(PagedIterable.of(pages, -1)).isEmpty();
    }

    @Test
    void refusesToLoopOnARepeatedNextLink() {
        Pages pages = new Pages(Map.of(
                "", new Page<>(List.of(1), "p2"),
                "p2", new Page<>(List.of(), "p2")));
        assertThatThrownBy(() -> PagedIterable.of(pages, -1).stream().toList())
                .isInstanceOf(ImageSdkClientException.class).hasMessageContaining("same next page link twice");
    }
}
