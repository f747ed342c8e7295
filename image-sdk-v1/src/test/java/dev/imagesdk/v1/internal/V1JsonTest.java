package dev.imagesdk.v1.internal;

import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageStatus;
import dev.imagesdk.model.Member;
import dev.imagesdk.model.Visibility;
import dev.imagesdk.v1.Membership;
import dev.imagesdk.v1.SharedImage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class V1JsonTest {

    /** Seed 004's response to its create-with-data curl example, verbatim. */
    static final String SEED_CREATE_RESPONSE = "{\"image\": {\"status\": \"active\", \"name\": \"My Custom Image\", "
            + "\"deleted\": false, \"container_format\": \"bare\", \"created_at\": "
            + "\"2013-05-24T11:44:48\", \"disk_format\": \"qcow2\", \"updated_at\":  "
            + "\"2013-05-24T11:44:49\", \"id\": \"8d1ba046-b06e-425d-b867-7b8c960ddaaa\", "
            + "\"min_disk\": 0, \"protected\": false, \"min_ram\": 0, \"checksum\": "
            + "\"fcb3450fb99fd160f6567df398921aed\", \"owner\": \"123456\", \"is_public\": "
            + "false, \"deleted_at\": null, \"properties\": {}, \"size\": 456}}";

    /** Seed 004's response to its list curl example (line breaks inside values removed). */
    static final String SEED_LIST_RESPONSE = "{\"images\": [{\"name\": \"CentOS 6.3 Server 64-bit 20130116 (b)\", "
            + "\"container_format\": \"bare\", \"disk_format\": \"qcow2\", \"checksum\": "
            + "\"b43071530a6a1704b5b8b644a6f5231e\", \"id\": \"2ffc3a4c-8272-478f-a5a8-0067c0012e33\", "
            + "\"size\": 325020160}, {\"name\": \"CentOS 5.8 Server 64-bit 20120828 (b)\", "
            + "\"container_format\": \"bare\",\"disk_format\": \"qcow2\", \"checksum\": "
            + "\"e66bad1137c6d519fc5c6fb175e45b71\", \"id\": \"fcc0edba-6f1b-4451-a4cc-7c63f20430b5\", "
            + "\"size\": 305438208}]}";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void parsesTheSeedCreateResponseIntoAnImage() {
        Image expected = Image.builder()
                .id("8d1ba046-b06e-425d-b867-7b8c960ddaaa")
                .name("My Custom Image")
                .status(ImageStatus.ACTIVE)
                .deleted(false)
                .containerFormat(ContainerFormat.BARE)
                .diskFormat(DiskFormat.QCOW2)
                .createdAt(Instant.parse("2013-05-24T11:44:48Z"))
                .updatedAt(Instant.parse("2013-05-24T11:44:49Z"))
                .minDisk(0).minRam(0)
                .isProtected(false)
                .checksum("fcb3450fb99fd160f6567df398921aed")
                .owner("123456")
                .isPublic(false).visibility(Visibility.PRIVATE)
                .size(456L)
                .build();
        Image image = V1Json.image(utf8(SEED_CREATE_RESPONSE));
        assertThat(image).isEqualTo(expected);
        assertThat(image.deletedAt()).isNull();
        assertThat(image.properties()).isEmpty();
    }

    @Test
    void parsesTheSeedListResponse() {
        List<Image> images = V1Json.images(utf8(SEED_LIST_RESPONSE));
        assertThat(images).extracting(Image::id).containsExactly("2ffc3a4c-8272-478f-a5a8-0067c0012e33",
                "fcc0edba-6f1b-4451-a4cc-7c63f20430b5");
        assertThat(images.get(0).name()).isEqualTo("CentOS 6.3 Server 64-bit 20130116 (b)");
        assertThat(images.get(0).size()).isEqualTo(325020160L);
        assertThat(images.get(1).checksum()).isEqualTo("e66bad1137c6d519fc5c6fb175e45b71");
        assertThat(images.get(1).status()).isNull(); // the summary list has no status; never made up
    }

    @Test
    void propertiesAreReadAsStringsAndDecodedLikeHeaders() {
        Image image = V1Json.image(utf8("{\"image\": {\"id\": \"x\", \"name\": \"caf%C3%A9\", \"properties\": "
                + "{\"description\": \"caf%C3%A9\", \"n\": 5, \"gone\": null, \"pct\": \"100%\"}}}"));
        assertThat(image.name()).isEqualTo("café");
        assertThat(image.properties()).containsEntry("description", "café").containsEntry("n", "5")
                .containsEntry("pct", "100%").doesNotContainKey("gone");
    }

    @Test
    void parsesMembersAndSharedImages() {
        List<Member> members = V1Json.members("img", utf8("{\"members\": [{\"member_id\": \"t1\", \"can_share\": "
                + "false}, {\"member_id\": \"t2\", \"can_share\": true}]}"));
        assertThat(members).containsExactly(new Member("img", "t1", null, false, null, null),
                new Member("img", "t2", null, true, null, null));
        List<SharedImage> shared = V1Json.sharedImages(utf8("{\"shared_images\": [{\"image_id\": \"i1\", "
                + "\"can_share\": true}]}"));
        assertThat(shared).containsExactly(new SharedImage("i1", true));
    }

    @Test
    void writesMembershipBodiesAsTheServerReadsThem() {
        assertThat(new String(V1Json.memberships(List.of(new Membership("t1", true), new Membership("t2", false))),
                StandardCharsets.UTF_8)).isEqualTo("{\"memberships\":[{\"member_id\":\"t1\",\"can_share\":true},"
                + "{\"member_id\":\"t2\",\"can_share\":false}]}");
        assertThat(new String(V1Json.member(true), StandardCharsets.UTF_8))
                .isEqualTo("{\"member\":{\"can_share\":true}}");
    }

    @Test
    void wrongShapesAreReportedNotGuessed() {
        assertThatThrownBy(() -> V1Json.image(utf8("{\"images\": []}"))).isInstanceOf(ImageSdkClientException.class)
                .hasMessageContaining("\"image\"");
        assertThatThrownBy(() -> V1Json.images(utf8("<html>"))).isInstanceOf(ImageSdkClientException.class);
        assertThatThrownBy(() -> V1Json.image(utf8("{\"image\": {\"name\": \"no id\"}}")))
                .isInstanceOf(ImageSdkClientException.class).hasMessageContaining("id");
    }
}
