package dev.imagesdk.v1.internal;

import dev.imagesdk.exception.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class V1PropertyNamesTest {

    @Test
    void namesV1KeepsArePassed() {
        assertThat(V1PropertyNames.report(List.of("architecture", "com.hp__1__image_type", "hw_disk_bus",
                "com.hp__1__os_distro", "x.y_z9"))).isEmpty();
    }

    @Test
    void reportSaysWhatGlanceWouldStoreForEachLossyName() {
        List<V1PropertyNames.Issue> issues = V1PropertyNames.report(List.of("ok", "OS-Distro", "Arch", "a-b"));
        assertThat(issues).extracting(V1PropertyNames.Issue::name).containsExactly("OS-Distro", "Arch", "a-b");
        assertThat(issues).extracting(V1PropertyNames.Issue::storedAs).containsExactly("os_distro", "arch", "a_b");
        assertThat(issues.get(0).reason()).contains("upper-case").contains("'-'");
        assertThat(issues.get(1).reason()).contains("upper-case").doesNotContain("'-'");
        assertThat(issues.get(2).reason()).contains("'-'").doesNotContain("upper-case");
    }

    @Test
    void namesThatCannotBeHeaderNamesAreReportedWithoutAStoredForm() {
        V1PropertyNames.Issue space = V1PropertyNames.issue("my prop");
        assertThat(space.storedAs()).isNull();
        assertThat(space.reason()).contains("' '");
        assertThat(V1PropertyNames.issue("café").storedAs()).isNull();
    }

    @Test
    void checkThrowsNamingTheFirstAndListingAll() {
        assertThatThrownBy(() -> V1PropertyNames.check(List.of("fine", "Foo-Bar", "x-y")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("property name");
                    assertThat(e.value()).isEqualTo("Foo-Bar");
                    assertThat(e.getMessage()).contains("'Foo-Bar'").contains("'foo_bar'")
                            .contains("'x-y'").contains("'x_y'").contains("2 of the property names");
                });
    }
}
