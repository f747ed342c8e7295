package dev.imagesdk.v1.internal;

import dev.imagesdk.model.Image;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class V1PagerTest {

    /** A v1 server holding {@code total} images that never sends more than {@code cap} per page. */
    private static final class CappingServer implements Function<String, List<Image>> {
        final List<Image> images;
        final int cap;
        final List<String> markers = new ArrayList<>();

        CappingServer(int total, int cap) {
            this.images = IntStream.range(0, total)
                    .mapToObj(i -> Image.builder().id(String.format("00000000-0000-0000-0000-%012d", i)).build())
                    .collect(Collectors.toList());
            this.cap = cap;
        }

        @Override
        public List<Image> apply(String marker) {
            markers.add(marker);
            int from = 0;
            if (marker != null) {
                for (int i = 0; i < images.size(); i++) {
                    if (images.get(i).id().equals(marker)) {
                        from = i + 1;
                    }
                }
            }
            return images.subList(from, Math.min(images.size(), from + cap));
        }
    }

    @Test
    void doesNotStopEarlyWhenTheServerCapsThePageSize() {
        // The caller asked for 1000 per page; the server sends at most 7.
        CappingServer server = new CappingServer(30, 7);
        List<Image> all = V1Pager.paged(server, -1).stream().collect(Collectors.toList());
        assertThat(all).extracting(Image::id).isEqualTo(server.images.stream().map(Image::id).collect(Collectors.toList()));
        // 7,7,7,7,2: the short page after full ones ends the listing without an extra request.
        assertThat(server.markers).hasSize(5);
        assertThat(server.markers.get(0)).isNull();
        assertThat(server.markers.get(1)).isEqualTo(server.images.get(6).id());
    }

    @Test
    void anExactlyFullLastPageEndsOnTheFollowingEmptyPage() {
        CappingServer server = new CappingServer(14, 7);
        assertThat(V1Pager.paged(server, -1).stream().count()).isEqualTo(14);
        assertThat(server.markers).hasSize(3);
    }

    @Test
    void aSingleShortFirstPageIsConfirmedByOneMoreRequest() {
        CappingServer server = new CappingServer(3, 25);
        assertThat(V1Pager.paged(server, -1).stream().count()).isEqualTo(3);
        assertThat(server.markers).hasSize(2);
    }

    @Test
    void isLazyAndHonoursTheOverallLimit() {
        CappingServer server = new CappingServer(100, 10);
        var iterable = V1Pager.paged(server, 15);
        assertThat(server.markers).isEmpty();
        assertThat(iterable.stream().count()).isEqualTo(15);
        assertThat(server.markers).hasSize(2);
    }

    @Test
    void emptyListingMakesOneRequest() {
        CappingServer server = new CappingServer(0, 10);
        assertThat(V1Pager.paged(server, -1).iterator().hasNext()).isFalse();
        assertThat(server.markers).hasSize(1);
    }

    @Test
    void growingListingAsksForTwentyFiveThenTwoHundredThenAThousandAndStillHonoursAServerCap() {
        CappingServer server = new CappingServer(450, 100);
        List<Integer> sizes = new ArrayList<>();
        List<Image> all = V1Pager.growing((marker, size) -> {
            sizes.add(size);
            List<Image> capped = server.apply(marker);
            return capped.subList(0, Math.min(size, capped.size()));
        }, -1).stream().collect(Collectors.toList());

        assertThat(all).extracting(Image::id).isEqualTo(server.images.stream().map(Image::id).collect(Collectors.toList()));
        // 25, 100 (capped), 100, 100, 100, 25: the page shorter than an earlier one ends the listing
        assertThat(sizes).containsExactly(25, 200, 1000, 1000, 1000, 1000);
    }
}
