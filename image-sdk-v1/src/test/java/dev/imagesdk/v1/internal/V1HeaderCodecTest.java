package dev.imagesdk.v1.internal;

import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.model.Architecture;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageProperties;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.ImageStatus;
import dev.imagesdk.model.ImageUpdate;
import dev.imagesdk.model.Visibility;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class V1HeaderCodecTest {

    private static final String ID = "8d1ba046-b06e-425d-b867-7b8c960ddaaa";
    private static final Set<String> WHITELIST = Stream.of(V1Field.values()).map(V1Field::header)
            .collect(Collectors.toSet());

    /** What a v1 server echoes: the request's headers plus the ones it sets itself. */
    private static Map<String, List<String>> echo(Map<String, String> sent, Map<String, String> serverSet) {
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        sent.forEach((k, v) -> h.put(k, List.of(v)));
        serverSet.forEach((k, v) -> h.put(k, List.of(v)));
        return h;
    }

    private static ImageSpec fullSpec() {
        return ImageSpec.builder()
                .name("Débian 12 — café")
                .diskFormat(DiskFormat.QCOW2)
                .containerFormat(ContainerFormat.BARE)
                .visibility(Visibility.PUBLIC)
                .isProtected(true)
                .minDisk(10)
                .minRam(512)
                .property(ImageProperties.architecture(Architecture.X86_64))
                .property("description", "Ein Abbild für Bäume 🌲")
                .property("com.hp__1__os_distro", "org.debian")
                .property("note", "100% ready")
                .build();
    }

    @Test
    void everyTypedFieldAndPropertySurvivesARoundTrip() {
        ImageSpec spec = fullSpec();
        Map<String, String> sent = V1HeaderCodec.forCreate(spec,
                new V1HeaderCodec.CreateExtras(ID, 456L, "fcb3450fb99fd160f6567df398921aed", null, null));

        Image back = V1HeaderCodec.decode(echo(sent, Map.of(
                "X-Image-Meta-Status", "active",
                "X-Image-Meta-Owner", "123456",
                "X-Image-Meta-Deleted", "False",
                "X-Image-Meta-Created_at", "2013-05-24T11:44:48.000000",
                "X-Image-Meta-Updated_at", "2013-05-24T11:44:49",
                "X-Image-Meta-Virtual_size", "1073741824")));

        assertThat(back.id()).isEqualTo(ID);
        assertThat(back.name()).isEqualTo(spec.name());
        assertThat(back.diskFormat()).isEqualTo(DiskFormat.QCOW2);
        assertThat(back.containerFormat()).isEqualTo(ContainerFormat.BARE);
        assertThat(back.isPublic()).isTrue();
        assertThat(back.visibility()).isEqualTo(Visibility.PUBLIC);
        assertThat(back.isProtected()).isTrue();
        assertThat(back.minDisk()).isEqualTo(10);
        assertThat(back.minRam()).isEqualTo(512);
        assertThat(back.size()).isEqualTo(456L);
        assertThat(back.checksum()).isEqualTo("fcb3450fb99fd160f6567df398921aed");
        assertThat(back.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(back.owner()).isEqualTo("123456");
        assertThat(back.deleted()).isFalse();
        assertThat(back.virtualSize()).isEqualTo(1073741824L);
        assertThat(back.createdAt()).isEqualTo(Instant.parse("2013-05-24T11:44:48Z"));
        assertThat(back.updatedAt()).isEqualTo(Instant.parse("2013-05-24T11:44:49Z"));
        assertThat(back.properties()).isEqualTo(spec.properties());
        assertThat(back.property(ImageProperties.ARCHITECTURE)).contains(Architecture.X86_64);
    }

    @Test
    void privateAndSharedBothMeanNotPublicAndReadBackAsPrivate() {
        for (Visibility v : List.of(Visibility.PRIVATE, Visibility.SHARED)) {
            Map<String, String> sent = V1HeaderCodec.forCreate(ImageSpec.builder().visibility(v).build(),
                    V1HeaderCodec.CreateExtras.id(ID));
            assertThat(sent).containsEntry("x-image-meta-is_public", "False");
            Image back = V1HeaderCodec.decode(echo(sent, Map.of()));
            assertThat(back.isPublic()).isFalse();
            assertThat(back.visibility()).isEqualTo(Visibility.PRIVATE);
        }
    }

    @Test
    void nonAsciiValuesTravelPercentEncodedAndAsciiOnly() {
        Map<String, String> sent = V1HeaderCodec.forCreate(fullSpec(), V1HeaderCodec.CreateExtras.id(ID));
        assertThat(sent).containsEntry("x-image-meta-name", "D%C3%A9bian 12 %E2%80%94 caf%C3%A9");
        assertThat(sent).containsEntry("x-image-meta-property-description",
                "Ein Abbild f%C3%BCr B%C3%A4ume %F0%9F%8C%B2");
        assertThat(sent).containsEntry("x-image-meta-property-note", "100% ready");
        assertThat(sent.values()).allSatisfy(v -> assertThat(v).matches("[\\x20-\\x7e]*"));
    }

    @Test
    void onlyWhitelistedAttributeHeadersAreEverWritten() {
        Map<String, String> create = V1HeaderCodec.forCreate(fullSpec(),
                new V1HeaderCodec.CreateExtras(ID, 1L, "fcb3450fb99fd160f6567df398921aed", null, "swift://x/y"));
        Map<String, String> update = V1HeaderCodec.forUpdate(ImageUpdate.builder().name("n").minRam(1).minDisk(2)
                .isProtected(false).visibility(Visibility.PUBLIC).diskFormat(DiskFormat.RAW)
                .containerFormat(ContainerFormat.OVF).property("k", "v").build());
        List<String> names = new ArrayList<>(create.keySet());
        names.addAll(update.keySet());
        assertThat(names).allSatisfy(n -> {
            assertThat(n).isEqualTo(n.toLowerCase(Locale.ROOT));
            if (n.startsWith("x-image-meta-") && !n.startsWith("x-image-meta-property-")) {
                assertThat(WHITELIST).contains(n);
            }
        });
    }

    @Test
    void createCarriesSizeChecksumLocationAndCopyFromOnlyWhenGiven() {
        Map<String, String> bare = V1HeaderCodec.forCreate(ImageSpec.builder().name("x").build(),
                V1HeaderCodec.CreateExtras.id(ID));
        assertThat(bare).containsOnlyKeys("x-image-meta-id", "x-image-meta-name");

        Map<String, String> full = V1HeaderCodec.forCreate(ImageSpec.builder().name("x").build(),
                new V1HeaderCodec.CreateExtras(ID, 42L, "0123456789abcdef0123456789abcdef",
                        "http://example.com/image.qcow2", "swift://acct/container/obj"));
        assertThat(full).containsEntry("x-image-meta-size", "42")
                .containsEntry("x-image-meta-checksum", "0123456789abcdef0123456789abcdef")
                .containsEntry("x-image-meta-location", "swift://acct/container/obj")
                .containsEntry("x-glance-api-copy-from", "http://example.com/image.qcow2");
    }

    @Test
    void partialUpdatesNeverSendPurgePropsTrue() {
        List<ImageUpdate> partial = List.of(
                ImageUpdate.builder().property("com.hp__1__image_type", "disk").build(),
                ImageUpdate.builder().name("x").build(),
                ImageUpdate.builder().visibility(Visibility.PUBLIC).build(),
                ImageUpdate.builder().isProtected(true).minRam(1).build(),
                ImageUpdate.builder().build());
        for (ImageUpdate u : partial) {
            assertThat(V1HeaderCodec.forUpdate(u)).as(u.toString())
                    .containsEntry("x-glance-registry-purge-props", "False");
        }
    }

    @Test
    void replaceAllPropertiesSendsPurgePropsTrue() {
        Map<String, String> h = V1HeaderCodec.forUpdate(ImageUpdate.builder().property("a", "1")
                .replaceAllProperties().build());
        assertThat(h).containsEntry("x-glance-registry-purge-props", "True")
                .containsEntry("x-image-meta-property-a", "1");
    }

    @Test
    void updateWritesEveryTypedField() {
        Map<String, String> h = V1HeaderCodec.forUpdate(ImageUpdate.builder().name("n").minRam(1).minDisk(2)
                .isProtected(false).visibility(Visibility.PRIVATE).diskFormat(DiskFormat.RAW)
                .containerFormat(ContainerFormat.OVF).build());
        assertThat(h).containsEntry("x-image-meta-name", "n").containsEntry("x-image-meta-min_ram", "1")
                .containsEntry("x-image-meta-min_disk", "2").containsEntry("x-image-meta-protected", "False")
                .containsEntry("x-image-meta-is_public", "False").containsEntry("x-image-meta-disk_format", "raw")
                .containsEntry("x-image-meta-container_format", "ovf");
    }

    @Test
    void whatV1CannotExpressIsRefusedNotDropped() {
        assertThatThrownBy(() -> V1HeaderCodec.forCreate(ImageSpec.builder().tag("t").build(),
                V1HeaderCodec.CreateExtras.id(ID))).isInstanceOf(InvalidInputException.class).hasMessageContaining("tags");
        assertThatThrownBy(() -> V1HeaderCodec.forCreate(ImageSpec.builder().osHidden(true).build(),
                V1HeaderCodec.CreateExtras.id(ID))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("os_hidden");
        assertThatThrownBy(() -> V1HeaderCodec.forCreate(ImageSpec.builder().visibility(Visibility.COMMUNITY).build(),
                V1HeaderCodec.CreateExtras.id(ID))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("community");
        assertThatThrownBy(() -> V1HeaderCodec.forUpdate(ImageUpdate.builder().addTag("t").build()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("tags");
    }

    @Test
    void lossyPropertyNamesAreRefusedWithTheNormalisationReport() {
        assertThatThrownBy(() -> V1HeaderCodec.forCreate(ImageSpec.builder().property("OS-Type", "linux").build(),
                V1HeaderCodec.CreateExtras.id(ID)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.value()).isEqualTo("OS-Type");
                    assertThat(e.getMessage()).contains("'os_type'");
                });
        assertThatThrownBy(() -> V1HeaderCodec.forUpdate(ImageUpdate.builder().property("Arch", "x").build()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'arch'");
    }

    @Test
    void valuesTooLongForOneHeaderLineAreRefusedNamingTheProperty() {
        String fits = "x".repeat(16384 - "x-image-meta-property-d: ".length());
        assertThat(V1HeaderCodec.forUpdate(ImageUpdate.builder().property("d", fits).build()))
                .containsEntry("x-image-meta-property-d", fits);
        // Non-ASCII text triples in size when percent-encoded.
        String tooLong = "é".repeat(3000);
        assertThatThrownBy(() -> V1HeaderCodec.forCreate(ImageSpec.builder().property("description", tooLong).build(),
                V1HeaderCodec.CreateExtras.id(ID)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("description");
                    assertThat(e.getMessage()).contains("at most 16384 bytes").contains("needs 18035");
                });
    }

    @Test
    void decodeReadsHeaderNamesInAnyCaseAndIgnoresOthers() {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put(null, List.of("HTTP/1.1 200 OK"));
        h.put("X-IMAGE-META-ID", List.of(ID));
        h.put("x-image-meta-is-public", List.of("true"));
        h.put("X-Image-Meta-Property-com.hp__1__image_type", List.of("disk"));
        h.put("X-Image-Meta-Deleted_at", List.of("None"));
        h.put("Content-Length", List.of("0"));
        h.put("ETag", List.of("abc"));
        Image image = V1HeaderCodec.decode(h);
        assertThat(image.id()).isEqualTo(ID);
        assertThat(image.isPublic()).isTrue();
        assertThat(image.deletedAt()).isNull();
        assertThat(image.properties()).containsExactly(Map.entry("com.hp__1__image_type", "disk"));
    }

    @Test
    void decodeRefusesMalformedResponses() {
        assertThatThrownBy(() -> V1HeaderCodec.decode(Map.of("x-image-meta-name", List.of("n"))))
                .isInstanceOf(ImageSdkClientException.class).hasMessageContaining("x-image-meta-id");
        assertThatThrownBy(() -> V1HeaderCodec.decode(Map.of("x-image-meta-id", List.of(ID),
                "x-image-meta-size", List.of("-3")))).isInstanceOf(ImageSdkClientException.class)
                .hasMessageContaining("size");
    }
}
