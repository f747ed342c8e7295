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

    /** A service of {@code total} items 0..total-1 sending at most {@code cap} per page; records the sizes asked. */
    private static final class SizedPages implements PagedIterable.SizedPageFetcher<Integer> {
        final int total;
        final int cap;
        final List<Integer> asked = new ArrayList<>();

        SizedPages(int total, int cap) {
            this.total = total;
            this.cap = cap;
        }

        @Override
        public Page<Integer> fetch(String next, int pageSize) {
            asked.add(pageSize);
            int from = next == null ? 0 : Integer.parseInt(next);
            int n = Math.min(Math.min(pageSize, cap), total - from);
            List<Integer> items = new ArrayList<>();
            for (int i = from; i < from + n; i++) {
                items.add(i);
            }
            boolean full = n == Math.min(pageSize, cap);
            return new Page<>(items, full ? String.valueOf(from + n) : null);
        }
    }

    @Test
    void growingListingAsksForTwentyFiveThenTwoHundredThenAThousandForEveryLaterPage() {
        SizedPages pages = new SizedPages(3500, 1000);
        List<Integer> all = PagedIterable.growing(pages, -1).stream().toList();
        assertThat(all).hasSize(3500);
        assertThat(all.get(3499)).isEqualTo(3499);
        assertThat(pages.asked).containsExactly(25, 200, 1000, 1000, 1000, 1000);
    }

    @Test
    void growingListingFollowsTheServiceWhenItSendsFewerThanAsked() {
        SizedPages pages = new SizedPages(95, 30); // a service whose api_limit_max is 30
        List<Integer> all = PagedIterable.growing(pages, -1).stream().toList();
        assertThat(all).hasSize(95).doesNotHaveDuplicates().isSorted();
        assertThat(pages.asked).containsExactly(25, 200, 1000, 1000);
    }

    @Test
    void growingListingNeverAsksForMoreThanTheOverallLimitLeaves() {
        SizedPages pages = new SizedPages(5000, 1000);
        assertThat(PagedIterable.growing(pages, 230).stream().count()).isEqualTo(230);
        assertThat(pages.asked).containsExactly(25, 200, 5);
        SizedPages few = new SizedPages(5000, 1000);
        assertThat(PagedIterable.growing(few, 10).stream().count()).isEqualTo(10);
        assertThat(few.asked).containsExactly(10);
    }

    @Test
    void eachGrowingIterationStartsAgainAtTheSmallFirstPage() {
        SizedPages pages = new SizedPages(300, 1000);
        PagedIterable<Integer> list = PagedIterable.growing(pages, -1);
        assertThat(list.iterator().next()).isZero();
        assertThat(list.stream().count()).isEqualTo(300);
        assertThat(pages.asked).containsExactly(25, 25, 200, 1000);
    }
}
