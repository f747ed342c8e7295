package dev.imagesdk.internal.http;

import dev.imagesdk.exception.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PathSegmentTest {

    @Test
    void keepsUnreservedCharactersAsTheyAre() {
        assertThat(PathSegment.encode("imageId", "3f2a-b_c.d~E9")).isEqualTo("3f2a-b_c.d~E9");
    }

    @Test
    void encodesPercentSoAnEncodedLookingValueIsNotDecodedIntoAnother() {
        assertThat(PathSegment.encode("tag", "%41bc")).isEqualTo("%2541bc");
    }

    @Test
    void encodesSlashQueryFragmentSpaceAndLineBreaks() {
        assertThat(PathSegment.encode("tag", "a/b?c#d e\r\nf")).isEqualTo("a%2Fb%3Fc%23d%20e%0D%0Af");
    }

    @Test
    void encodesReservedSubDelimitersAndColons() {
        assertThat(PathSegment.encode("tag", ";=,+&:@!$'()*")).isEqualTo("%3B%3D%2C%2B%26%3A%40%21%24%27%28%29%2A");
    }

    @Test
    void encodesUnicodeAsUtf8Bytes() {
        assertThat(PathSegment.encode("tag", "ä€😀")).isEqualTo("%C3%A4%E2%82%AC%F0%9F%98%80");
    }

    @Test
    void refusesWholeDotSegmentsBecauseNormalisingProxiesDecodePercent2EAndResolveThem() {
        assertThatThrownBy(() -> PathSegment.encode("tag", "."))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("tag"));
        assertThatThrownBy(() -> PathSegment.encode("tag", ".."))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("tag"));
    }

    @Test
    void keepsDotsInsideALongerValueInItsSegment() {
        assertThat(PathSegment.encode("tag", "...")).isEqualTo("...");
        assertThat(PathSegment.encode("tag", "..%2F..%2Fother")).isEqualTo("..%252F..%252Fother");
        assertThat(PathSegment.encode("tag", "../x")).isEqualTo("..%2Fx");
    }

    @Test
    void hostileValueStaysOneSegmentThatDecodesBackToTheValue() {
        String hostile = "../%2F..?x=1#frag /ä";
        String path = "/v2/images/" + PathSegment.encode("tag", hostile) + "/tags";
        URI uri = URI.create("http://127.0.0.1" + path).normalize();
        assertThat(uri.getRawQuery()).isNull();
        assertThat(uri.getRawFragment()).isNull();
        String[] segments = uri.getRawPath().split("/");
        assertThat(segments).hasSize(5);
        assertThat(URI.create("http://h/" + segments[3]).getPath()).isEqualTo("/" + hostile);
    }

    @Test
    void refusesEmptyBlankAndMissingValuesNamingTheField() {
        assertThatThrownBy(() -> PathSegment.encode("memberId", null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("memberId");
        assertThatThrownBy(() -> PathSegment.encode("memberId", ""))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("memberId");
        assertThatThrownBy(() -> PathSegment.encode("tag", " \t"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("tag"));
    }

    @Test
    void refusesValuesLongerThanTheLimit() {
        assertThat(PathSegment.encode("tag", "x".repeat(255))).hasSize(255);
        assertThatThrownBy(() -> PathSegment.encode("tag", "x".repeat(256)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at most 255");
        assertThat(PathSegment.encode("namespace", "y".repeat(1000), 1000)).hasSize(1000);
        assertThatThrownBy(() -> PathSegment.encode("imageId", "z".repeat(37), 36))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("imageId");
    }
}
