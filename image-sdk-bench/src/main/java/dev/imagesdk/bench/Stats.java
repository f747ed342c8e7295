package dev.imagesdk.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/** Pure helpers: medians, paired ratios and the {@code RESULT} line (unit-tested; no I/O). */
final class Stats {
    private Stats() {
    }

    /** Median of the values (mean of the middle two for an even count); empty for no values. */
    static OptionalDouble median(List<Double> values) {
        List<Double> v = finite(values);
        if (v.isEmpty()) {
            return OptionalDouble.empty();
        }
        Collections.sort(v);
        int n = v.size();
        return OptionalDouble.of(n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2);
    }

    static OptionalDouble min(List<Double> values) {
        return finite(values).stream().mapToDouble(Double::doubleValue).min();
    }

    static OptionalDouble max(List<Double> values) {
        return finite(values).stream().mapToDouble(Double::doubleValue).max();
    }

    /**
     * The median of pair-wise ratios {@code a[i] / b[i]} (same round, so host drift cancels); pairs where
     * either side is missing or {@code b} is zero are skipped.
     */
    static OptionalDouble pairedRatio(List<Double> a, List<Double> b) {
        List<Double> r = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            Double x = a.get(i);
            Double y = b.get(i);
            if (x != null && y != null && Double.isFinite(x) && Double.isFinite(y) && y != 0) {
                r.add(x / y);
            }
        }
        return median(r);
    }

    /** A ratio as a decimal with three places, or {@code n/a}. */
    static String ratio(OptionalDouble r) {
        return r.isPresent() ? String.format(Locale.ROOT, "%.3f", r.getAsDouble()) : "n/a";
    }

    /** A number with the given decimals (ROOT locale), or {@code -} when absent. */
    static String num(OptionalDouble v, int decimals) {
        return v.isPresent() ? String.format(Locale.ROOT, "%." + decimals + "f", v.getAsDouble()) : "-";
    }

    /** {@code RESULT k=v k=v ...} in the map's order; values must not contain spaces (they are replaced). */
    static String resultLine(Map<String, String> values) {
        StringBuilder sb = new StringBuilder("RESULT");
        values.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v == null ? "n/a" : v.replace(' ', '_')));
        return sb.toString();
    }

    private static List<Double> finite(List<Double> values) {
        List<Double> v = new ArrayList<>();
        for (Double d : values) {
            if (d != null && Double.isFinite(d)) {
                v.add(d);
            }
        }
        return v;
    }
}
