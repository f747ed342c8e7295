package dev.imagesdk.bench;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

class StatsTest {

    @Test
    void medianOfOddCountIsTheMiddleValue() {
        assertThat(Stats.median(List.of(5.0, 1.0, 3.0))).hasValue(3.0);
    }

    @Test
    void medianOfEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Stats.median(List.of(4.0, 1.0, 3.0, 2.0))).hasValue(2.5);
    }

    @Test
    void medianIgnoresMissingAndNonFiniteValues() {
        assertThat(Stats.median(Arrays.asList(null, 2.0, Double.NaN, 4.0))).hasValue(3.0);
        assertThat(Stats.median(Arrays.asList((Double) null))).isEmpty();
    }

    @Test
    void minAndMaxSkipMissingValues() {
        List<Double> v = Arrays.asList(3.0, null, 1.0, 7.0);
        assertThat(Stats.min(v)).hasValue(1.0);
        assertThat(Stats.max(v)).hasValue(7.0);
    }

    @Test
    void pairedRatioIsTheMedianOfRoundByRoundRatios() {
        // rounds: 100/50=2, 90/60=1.5, 120/40=3 -> median 2 (the ratio of medians would be 100/50 = 2 too,
        // but a drifting round must not pair with another round's value)
        List<Double> a = List.of(100.0, 90.0, 120.0);
        List<Double> b = List.of(50.0, 60.0, 40.0);
        assertThat(Stats.pairedRatio(a, b)).hasValue(2.0);
    }

    @Test
    void pairedRatioSkipsRoundsWithAFailedOrZeroSide() {
        List<Double> a = Arrays.asList(10.0, null, 30.0, 5.0);
        List<Double> b = Arrays.asList(5.0, 4.0, 10.0, 0.0);
        assertThat(Stats.pairedRatio(a, b)).hasValue(2.5);
        assertThat(Stats.pairedRatio(List.of(), List.of(1.0))).isEmpty();
    }

    @Test
    void ratioIsADecimalWithThreePlacesOrNa() {
        assertThat(Stats.ratio(OptionalDouble.of(0.95))).isEqualTo("0.950");
        assertThat(Stats.ratio(OptionalDouble.of(1.23456))).isEqualTo("1.235");
        assertThat(Stats.ratio(OptionalDouble.empty())).isEqualTo("n/a");
    }

    @Test
    void resultLineKeepsKeyOrderAndHasNoSpacesInValues() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("upload_vs_raw_hashing", "0.973");
        m.put("xmx64m_4gib", "pass");
        m.put("note", "two words");
        m.put("missing", null);
        assertThat(Stats.resultLine(m))
                .isEqualTo("RESULT upload_vs_raw_hashing=0.973 xmx64m_4gib=pass note=two_words missing=n/a");
    }

    @Test
    void childLinesRoundTripThroughKeyValues() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("wall_s", 1.5);
        m.put("error", "IOException: broken pipe");
        String line = KeyValues.format("MEASURE", m);
        assertThat(KeyValues.parse("MEASURE", line))
                .containsEntry("wall_s", "1.5")
                .containsEntry("error", "IOException:_broken_pipe");
        assertThat(KeyValues.parse("MEASURE", "some log line")).isNull();
    }

    @Test
    void resultsPairValuesByRoundAndDropFailedRuns() {
        Results r = new Results();
        r.add("upload", "a", Map.of("round", "1", "bytes", "1048576", "wall_s", "0.5"));
        r.add("upload", "a", Map.of("round", "0", "error", "boom"));
        assertThat(r.values("upload", "a", Results.Metric.MIBS)).containsExactly(null, 2.0);
        assertThat(r.errors()).isEqualTo(1);
    }
}
