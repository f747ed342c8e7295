package dev.imagesdk.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every child's measurement, by case and variant, in round order. */
final class Results {
    final Map<String, Map<String, List<Map<String, String>>>> byCase = new LinkedHashMap<>();

    void add(String kase, String variant, Map<String, String> m) {
        byCase.computeIfAbsent(kase, k -> new LinkedHashMap<>()).computeIfAbsent(variant, k -> new ArrayList<>()).add(m);
    }

    List<Map<String, String>> runs(String kase, String variant) {
        return byCase.getOrDefault(kase, Map.of()).getOrDefault(variant, List.of());
    }

    /** One value per round (null where the run failed or lacks the key), indexed by round. */
    List<Double> values(String kase, String variant, Metric metric) {
        List<Double> out = new ArrayList<>();
        for (Map<String, String> m : runs(kase, variant)) {
            int round = Integer.parseInt(m.getOrDefault("round", "0"));
            while (out.size() <= round) {
                out.add(null);
            }
            out.set(round, m.containsKey("error") ? null : metric.of(m));
        }
        return out;
    }

    long errors() {
        return byCase.values().stream().flatMap(v -> v.values().stream()).flatMap(List::stream)
                .filter(m -> m.containsKey("error")).count();
    }

    /** A derived number of one run. */
    interface Metric {
        Double of(Map<String, String> m);

        static Double get(Map<String, String> m, String key) {
            String v = m.get(key);
            if (v == null) {
                return null;
            }
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        Metric MIBS = m -> {
            Double b = get(m, "bytes");
            Double w = get(m, "wall_s");
            return b == null || w == null ? null : b / Options.MIB / w;
        };
        Metric CPU_PER_GIB = m -> perGib(m, "cpu_s");
        Metric SERVER_CPU_PER_GIB = m -> perGib(m, "server_cpu_s");
        Metric HEAP = m -> get(m, "heap_mib");
        Metric OTHER = m -> get(m, "other_cores");
        Metric WALL = m -> get(m, "wall_s");
        Metric LATENCY = m -> get(m, "median_ms");
        Metric P90 = m -> get(m, "p90_ms");
        Metric CPU = m -> get(m, "cpu_s");

        private static Double perGib(Map<String, String> m, String key) {
            Double b = get(m, "bytes");
            Double c = get(m, key);
            return b == null || c == null || b == 0 ? null : c / (b / (1L << 30));
        }
    }
}
