package dev.imagesdk.v2.internal;

import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.model.Comparison;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.ImageQuery;
import dev.imagesdk.model.ImageStatus;
import dev.imagesdk.model.MemberStatus;
import dev.imagesdk.model.SortDirection;
import dev.imagesdk.model.SortKey;
import dev.imagesdk.model.Visibility;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryEncoderTest {

    private static String enc(ImageQuery q) {
        return QueryEncoder.firstPage(q);
    }

    @Test
    void emptyQueryIsThePlainPath() {
        assertThat(enc(ImageQuery.all())).isEqualTo("/v2/images");
    }

    @Test
    void sharedAcceptedMatchesTheTranscript() {
        assertThat(enc(ImageQuery.builder().visibility(Visibility.SHARED).memberStatus(MemberStatus.ACCEPTED).build()))
                .isEqualTo("/v2/images?visibility=shared&member_status=accepted");
    }

    @Test
    void nameInListMatchesTheTranscriptWithQuotingOnlyWhereNeeded() {
        assertThat(enc(ImageQuery.builder().nameIn("page-0", "page-1").pageSize(5).build()))
                .isEqualTo("/v2/images?name=in:page-0%2Cpage-1&limit=5");
        assertThat(enc(ImageQuery.builder().nameIn("a,b", "c").build()))
                .isEqualTo("/v2/images?name=in:%22a%2Cb%22%2Cc");
    }

    @Test
    void sizeAndTimeFiltersMatchTheTranscript() {
        ImageQuery q = ImageQuery.builder().sizeMin(1).sizeMax(10_000_000)
                .createdAt(Comparison.GTE, Instant.parse("2000-01-01T00:00:00Z")).build();
        assertThat(enc(q)).isEqualTo("/v2/images?size_min=1&size_max=10000000&created_at=gte:2000-01-01T00:00:00Z");
    }

    @Test
    void timeFilterIsUtcSeconds() {
        ImageQuery q = ImageQuery.builder().updatedAt(Comparison.LT, Instant.parse("2024-05-06T07:08:09.987Z")).build();
        assertThat(enc(q)).isEqualTo("/v2/images?updated_at=lt:2024-05-06T07:08:09Z");
    }

    @Test
    void sortUsesTheCombinedForm() {
        ImageQuery q = ImageQuery.builder().sort(SortKey.NAME, SortDirection.ASC)
                .sort(SortKey.CREATED_AT, SortDirection.DESC).pageSize(2).build();
        assertThat(enc(q)).isEqualTo("/v2/images?sort=name:asc%2Ccreated_at:desc&limit=2");
    }

    @Test
    void filtersThenSortThenLimitThenMarker() {
        ImageQuery q = ImageQuery.builder().status(ImageStatus.QUEUED).visibility(Visibility.PRIVATE)
                .sort(SortKey.NAME, SortDirection.DESC).pageSize(1)
                .marker("0dfeb241-e5b4-4562-bdce-8af0bf22b083").build();
        assertThat(enc(q)).isEqualTo("/v2/images?status=queued&visibility=private&sort=name:desc&limit=1"
                + "&marker=0dfeb241-e5b4-4562-bdce-8af0bf22b083");
    }

    @Test
    void tagsAreRepeated() {
        ImageQuery q = ImageQuery.builder().tag("a").tag("b c").build();
        assertThat(enc(q)).isEqualTo("/v2/images?tag=a&tag=b%20c");
    }

    @Test
    void everyV2FilterIsEncoded() {
        ImageQuery q = ImageQuery.builder().name("n").idIn("0dfeb241-e5b4-4562-bdce-8af0bf22b083")
                .statusIn(ImageStatus.ACTIVE, ImageStatus.QUEUED).visibility(Visibility.ALL).owner("p1")
                .memberStatus(MemberStatus.ALL).tag("t").sizeMin(0).sizeMax(5).osHidden(true).isProtected(false)
                .diskFormat(DiskFormat.QCOW2, DiskFormat.RAW).containerFormat(ContainerFormat.BARE)
                .property("os_distro", "debian").build();
        assertThat(enc(q)).isEqualTo("/v2/images?name=n&id=in:0dfeb241-e5b4-4562-bdce-8af0bf22b083"
                + "&status=in:active%2Cqueued&visibility=all&owner=p1&member_status=all&tag=t&size_min=0&size_max=5"
                + "&os_hidden=true&protected=false&disk_format=in:qcow2%2Craw&container_format=bare&os_distro=debian");
    }

    @Test
    void communityVisibilityIsSent() {
        assertThat(enc(ImageQuery.builder().visibility(Visibility.COMMUNITY).build()))
                .isEqualTo("/v2/images?visibility=community");
    }

    @Test
    void exactValueWithAColonIsSentWithEqOperator() {
        assertThat(enc(ImageQuery.builder().name("ubuntu:22.04").build()))
                .isEqualTo("/v2/images?name=eq:ubuntu:22.04");
    }

    @Test
    void nonAsciiAndReservedCharactersArePercentEncoded() {
        assertThat(enc(ImageQuery.builder().name("é & =?#").build()))
                .isEqualTo("/v2/images?name=%C3%A9%20%26%20%3D%3F%23");
        assertThat(enc(ImageQuery.builder().property("com.hp__1__os_distro", "a+b").build()))
                .isEqualTo("/v2/images?com.hp__1__os_distro=a%2Bb");
    }

    @Test
    void inListValueWithADoubleQuoteIsRefused() {
        assertThatThrownBy(() -> enc(ImageQuery.builder().nameIn("a\"b", "c").build()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("a\"b");
    }

    @Test
    void quotedInListValueEndingInBackslashIsRefused() {
        assertThatThrownBy(() -> QueryEncoder.inList("name", List.of("a,b\\")))
                .isInstanceOf(InvalidInputException.class);
        assertThat(QueryEncoder.inList("name", List.of("a\\b", ""))).isEqualTo("in:a\\b,\"\"");
    }

    @Test
    void v1OnlyFiltersAreRefused() {
        assertThatThrownBy(() -> enc(ImageQuery.builder().minRam(1).build()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("min_ram");
        assertThatThrownBy(() -> enc(ImageQuery.builder().minDisk(1).build()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("min_disk");
        assertThatThrownBy(() -> enc(ImageQuery.builder().isPublic(true).build()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("is_public");
        assertThatThrownBy(() -> enc(ImageQuery.builder().changesSince(Instant.EPOCH).build()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("changes-since");
    }

    @Test
    void propertyFilterCollidingWithAParameterIsRefused() {
        assertThatThrownBy(() -> enc(ImageQuery.builder().property("limit", "3").build()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> enc(ImageQuery.builder().property("sort_key", "name").build()))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void overallLimitSmallerThanThePageShrinksThePage() {
        assertThat(enc(ImageQuery.builder().pageSize(50).limit(3).build())).isEqualTo("/v2/images?limit=3");
        assertThat(enc(ImageQuery.builder().limit(5000).build())).isEqualTo("/v2/images?limit=1000");
        assertThat(enc(ImageQuery.builder().pageSize(2).limit(10).build())).isEqualTo("/v2/images?limit=2");
    }
}
