package dev.imagesdk.v1.internal;

import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class V1HeaderValuesTest {

    @Test
    void printableAsciiIsSentVerbatim() {
        assertThat(V1HeaderValues.encode("name", "My Custom Image")).isEqualTo("My Custom Image");
        assertThat(V1HeaderValues.encode("p", "100%")).isEqualTo("100%");
        assertThat(V1HeaderValues.encode("p", "")).isEqualTo("");
    }

    @Test
    void nonAsciiIsPercentEncodedAsUtf8() {
        assertThat(V1HeaderValues.encode("p", "café")).isEqualTo("caf%C3%A9");
        assertThat(V1HeaderValues.encode("p", "日本")).isEqualTo("%E6%97%A5%E6%9C%AC");
        assertThat(V1HeaderValues.encode("p", "100% café")).isEqualTo("100%25 caf%C3%A9");
    }

    @Test
    void asciiThatLooksEncodedIsEscapedSoItComesBackUnchanged() {
        String encoded = V1HeaderValues.encode("p", "caf%C3%A9");
        assertThat(encoded).isEqualTo("caf%25C3%25A9");
        assertThat(V1HeaderValues.decode(encoded)).isEqualTo("caf%C3%A9");
    }

    @Test
    void surroundingSpacesAndControlCharactersAreEncoded() {
        assertThat(V1HeaderValues.encode("p", " x ")).isEqualTo("%20x%20");
        assertThat(V1HeaderValues.encode("p", "a\nb")).isEqualTo("a%0Ab");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "My Custom Image", "café", "日本語の説明", "100%", "100% sure", "%41", "%zz",
            " lead", "trail ", "tab\there", "emoji \uD83D\uDE00", "a%", "%%", "", "x86_64"})
    void everyStringSurvivesARoundTrip(String value) {
        String wire = V1HeaderValues.encode("p", value);
        assertThat(wire).matches("[\\x20-\\x7e]*");
        assertThat(V1HeaderValues.decode(wire)).isEqualTo(value);
    }

    @Test
    void unpairedSurrogateIsRefusedNamingTheField() {
        assertThatThrownBy(() -> V1HeaderValues.encode("description", "bad \uD800"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("description");
    }

    @Test
    void valuesThatAreNotValidEncodingsAreReadVerbatim() {
        assertThat(V1HeaderValues.decode("50%")).isEqualTo("50%");
        assertThat(V1HeaderValues.decode("%C3")).isEqualTo("%C3"); // not valid UTF-8 on its own
    }

    @Test
    void booleansAreWrittenAsGlanceWritesThem() {
        assertThat(V1HeaderValues.bool(true)).isEqualTo("True");
        assertThat(V1HeaderValues.bool(false)).isEqualTo("False");
    }

    @Test
    void booleansAreReadInEverySpellingGlanceAccepts() {
        for (String t : new String[] {"True", "true", "TRUE", "t", "yes", "1", "on"}) {
            assertThat(V1HeaderValues.parseBool("is_public", t)).as(t).isTrue();
        }
        for (String f : new String[] {"False", "false", "f", "no", "0", "off"}) {
            assertThat(V1HeaderValues.parseBool("is_public", f)).as(f).isFalse();
        }
        assertThatThrownBy(() -> V1HeaderValues.parseBool("is_public", "maybe"))
                .isInstanceOf(ImageSdkClientException.class).hasMessageContaining("is_public");
    }
}
