package dev.imagesdk.internal.http;

import dev.imagesdk.exception.NotFoundException;
import org.junit.jupiter.api.Test;

import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BuildOverlapTest {

    @Test
    void startedWorkHandsBackItsResultOrItsOwnException() {
        Supplier<String> value = BuildOverlap.start("t-value", () -> Thread.currentThread().getName());
        Supplier<String> failure = BuildOverlap.start("t-failure", () -> {
            throw new NotFoundException("no version document", null);
        });

        assertThat(value.get()).isEqualTo("t-value");
        assertThatThrownBy(failure::get).isInstanceOf(NotFoundException.class).hasMessageContaining("no version document");
    }
}
