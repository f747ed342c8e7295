package dev.imagesdk.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** The human table and the {@code RESULT} keys of case 9 (default list) and case 10 (first call). */
final class StartupListReport {
    private StartupListReport() {
    }

    static void print(PrintStream out, Options o, Results r) {
        if (r.byCase.containsKey("listdefault")) {
            out.printf("%n9. Default list (no page size: 25, 200, then 1000 per request) of %d images vs raw limit=1000"
                    + " (each run: %d warm-up passes, median of %d timed passes)%n", o.listDefaultImages,
                    Passes.WARMUP, Passes.TIMED);
            row(out, r, "listdefault", "ld-sdk2", "SDK v2 list(ImageQuery.all())", Results.Metric.WALL, 1000, "ms");
            row(out, r, "listdefault", "ld-raw1000", "raw HttpClient + Jackson, limit=1000", Results.Metric.WALL, 1000,
                    "ms");
            row(out, r, "listfirst", "lf-sdk2", "first image: SDK v2 list(ImageQuery.all())", Results.Metric.LATENCY, 1,
                    "ms");
            row(out, r, "listfirst", "lf-raw25", "first image: raw GET limit=25", Results.Metric.LATENCY, 1, "ms");
        }
        if (r.byCase.containsKey("firstcall")) {
            out.printf("%n10. Time to the first call: JVM start to the first get returning, fresh child JVM per run"
                    + " (Keystone + catalog + version discovery; cpu: the whole child process)%n");
            for (String v : new String[] {"first-raw", "first-sdk2", "first-sdk2-cds"}) {
                row(out, r, "firstcall", v, label(v), m -> Results.Metric.get(m, "first_call_ms"), 1, "ms");
            }
        }
    }

    private static String label(String v) {
        switch (v) {
            case "first-raw": return "raw JDK HttpClient + Jackson (floor)";
            case "first-sdk2": return "SDK: builder().config(..).build().get(id)";
            default: return "same, with an AppCDS archive (-XX:SharedArchiveFile)";
        }
    }

    private static void row(PrintStream out, Results r, String kase, String v, String label, Results.Metric metric,
                            double scale, String unit) {
        List<Double> x = scaled(r.values(kase, v, metric), scale);
        if (r.runs(kase, v).isEmpty()) {
            return;
        }
        // cpu: per pass (case 9 lists), the whole child process (case 10); not shown for the per-call latencies
        String cpuKey = kase.equals("firstcall") ? "proc_cpu_s" : kase.equals("listdefault") ? "cpu_s" : "-";
        List<Double> cpu = r.values(kase, v, m -> Results.Metric.get(m, cpuKey));
        out.printf("  %-52s %4d runs  %s %s [%s-%s]  cpu s %s [%s-%s]%n", label, r.runs(kase, v).size(), unit,
                Stats.num(Stats.median(x), 1), Stats.num(Stats.min(x), 1), Stats.num(Stats.max(x), 1),
                Stats.num(Stats.median(cpu), 3), Stats.num(Stats.min(cpu), 3), Stats.num(Stats.max(cpu), 3));
    }

    private static List<Double> scaled(List<Double> v, double scale) {
        List<Double> out = new ArrayList<>();
        for (Double d : v) {
            out.add(d == null ? null : d * scale);
        }
        return out;
    }

    /** The RESULT keys: a ratio's median of per-round ratios, and its per-round min-max under {@code _range}. */
    static void result(Map<String, String> m, Results r) {
        ratio(m, "list10k_vs_raw_limit1000", r, "listdefault", "ld-sdk2", "ld-raw1000", Results.Metric.WALL);
        ratio(m, "list_first_item_vs_raw25", r, "listfirst", "lf-sdk2", "lf-raw25", Results.Metric.LATENCY);
        ms(m, "first_call_ms", r.values("firstcall", "first-sdk2", x -> Results.Metric.get(x, "first_call_ms")));
        ms(m, "first_call_cds_ms", r.values("firstcall", "first-sdk2-cds",
                x -> Results.Metric.get(x, "first_call_ms")));
        ms(m, "first_call_raw_ms", r.values("firstcall", "first-raw", x -> Results.Metric.get(x, "first_call_ms")));
    }

    private static void ratio(Map<String, String> m, String key, Results r, String kase, String a, String b,
                              Results.Metric metric) {
        List<Double> per = perRound(r, kase, a, b, metric);
        m.put(key, Stats.ratio(Stats.median(per)));
        m.put(key + "_range", range(per, 3));
    }

    /** Only the per-round min-max of {@code a / b}, under {@code key + "_range"}. */
    static void range(Map<String, String> m, String key, Results r, String kase, String a, String b,
                      Results.Metric metric) {
        m.put(key + "_range", range(perRound(r, kase, a, b, metric), 3));
    }

    /** {@code a / b} per round (the same round of both variants). */
    private static List<Double> perRound(Results r, String kase, String a, String b, Results.Metric metric) {
        List<Double> x = r.values(kase, a, metric);
        List<Double> y = r.values(kase, b, metric);
        List<Double> per = new ArrayList<>();
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            if (x.get(i) != null && y.get(i) != null && y.get(i) != 0) {
                per.add(x.get(i) / y.get(i));
            }
        }
        return per;
    }

    private static void ms(Map<String, String> m, String key, List<Double> v) {
        m.put(key, Stats.num(Stats.median(v), 0));
        m.put(key + "_range", range(v, 0));
    }

    private static String range(List<Double> v, int decimals) {
        OptionalDouble lo = Stats.min(v);
        OptionalDouble hi = Stats.max(v);
        return lo.isPresent() ? Stats.num(lo, decimals) + "-" + Stats.num(hi, decimals) : "n/a";
    }
}
