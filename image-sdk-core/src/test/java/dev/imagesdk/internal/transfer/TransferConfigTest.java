package dev.imagesdk.internal.transfer;

import dev.imagesdk.exception.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransferConfigTest {

    @Test
    void defaultsMatchTheMeasuredDesign() {
        TransferConfig c = TransferConfig.defaults();
        assertThat(c.bufferSize()).isEqualTo(256 * 1024);
        assertThat(c.ringSize()).isEqualTo(4);
        assertThat(c.toBuilder().build()).isEqualTo(c);
    }

    @Test
    void invalidValuesNameTheField() {
        assertThatThrownBy(() -> TransferConfig.builder().bufferSize(0).build())
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("bufferSize"));
        assertThatThrownBy(() -> TransferConfig.builder().idleTimeout(Duration.ZERO).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("idleTimeout");
        assertThatThrownBy(() -> TransferConfig.builder().maxResumes(-1).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("maxResumes");
    }

    @Test
    void downloadReadTimeoutIsTheShorterOfReadAndIdle() {
        TransferConfig c = TransferConfig.builder().readTimeout(Duration.ofSeconds(90))
                .idleTimeout(Duration.ofSeconds(10)).build();
        assertThat(c.downloadReadTimeoutMillis()).isEqualTo(10_000);
    }
}
