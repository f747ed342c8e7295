package dev.imagesdk.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReportFloorTest {

    @Test
    void theCoresBoundWallIsTheRunsCpuSharedOverTheCoresAgainstTheBaselinesWallPerRound() {
        Results r = new Results();
        r.add("regions", "reg-pub3", Map.of("round", "0", "cpu_s", "5.0", "server_cpu_s", "1.0", "wall_s", "3.4"));
        r.add("regions", "reg-one", Map.of("round", "0", "cpu_s", "3.8", "server_cpu_s", "0.5", "wall_s", "2.0"));
        r.add("regions", "reg-one", Map.of("round", "1", "cpu_s", "3.8", "server_cpu_s", "0.5", "wall_s", "2.5"));
        r.add("regions", "reg-pub3", Map.of("round", "1", "cpu_s", "4.0", "server_cpu_s", "1.0", "wall_s", "3.0"));
        r.add("regions", "reg-pub3", Map.of("round", "2", "cpu_s", "4.0", "error", "boom"));
        r.add("regions", "reg-one", Map.of("round", "2", "cpu_s", "3.8", "server_cpu_s", "0.5", "wall_s", "2.5"));

        assertThat(Report.coresBoundWall(r, "regions", "reg-pub3", "reg-one", 2))
                .satisfiesExactly(
                        first -> assertThat(first).isCloseTo((5.0 + 1.0) / 2 / 2.0, within(1e-9)),
                        second -> assertThat(second).isCloseTo((4.0 + 1.0) / 2 / 2.5, within(1e-9)));
    }
}
