package dev.imagesdk.v1.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Regressions found by {@link V1HeaderCodecFuzzTest} (seed 30002): values and names that did not round-trip. */
class V1RoundTripRegressionTest {

    private static Image echo(ImageSpec spec) {
        Map<String, List<String>> echoed = new LinkedHashMap<>();
        V1HeaderCodec.forCreate(spec, V1HeaderCodec.CreateExtras.id("0b6e3c52-7d51-4d1b-9a4c-4a3c1d1b2e11"))
                .forEach((k, v) -> echoed.put(k, List.of(v)));
        return V1HeaderCodec.decode(echoed);
    }

    @Test
    void imageNamedNoneReadsBackAsNoneNotAsNoName() {
        assertThat(echo(ImageSpec.builder().name("None").build()).name()).isEqualTo("None");
    }

    @Test
    void noneOnTheWireIsStillAMissingValue() {
        Image i = V1HeaderCodec.decode(Map.of("x-image-meta-id", List.of("x"), "x-image-meta-name", List.of("None")));
        assertThat(i.name()).isNull();
    }

    @Test
    void propertyNameThatLooksPercentEncodedIsRefusedNotSilentlyChanged() {
        assertThatThrownBy(() -> echo(ImageSpec.builder().property("os_%00distro", "x").build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("os_%00distro").hasMessageContaining("percent-encoded");
    }

    @Test
    void propertyNameWithAPlainPercentStillTravels() {
        assertThat(echo(ImageSpec.builder().property("50%", "x").build()).properties()).containsEntry("50%", "x");
    }
}
