package dev.imagesdk.v1.internal;

import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.model.Comparison;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.ImageQuery;
import dev.imagesdk.model.ImageStatus;
import dev.imagesdk.model.SortDirection;
import dev.imagesdk.model.SortKey;
import dev.imagesdk.model.Visibility;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class V1QueryEncoderTest {

    @Test
    void everyV1FilterIsSentUnderItsV1Name() {
        ImageQuery q = ImageQuery.builder()
                .name("My Custom Image")
                .status(ImageStatus.ACTIVE)
                .containerFormat(ContainerFormat.BARE)
                .diskFormat(DiskFormat.QCOW2)
                .minRam(512).minDisk(10)
                .sizeMin(1).sizeMax(1000)
                .isPublic(true)
                .changesSince(Instant.parse("2013-05-24T11:44:48Z"))
                .isProtected(false)
                .property("com.hp__1__image_type", "disk")
                .sort(SortKey.NAME, SortDirection.ASC)
                .pageSize(50)
                .build();
        Map<String, String> p = V1QueryEncoder.parameters(q);
        assertThat(p).containsExactly(
                Map.entry("name", "My Custom Image"),
                Map.entry("status", "active"),
                Map.entry("container_format", "bare"),
                Map.entry("disk_format", "qcow2"),
                Map.entry("min_ram", "512"),
                Map.entry("min_disk", "10"),
                Map.entry("size_min", "1"),
                Map.entry("size_max", "1000"),
                Map.entry("is_public", "True"),
                Map.entry("changes-since", "2013-05-24T11:44:48Z"),
                Map.entry("protected", "False"),
                Map.entry("property-com.hp__1__image_type", "disk"),
                Map.entry("sort_key", "name"),
                Map.entry("sort_dir", "asc"),
                Map.entry("limit", "50"));
        assertThat(V1QueryEncoder.queryString(p)).startsWith("name=My%20Custom%20Image&status=active&")
                .contains("changes-since=2013-05-24T11%3A44%3A48Z");
    }

    @Test
    void emptyQuerySendsNothing() {
        assertThat(V1QueryEncoder.parameters(ImageQuery.all())).isEmpty();
    }

    @Test
    void v2OnlyFiltersAreRefusedBeforeAnyRequest() {
        List<ImageQuery> refused = List.of(
                ImageQuery.builder().tag("t").build(),
                ImageQuery.builder().visibility(Visibility.PUBLIC).build(),
                ImageQuery.builder().owner("me").build(),
                ImageQuery.builder().osHidden(true).build(),
                ImageQuery.builder().nameIn("a", "b").build(),
                ImageQuery.builder().statusIn(ImageStatus.ACTIVE, ImageStatus.QUEUED).build(),
                ImageQuery.builder().diskFormat(DiskFormat.RAW, DiskFormat.QCOW2).build(),
                ImageQuery.builder().createdAt(Comparison.GT, Instant.EPOCH).build(),
                ImageQuery.builder().sort(SortKey.NAME, SortDirection.ASC).sort(SortKey.SIZE, SortDirection.DESC).build());
        for (ImageQuery q : refused) {
            assertThatThrownBy(() -> V1QueryEncoder.parameters(q)).as(q.toString())
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("API v1 has no");
        }
    }
}
