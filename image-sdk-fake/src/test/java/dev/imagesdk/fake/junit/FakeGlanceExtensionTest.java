package dev.imagesdk.fake.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesdk.fake.FakeGlance;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FakeGlanceExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FakeGlanceExtensionTest {
    private static FakeGlance fromBeforeAll;

    @BeforeAll
    static void captured(FakeGlance fake) {
        fromBeforeAll = fake;
    }

    @Test
    @Order(1)
    void injectsAStartedFakeOnLoopbackWithAnEphemeralPort(FakeGlance fake) {
        assertThat(fake).isSameAs(fromBeforeAll);
        assertThat(fake.url().getHost()).isEqualTo("127.0.0.1");
        assertThat(fake.port()).isPositive();
        fake.seedImage("demo", Map.of("name", "left-over"), null);
        assertThat(fake.images()).hasSize(1);
    }

    @Test
    @Order(2)
    void resetsStateBetweenTests(FakeGlance fake) {
        assertThat(fake).isSameAs(fromBeforeAll);
        assertThat(fake.images()).isEmpty();
        assertThat(fake.requests()).isEmpty();
    }
}
