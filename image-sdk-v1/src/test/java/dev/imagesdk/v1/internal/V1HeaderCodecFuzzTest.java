package dev.imagesdk.v1.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.ImageUpdate;
import dev.imagesdk.testsupport.Fuzz;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the v1 header codec: response headers with random names and values must decode to an image or
 * a typed error; random specs and updates must encode to headers (or be refused as invalid input), and
 * what is encoded must decode to the same name and property values.
 */
class V1HeaderCodecFuzzTest {
    private static final List<String> FIELDS = List.of("id", "name", "status", "is_public", "protected", "deleted",
            "disk_format", "container_format", "size", "virtual_size", "checksum", "min_ram", "min_disk", "owner",
            "location", "created_at", "updated_at", "deleted_at", "store", "copy_from");
    private static final String[] VALUES = {"True", "False", "None", "0", "123", "-5", "4294967296",
            "2026-11-23T19:38:14.000000", "2026-11-23T19:38:14", "active", "raw", "bare", "%E2%82%AC", "%",
            "caf%C3%A9", "a%20b"};

    @Test
    void responseHeadersDecodeToAnImageOrATypedError() throws Exception {
        long seed = Fuzz.seed(30_001);
        Fuzz fuzz = new Fuzz(seed, ImageSdkException.class);
        List<String> findings = fuzz.run("v1-header-decode", seed, 30_000, () -> {
            Map<String, List<String>> h = new LinkedHashMap<>();
            if (fuzz.chance(90)) {
                h.put("x-image-meta-id", List.of(fuzz.chance(80) ? UUID.randomUUID().toString() : fuzz.string()));
            }
            for (int i = fuzz.nextInt(8); i > 0; i--) {
                String name = fuzz.chance(60) ? "x-image-meta-" + fuzz.pick(FIELDS)
                        : fuzz.chance(70) ? "x-image-meta-property-" + fuzz.string("arch", "os_distro", "a%20b")
                        : fuzz.string("x-image-meta-", "X-Image-Meta-Name", "etag");
                String value = fuzz.string(VALUES);
                h.put(fuzz.chance(20) ? name.toUpperCase(Locale.ROOT) : name, List.of(value));
            }
            return h;
        }, h -> assertThat(V1HeaderCodec.decode(h).id()).isNotNull());
        assertThat(findings).isEmpty();
    }

    record SpecInput(String name, Map<String, String> properties) {
    }

    @Test
    void encodedSpecsDecodeToTheSameNameAndProperties() throws Exception {
        long seed = Fuzz.seed(30_002);
        Fuzz fuzz = new Fuzz(seed, ImageSdkException.class);
        List<String> findings = fuzz.run("v1-header-roundtrip", seed, 20_000, () -> {
            String name = fuzz.string("ubuntu", "image one", "café");
            Map<String, String> props = new LinkedHashMap<>();
            for (int i = fuzz.nextInt(4); i > 0; i--) {
                props.put(fuzz.string("arch", "os_distro", "hw_disk_bus").toLowerCase(Locale.ROOT),
                        fuzz.string(VALUES));
            }
            return new SpecInput(name, props);
        }, in -> {
            String name = in.name();
            Map<String, String> props = in.properties();
            ImageSpec spec = ImageSpec.builder().name(name).properties(props).build();
            String id = UUID.randomUUID().toString();
            Map<String, String> sent = V1HeaderCodec.forCreate(spec, V1HeaderCodec.CreateExtras.id(id));
            Map<String, List<String>> echoed = new LinkedHashMap<>();
            sent.forEach((k, v) -> echoed.put(k, List.of(v)));
            Image back = V1HeaderCodec.decode(echoed);
            assertThat(back.id()).isEqualTo(id);
            assertThat(back.name()).isEqualTo(name);
            assertThat(back.properties()).containsAllEntriesOf(props);
        });
        assertThat(findings).isEmpty();
    }

    @Test
    void randomUpdatesEncodeOrAreRefusedAsInvalidInput() throws Exception {
        long seed = Fuzz.seed(30_003);
        Fuzz fuzz = new Fuzz(seed, ImageSdkException.class);
        List<String> findings = fuzz.run("v1-header-update", seed, 20_000, () -> fuzz.random().nextLong(), s -> {
            Fuzz f = new Fuzz(s, ImageSdkException.class);
            ImageUpdate.Builder u = ImageUpdate.builder();
            if (f.chance(50)) {
                u.name(f.string("renamed"));
            }
            for (int i = f.nextInt(4); i > 0; i--) {
                if (f.chance(70)) {
                    u.property(f.string("arch", "os_distro"), f.string(VALUES));
                } else {
                    u.removeProperty(f.string("arch", "os_distro"));
                }
            }
            if (f.chance(20)) {
                u.replaceAllProperties();
            }
            Map<String, String> h = V1HeaderCodec.forUpdate(u.build());
            h.forEach((k, v) -> {
                assertThat(k).doesNotContain("\r", "\n");
                assertThat(v).doesNotContain("\r", "\n");
            });
        });
        assertThat(findings).isEmpty();
    }
}
