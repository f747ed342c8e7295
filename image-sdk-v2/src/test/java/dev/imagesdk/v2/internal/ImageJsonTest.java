package dev.imagesdk.v2.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.ImageStatus;
import dev.imagesdk.model.Visibility;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageJsonTest {

    @Test
    void parsesEveryFieldOfAnActiveImage() {
        Image img = ImageJson.toImage(Transcripts.json("image-active.json"));
        assertThat(img.id()).isEqualTo("d63ff38b-68c1-49d6-93fb-96740f4fbd4e");
        assertThat(img.name()).isEqualTo("http-sample");
        assertThat(img.diskFormat()).isEqualTo(DiskFormat.RAW);
        assertThat(img.containerFormat()).isEqualTo(ContainerFormat.BARE);
        assertThat(img.visibility()).isEqualTo(Visibility.PRIVATE);
        assertThat(img.size()).isEqualTo(3145745L);
        assertThat(img.virtualSize()).isEqualTo(3145745L);
        assertThat(img.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(img.checksum()).isEqualTo("e25d35a13a091baec9e18772e8bf0014");
        assertThat(img.isProtected()).isFalse();
        assertThat(img.minRam()).isEqualTo(64);
        assertThat(img.minDisk()).isEqualTo(1);
        assertThat(img.owner()).isEqualTo("e9462ccea8e0460ba5486383f6cc15bf");
        assertThat(img.osHidden()).isFalse();
        assertThat(img.osHashAlgo()).isEqualTo("sha512");
        assertThat(img.osHashValue()).startsWith("797b032361c3496968993bac0ab5b91f").hasSize(128);
        assertThat(img.createdAt()).isEqualTo(Instant.parse("2026-11-22T19:38:14Z"));
        assertThat(img.updatedAt()).isEqualTo(Instant.parse("2026-11-22T19:38:14Z"));
        assertThat(img.tags()).containsExactly("sample");
        assertThat(img.self()).isEqualTo("/v2/images/d63ff38b-68c1-49d6-93fb-96740f4fbd4e");
        assertThat(img.file()).isEqualTo("/v2/images/d63ff38b-68c1-49d6-93fb-96740f4fbd4e/file");
        assertThat(img.schema()).isEqualTo("/v2/schemas/image");
        assertThat(img.stores()).containsExactly("file1");
        assertThat(img.properties()).containsExactly(Map.entry("os_distro", "debian"), Map.entry("lab_key", "one"));
        assertThat(img.isPublic()).isNull();
        assertThat(img.deleted()).isNull();
        assertThat(img.locations()).isEmpty();
    }

    @Test
    void queuedImageHasNullsNotMadeUpDefaults() {
        Image img = ImageJson.toImage(Transcripts.json("image-created.json"));
        assertThat(img.status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(img.size()).isNull();
        assertThat(img.virtualSize()).isNull();
        assertThat(img.checksum()).isNull();
        assertThat(img.osHashAlgo()).isNull();
        assertThat(img.osHashValue()).isNull();
        assertThat(img.stores()).isEmpty();
        assertThat(img.properties()).containsOnlyKeys("os_distro", "lab_key");
    }

    @Test
    void splitsCommaSeparatedStores() {
        Image img = ImageJson.toImage(Transcripts.json("image-copied.json"));
        assertThat(img.stores()).containsExactly("file1", "file2");
    }

    @Test
    void keepsReservedImportPropertiesAsReported() {
        Image img = ImageJson.toImage(Transcripts.json("image-imported.json"));
        assertThat(img.properties()).containsEntry("os_glance_importing_to_stores", "")
                .containsEntry("os_glance_failed_import", "");
        assertThat(img.status()).isEqualTo(ImageStatus.ACTIVE);
    }

    @Test
    void unknownStatusAndFormatsAreKeptVerbatim() {
        ObjectNode n = (ObjectNode) Transcripts.json("image-active.json");
        n.put("status", "frozen").put("disk_format", "qed").put("visibility", "galactic");
        Image img = ImageJson.toImage(n);
        assertThat(img.status().value()).isEqualTo("frozen");
        assertThat(img.status().isKnown()).isFalse();
        assertThat(img.diskFormat().value()).isEqualTo("qed");
        assertThat(img.visibility().value()).isEqualTo("galactic");
    }

    @Test
    void parsesLocationsAndNonStringPropertyValues() {
        ObjectNode n = (ObjectNode) Transcripts.json("image-active.json");
        n.putArray("locations").addObject().put("url", "file:///var/lib/glance/images/x")
                .putObject("metadata").put("store", "file1");
        n.put("direct_url", "file:///var/lib/glance/images/x");
        n.put("weird_number", 42);
        Image img = ImageJson.toImage(n);
        assertThat(img.locations()).hasSize(1);
        assertThat(img.locations().get(0).url()).isEqualTo("file:///var/lib/glance/images/x");
        assertThat(img.locations().get(0).metadata()).containsEntry("store", "file1");
        assertThat(img.directUrl()).isEqualTo("file:///var/lib/glance/images/x");
        assertThat(img.properties()).containsEntry("weird_number", "42");
    }

    @Test
    void streamingParseOfTheBodyEqualsTheTreeParse() throws Exception {
        ObjectNode n = (ObjectNode) Transcripts.json("image-active.json");
        n.putArray("locations").addObject().put("url", "file:///x").putObject("metadata").put("store", "file1");
        n.put("weird_number", 42);
        n.putObject("nested_prop").put("a", 1);
        n.putNull("dropped_prop");
        Image fromTree = ImageJson.toImage(n);
        Image fromStream = ImageJson.readImage(n.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(fromStream).usingRecursiveComparison().isEqualTo(fromTree);
        assertThat(fromStream.properties()).containsEntry("weird_number", "42")
                .containsEntry("nested_prop", "{\"a\":1}").doesNotContainKey("dropped_prop");
    }

    @Test
    void streamingParseOfAnEmptyOrNonObjectBodyIsATypedError() {
        assertThatThrownBy(() -> ImageJson.readImage(new byte[0]))
                .isInstanceOf(ImageSdkClientException.class).hasMessageContaining("got nothing");
        assertThatThrownBy(() -> ImageJson.readImage("[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ImageSdkClientException.class).hasMessageContaining("ARRAY");
    }

    @Test
    void streamingPageParseReadsEveryImageAndTheNextLink() throws Exception {
        JsonNode img = Transcripts.json("image-active.json");
        String body = "{\"first\":\"/v2/images\",\"images\":[" + img + "," + img + "],\"schema\":{\"x\":[1]},"
                + "\"next\":\"/v2/images?marker=abc\"}";
        ImageJson.ImagePage page = ImageJson.readPage(body.getBytes(StandardCharsets.UTF_8));
        assertThat(page.imagesOrNull()).hasSize(2);
        assertThat(page.imagesOrNull().get(1)).usingRecursiveComparison().isEqualTo(ImageJson.toImage(img));
        assertThat(page.nextOrNull()).isEqualTo("/v2/images?marker=abc");
        ImageJson.ImagePage noArray = ImageJson.readPage("{\"images\":{}}".getBytes(StandardCharsets.UTF_8));
        assertThat(noArray.imagesOrNull()).isNull();
    }

    @Test
    void theFastUtcPathAgreesWithInstantParseAndLeavesEveryOtherSpellingToIt() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        for (int i = 0; i < 2000; i++) {
            Instant t = Instant.ofEpochSecond(rnd.nextLong(-62_000_000_000L, 253_000_000_000L));
            String s = t.toString();
            assertThat(ImageJson.parseInstant("t", s)).as(s).isEqualTo(Instant.parse(s));
        }
        // Not Glance's plain form: the fast path declines, the general parsers decide.
        assertThat(ImageJson.utcSeconds("2026-11-22T19:38:16.5Z")).isNull();
        assertThat(ImageJson.utcSeconds("2026-11-22T19:38:16+01:00")).isNull();
        assertThat(ImageJson.utcSeconds("2026-02-30T00:00:00Z")).isNull();
        assertThat(ImageJson.utcSeconds("2026-1a-22T19:38:16Z")).isNull();
        assertThat(ImageJson.parseInstant("t", "2026-11-22T19:38:16+01:00"))
                .isEqualTo(Instant.parse("2026-11-22T18:38:16Z"));
        assertThatThrownBy(() -> ImageJson.parseInstant("created_at", "2026-02-30T00:00:00Z"))
                .hasMessageContaining("created_at='2026-02-30T00:00:00Z'");
    }

    @Test
    void acceptsTimestampsWithOffsetOrWithoutZone() {
        assertThat(ImageJson.parseInstant("t", "2026-11-22T19:38:16.085702"))
                .isEqualTo(Instant.parse("2026-11-22T19:38:16.085702Z"));
        assertThat(ImageJson.parseInstant("t", "2026-11-22T20:38:16+01:00"))
                .isEqualTo(Instant.parse("2026-11-22T19:38:16Z"));
    }

    @Test
    void malformedTimestampIsATypedError() {
        ObjectNode n = (ObjectNode) Transcripts.json("image-active.json");
        n.put("created_at", "yesterday");
        assertThatThrownBy(() -> ImageJson.toImage(n)).isInstanceOf(ImageSdkClientException.class)
                .hasMessageContaining("created_at").hasMessageContaining("yesterday");
    }

    @Test
    void imageWithoutIdIsATypedError() {
        ObjectNode n = (ObjectNode) Transcripts.json("image-active.json");
        n.remove("id");
        assertThatThrownBy(() -> ImageJson.toImage(n)).isInstanceOf(ImageSdkClientException.class)
                .hasMessageContaining("no id");
    }

    @Test
    void createBodyCarriesEveryFieldAndTheClientId() {
        ImageSpec spec = ImageSpec.builder().name("http-sample").diskFormat(DiskFormat.RAW)
                .containerFormat(ContainerFormat.BARE).visibility(Visibility.PRIVATE).minDisk(1).minRam(64)
                .tag("sample").property("os_distro", "debian").property("lab_key", "one").build();
        JsonNode body = ImageJson.createBody(spec, "d63ff38b-68c1-49d6-93fb-96740f4fbd4e");
        assertThat(body.toString()).isEqualTo("{\"id\":\"d63ff38b-68c1-49d6-93fb-96740f4fbd4e\","
                + "\"name\":\"http-sample\",\"disk_format\":\"raw\",\"container_format\":\"bare\","
                + "\"visibility\":\"private\",\"min_disk\":1,\"min_ram\":64,\"tags\":[\"sample\"],"
                + "\"os_distro\":\"debian\",\"lab_key\":\"one\"}");
    }

    @Test
    void createBodyOfAMinimalSpecHasOnlyIdAndName() {
        JsonNode body = ImageJson.createBody(ImageSpec.builder().name("n").build(), "x");
        assertThat(body.toString()).isEqualTo("{\"id\":\"x\",\"name\":\"n\"}");
    }

    @Test
    void createBodyIncludesProtectedAndHidden() {
        JsonNode body = ImageJson.createBody(ImageSpec.builder().isProtected(true).osHidden(false).build(), "x");
        assertThat(body.get("protected").booleanValue()).isTrue();
        assertThat(body.get("os_hidden").booleanValue()).isFalse();
    }

    @Test
    void idForUsesTheSpecIdElseAFreshUuid() {
        String given = "0dfeb241-e5b4-4562-bdce-8af0bf22b083";
        assertThat(ImageJson.idFor(ImageSpec.builder().id(given).build())).isEqualTo(given);
        String a = ImageJson.idFor(ImageSpec.builder().build());
        String b = ImageJson.idFor(ImageSpec.builder().build());
        assertThat(a).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}").isNotEqualTo(b);
    }

    @Test
    void reservedPropertyNamesAreRefusedByTheModelBeforeTheWire() {
        assertThatThrownBy(() -> ImageSpec.builder().property("os_glance_foo", "x"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("os_glance_foo");
        assertThatThrownBy(() -> ImageSpec.builder().property("checksum", "x"))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void storesSplitIgnoresBlanks() {
        assertThat(ImageJson.stores(" a, ,b ")).isEqualTo(List.of("a", "b"));
        assertThat(ImageJson.stores("")).isEmpty();
        assertThat(ImageJson.stores(null)).isEmpty();
    }
}
