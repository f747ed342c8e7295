package dev.imagesdk.model;

import dev.imagesdk.exception.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageQueryTest {

    @Test
    void collectsFiltersSortAndPaging() {
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        ImageQuery q = ImageQuery.builder()
                .nameIn("a", "b,c")
                .status(ImageStatus.ACTIVE)
                .visibility(Visibility.ALL)
                .owner("p1")
                .memberStatus(MemberStatus.ACCEPTED)
                .tag("x").tag("y")
                .sizeMin(1).sizeMax(100)
                .osHidden(false).isProtected(true)
                .diskFormat(DiskFormat.QCOW2, DiskFormat.RAW)
                .containerFormat(ContainerFormat.BARE)
                .createdAt(Comparison.GTE, t)
                .property(ImageProperties.ARCHITECTURE, Architecture.X86_64)
                .sort(SortKey.NAME, SortDirection.ASC).sort(SortKey.CREATED_AT, SortDirection.DESC)
                .pageSize(100).limit(250)
                .build();
        assertThat(q.names()).containsExactly("a", "b,c");
        assertThat(q.statuses()).containsExactly(ImageStatus.ACTIVE);
        assertThat(q.visibility()).contains(Visibility.ALL);
        assertThat(q.tags()).containsExactly("x", "y");
        assertThat(q.diskFormats()).containsExactly(DiskFormat.QCOW2, DiskFormat.RAW);
        assertThat(q.createdAt()).contains(new TimeFilter(Comparison.GTE, t));
        assertThat(q.properties()).containsEntry("architecture", "x86_64");
        assertThat(q.sort()).extracting(Sort::key).containsExactly(SortKey.NAME, SortKey.CREATED_AT);
        assertThat(q.pageSize()).hasValue(100);
        assertThat(q.limit()).hasValue(250);
        assertThat(q.toBuilder().build()).isEqualTo(q);
        assertThat(ImageQuery.all().names()).isEmpty();
    }

    @Test
    void refusesSizeMinAboveSizeMax() {
        assertThatThrownBy(() -> ImageQuery.builder().sizeMin(10).sizeMax(5).build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Invalid size_min '10': must not exceed size_max 5");
    }

    @Test
    void refusesNegativeSizes() {
        assertThatThrownBy(() -> ImageQuery.builder().sizeMin(-1).build())
                .isInstanceOf(InvalidInputException.class).hasMessage("Invalid size_min '-1': must be >= 0");
        assertThatThrownBy(() -> ImageQuery.builder().sizeMax(-1).build())
                .isInstanceOf(InvalidInputException.class).hasMessage("Invalid size_max '-1': must be >= 0");
    }

    @Test
    void refusesNonPositivePageSizeAndNegativeLimit() {
        assertThatThrownBy(() -> ImageQuery.builder().pageSize(0).build())
                .isInstanceOf(InvalidInputException.class).hasMessage("Invalid page size '0': must be > 0");
        assertThatThrownBy(() -> ImageQuery.builder().limit(-1).build())
                .isInstanceOf(InvalidInputException.class).hasMessage("Invalid limit '-1': must be >= 0");
    }

    @Test
    void refusesExactNameTogetherWithAnInList() {
        assertThatThrownBy(() -> ImageQuery.builder().name("a").nameIn("b", "c").build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("name")
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> ImageQuery.builder().status(ImageStatus.ACTIVE).statusIn(ImageStatus.QUEUED).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("status");
    }

    @Test
    void refusesEmptyInLists() {
        assertThatThrownBy(() -> ImageQuery.builder().nameIn().build())
                .isInstanceOf(InvalidInputException.class).hasMessage("Invalid name '[]': an in: list needs at least one value");
        assertThatThrownBy(() -> ImageQuery.builder().idIn().build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Invalid id '[]'");
        assertThatThrownBy(() -> ImageQuery.builder().statusIn().build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Invalid status '[]'");
    }

    @Test
    void refusesMalformedIdsAndMarkers() {
        assertThatThrownBy(() -> ImageQuery.builder().idIn("nope").build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Invalid id 'nope'");
        assertThatThrownBy(() -> ImageQuery.builder().marker("nope").build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Invalid marker 'nope'");
    }

    @Test
    void refusesASortKeyGivenTwice() {
        assertThatThrownBy(() -> ImageQuery.builder().sort(SortKey.NAME, SortDirection.ASC)
                .sort(SortKey.NAME, SortDirection.DESC).build())
                .isInstanceOf(InvalidInputException.class).hasMessage("Invalid sort key 'name': is given twice");
    }

    @Test
    void refusesBadTagsAndNegativeV1Minimums() {
        assertThatThrownBy(() -> ImageQuery.builder().tag("").build())
                .isInstanceOf(InvalidInputException.class).hasMessage("Invalid tag '': must not be empty");
        assertThatThrownBy(() -> ImageQuery.builder().minRam(-1).build())
                .isInstanceOf(InvalidInputException.class).hasMessage("Invalid min_ram '-1': must be >= 0");
        assertThatThrownBy(() -> ImageQuery.builder().minDisk(-2).build())
                .isInstanceOf(InvalidInputException.class).hasMessage("Invalid min_disk '-2': must be >= 0");
    }

    @Test
    void refusesNullFilterValues() {
        assertThatThrownBy(() -> ImageQuery.builder().name(null).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> ImageQuery.builder().diskFormat((DiskFormat) null).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("disk_format");
    }
}
