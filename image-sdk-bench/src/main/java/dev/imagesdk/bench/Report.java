package dev.imagesdk.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** The human table (median, min, max per variant) and the machine-readable {@code RESULT} line / JSON. */
final class Report {
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("up-raw", "(a) raw HttpURLConnection, no hashing"),
            Map.entry("up-ref", "(b) raw 2-thread MD5||SHA-512 reference"),
            Map.entry("up-ref1", "(b1) raw 1-thread MD5+SHA-512 (one core)"),
            Map.entry("hash", "hashing alone (MD5||SHA-512, file read)"),
            Map.entry("hash1", "hashing alone, one thread (MD5+SHA-512)"),
            Map.entry("up-sdk2", "(c) SDK v2, verified"),
            Map.entry("up-sdk1", "(d) SDK v1, verified"),
            Map.entry("up-o4j", "(e) openstack4j 3.12, unverified"),
            Map.entry("down-raw", "(a) raw HttpURLConnection, no hashing"),
            Map.entry("down-ref", "(b) raw 2-thread MD5||SHA-512 reference"),
            Map.entry("down-ref512", "(b') raw 2-thread, SHA-512 only (SDK's work)"),
            Map.entry("hash512", "hashing alone (SHA-512, file read)"),
            Map.entry("down-sdk2", "(c) SDK v2, verified (SHA-512)"),
            Map.entry("down-sdk1", "(d) SDK v1, verified (MD5)"),
            Map.entry("down-o4j", "(e) openstack4j 3.12, unverified, to file"),
            Map.entry("meta-raw", "raw HttpClient + Jackson, kept alive"),
            Map.entry("meta-sdk2", "SDK v2 get"),
            Map.entry("meta-o4j", "openstack4j 3.12 get"),
            Map.entry("list-raw", "raw HttpClient + Jackson, follows next"),
            Map.entry("list-sdk2", "SDK v2 lazy list"),
            Map.entry("list-o4j", "openstack4j 3.12, marker loop"),
            Map.entry("conc-ref-up", "8 raw 2-thread reference uploads"),
            Map.entry("conc-sdk2-up", "8 SDK uploads, one ImageService"),
            Map.entry("conc-ref-down", "8 raw 2-thread SHA-512 downloads"),
            Map.entry("conc-sdk2-down", "8 SDK downloads, one ImageService"),
            Map.entry("big-sdk2", "SDK v2 at -Xmx64m"),
            Map.entry("reg-one", "1 region: one verified SDK upload"),
            Map.entry("reg-seq3", "3 regions: 3 sequential verified SDK uploads"),
            Map.entry("reg-pub3", "3 regions: publish (one read, one hashing)"),
            Map.entry("file-ref-durable", FileVariants.LABELS.get("file-ref-durable")),
            Map.entry("file-ref-plain", FileVariants.LABELS.get("file-ref-plain")),
            Map.entry("file-sdk2", FileVariants.LABELS.get("file-sdk2")),
            Map.entry("file-sdk2-plain", FileVariants.LABELS.get("file-sdk2-plain")));

    private final Options o;
    private final Results r;
    private final Map<String, String> result;

    Report(Options o, Results r) {
        this.o = o;
        this.r = r;
        this.result = result();
    }

    void print(PrintStream out) {
        out.println();
        transfer(out, "upload", "1. Upload " + o.sizeMib + " MiB");
        transfer(out, "download", "2. Download " + o.sizeMib + " MiB");
        FileVariants.print(out, r, FileVariants.CASE, "12. Verified download into a file, " + o.sizeMib + " MiB"
                + " (SDK toPath vs raw read+write || SHA-512)", this::transfer);
        FileVariants.print(out, r, FileVariants.BIG_CASE, "12. Verified download into a file, " + o.bigMib + " MiB",
                this::transfer);
        List<Map<String, String>> big = r.runs("big", "big-sdk2");
        if (!big.isEmpty()) {
            Map<String, String> m = big.get(0);
            out.printf("%n3. %d MiB upload + download, SDK v2 in a child JVM at -Xmx64m: %s (peak heap up %s MiB, down %s MiB;"
                            + " up %s s, down %s s)%s%n", o.bigMib, pass(m), dec(m, "up_heap_mib", 1), dec(m, "down_heap_mib", 1),
                    dec(m, "up_wall_s", 2), dec(m, "down_wall_s", 2),
                    m.containsKey("error") ? " error " + m.get("error") : "");
        }
        latency(out);
        for (String kase : new String[] {"list100", "list1000"}) {
            simple(out, kase, (kase.equals("list100") ? "5. List, page size 100" : "5. List, page size 1000")
                    + " (" + o.listImages + " images; each run: " + Passes.WARMUP + " warm-up passes, then the median"
                    + " of " + Passes.TIMED + " timed passes, cpu per pass)");
        }
        transfer(out, "concurrent", "6. Concurrency: " + o.par + " x " + o.concMib + " MiB (aggregate)");
        inspect(out);
        StartupListReport.print(out, o, r);
        transfer(out, "regions", "8. Publish " + o.sizeMib + " MiB to " + RegionVariants.REGIONS + " regions (MiB/s and"
                + " cpu per GiB of image published)");
        List<Double> vt = r.values("vthreads", "vt-sdk2", x -> Results.Metric.get(x, "ops_per_s"));
        if (!r.runs("vthreads", "vt-sdk2").isEmpty()) {
            out.printf("%n11. 1,000 virtual threads on one ImageService (get, list page, 1 MiB upload + verified"
                    + " download each): %s ops/s median (%s-%s)%n", vthreads(r), Stats.num(Stats.min(vt), 1),
                    Stats.num(Stats.max(vt), 1));
        }
        out.println();
        out.println("Ratios are medians of per-round ratios (same round, same server). Throughput: SDK/other, higher is"
                + " better; cpu, latency, time: SDK/other, lower is better. 'other cores' = CPU used by other processes"
                + " during the timed operation (machine busy minus client and server).");
        out.println(Stats.resultLine(result));
    }

    private void transfer(PrintStream out, String kase, String title) {
        Map<String, List<Map<String, String>>> vs = r.byCase.get(kase);
        if (vs == null) {
            return;
        }
        out.printf("%n%s%n", title);
        out.printf("  %-46s %5s %22s %10s %9s %12s %7s %s%n", "variant", "runs", "MiB/s med (min-max)", "cpu s/GiB",
                "heap MiB", "server s/GiB", "other", "errors");
        for (String v : vs.keySet()) {
            List<Double> mibs = r.values(kase, v, Results.Metric.MIBS);
            out.printf("  %-46s %5d %22s %10s %9s %12s %7s %s%n", LABELS.getOrDefault(v, v), vs.get(v).size(),
                    Stats.num(Stats.median(mibs), 0) + " (" + Stats.num(Stats.min(mibs), 0) + "-"
                            + Stats.num(Stats.max(mibs), 0) + ")",
                    Stats.num(Stats.median(r.values(kase, v, Results.Metric.CPU_PER_GIB)), 2),
                    Stats.num(Stats.max(r.values(kase, v, Results.Metric.HEAP)), 0),
                    Stats.num(Stats.median(r.values(kase, v, Results.Metric.SERVER_CPU_PER_GIB)), 2),
                    Stats.num(Stats.median(r.values(kase, v, Results.Metric.OTHER)), 2), errors(kase, v));
        }
    }

    private void latency(PrintStream out) {
        Map<String, List<Map<String, String>>> vs = r.byCase.get("metadata");
        if (vs == null) {
            return;
        }
        out.printf("%n4. Metadata: %d x GET image per run, after %d untimed%n", o.metaCalls, Math.max(1000, o.metaCalls / 2));
        out.printf("  %-46s %5s %24s %8s %9s %9s %s%n", "variant", "runs", "median ms (min-max)", "p90 ms", "cpu s",
                "heap MiB", "errors");
        for (String v : vs.keySet()) {
            List<Double> lat = r.values("metadata", v, Results.Metric.LATENCY);
            out.printf("  %-46s %5d %24s %8s %9s %9s %s%n", LABELS.getOrDefault(v, v), vs.get(v).size(),
                    Stats.num(Stats.median(lat), 3) + " (" + Stats.num(Stats.min(lat), 3) + "-" + Stats.num(Stats.max(lat), 3) + ")",
                    Stats.num(Stats.median(r.values("metadata", v, Results.Metric.P90)), 3),
                    Stats.num(Stats.median(r.values("metadata", v, Results.Metric.CPU)), 2),
                    Stats.num(Stats.max(r.values("metadata", v, Results.Metric.HEAP)), 0), errors("metadata", v));
        }
    }

    private void inspect(PrintStream out) {
        if (r.runs("inspect", "inspect").isEmpty()) {
            return;
        }
        out.printf("%n7. Disk-image inspection by path (per call; each run: first call in a fresh JVM, then %s)%n",
                "the median of 200 calls after 2000 warm-up calls");
        out.printf("  %-46s %5s %24s %12s %s%n", "image", "runs", "median ms (min-max)", "heap KiB", "errors");
        for (String f : new String[] {"qcow2", "raw"}) {
            List<Double> med = r.values("inspect", "inspect", m -> Results.Metric.get(m, f + "_median_ms"));
            List<Double> min = r.values("inspect", "inspect", m -> Results.Metric.get(m, f + "_min_ms"));
            List<Double> max = r.values("inspect", "inspect", m -> Results.Metric.get(m, f + "_max_ms"));
            out.printf("  %-46s %5d %24s %12s %s%n", f.equals("qcow2") ? "10 GiB sparse qcow2" : "1 GiB sparse raw",
                    med.size(), Stats.num(Stats.median(med), 3) + " (" + Stats.num(Stats.min(min), 3) + "-"
                            + Stats.num(Stats.max(max), 3) + ")",
                    Stats.num(Stats.max(r.values("inspect", "inspect", m -> Results.Metric.get(m, f + "_heap_kib"))), 1),
                    errors("inspect", "inspect"));
        }
        List<Double> cold = r.values("inspect", "inspect", m -> Results.Metric.get(m, "cold_ms"));
        out.printf("  %-46s %5d %24s%n", "first call in a fresh JVM (qcow2)", cold.size(), Stats.num(Stats.median(cold), 1)
                + " (" + Stats.num(Stats.min(cold), 1) + "-" + Stats.num(Stats.max(cold), 1) + ")");
    }

    private void simple(PrintStream out, String kase, String title) {
        Map<String, List<Map<String, String>>> vs = r.byCase.get(kase);
        if (vs == null) {
            return;
        }
        out.printf("%n%s%n", title);
        out.printf("  %-46s %5s %24s %9s %9s %8s %s%n", "variant", "runs", "time s med (min-max)", "cpu s", "heap MiB",
                "images", "errors");
        for (String v : vs.keySet()) {
            List<Double> w = r.values(kase, v, Results.Metric.WALL);
            String count = vs.get(v).isEmpty() ? "-" : vs.get(v).get(0).getOrDefault("count", "-");
            out.printf("  %-46s %5d %24s %9s %9s %8s %s%n", LABELS.getOrDefault(v, v), vs.get(v).size(),
                    Stats.num(Stats.median(w), 3) + " (" + Stats.num(Stats.min(w), 3) + "-" + Stats.num(Stats.max(w), 3) + ")",
                    Stats.num(Stats.median(r.values(kase, v, Results.Metric.CPU)), 2),
                    Stats.num(Stats.max(r.values(kase, v, Results.Metric.HEAP)), 0), count, errors(kase, v));
        }
    }

    private String errors(String kase, String v) {
        List<String> e = new ArrayList<>();
        for (Map<String, String> m : r.runs(kase, v)) {
            if (m.containsKey("error")) {
                e.add(m.get("error"));
            }
        }
        return e.isEmpty() ? "" : e.size() + ": " + e.get(0);
    }

    private static String dec(Map<String, String> m, String key, int decimals) {
        Double v = Results.Metric.get(m, key);
        return v == null ? "-" : Stats.num(OptionalDouble.of(v), decimals);
    }

    /** Case 11: the median ops/s of the 1,000-virtual-thread workload, {@code skipped} before JDK 21, else n/a. */
    private static String vthreads(Results r) {
        List<Map<String, String>> runs = r.runs("vthreads", "vt-sdk2");
        if (runs.isEmpty()) {
            return "n/a";
        }
        if (runs.stream().anyMatch(x -> x.containsKey("skipped"))) {
            return "skipped";
        }
        return Stats.num(Stats.median(r.values("vthreads", "vt-sdk2", x -> Results.Metric.get(x, "ops_per_s"))), 1);
    }

    private static String pass(Map<String, String> m) {
        return "true".equals(m.get("pass")) ? "pass" : "fail";
    }

    private OptionalDouble ratio(String kase, String a, String b, Results.Metric metric) {
        return Stats.pairedRatio(r.values(kase, a, metric), r.values(kase, b, metric));
    }

    /**
     * Per round: the wall time {@code a} cannot go below when every process of the run shares {@code cores} cores
     * ((client CPU + server CPU) / cores), over the wall time of {@code b}.
     */
    static List<Double> coresBoundWall(Results r, String kase, String a, String b, int cores) {
        List<Double> cpu = r.values(kase, a, Results.Metric.CPU);
        List<Double> server = r.values(kase, a, x -> Results.Metric.get(x, "server_cpu_s"));
        List<Double> wall = r.values(kase, b, Results.Metric.WALL);
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < Math.min(cpu.size(), Math.min(server.size(), wall.size())); i++) {
            if (cpu.get(i) != null && server.get(i) != null && wall.get(i) != null && wall.get(i) > 0) {
                out.add((cpu.get(i) + server.get(i)) / cores / wall.get(i));
            }
        }
        return out;
    }

    private static OptionalDouble worst(OptionalDouble x, OptionalDouble y, boolean higherIsWorse) {
        if (x.isEmpty()) {
            return y;
        }
        if (y.isEmpty()) {
            return x;
        }
        return OptionalDouble.of(higherIsWorse ? Math.max(x.getAsDouble(), y.getAsDouble())
                : Math.min(x.getAsDouble(), y.getAsDouble()));
    }

    private Map<String, String> result() {
        Results.Metric t = Results.Metric.MIBS;
        Map<String, String> m = new LinkedHashMap<>();
        m.put("mode", o.quick ? "quick" : "full");
        m.put("size_mib", String.valueOf(o.sizeMib));
        m.put("upload_vs_raw_hashing", Stats.ratio(ratio("upload", "up-sdk2", "up-ref", t)));
        m.put("download_vs_raw_hashing", Stats.ratio(ratio("download", "down-sdk2", "down-ref", t)));
        m.put("upload_vs_raw", Stats.ratio(ratio("upload", "up-sdk2", "up-raw", t)));
        m.put("download_vs_raw", Stats.ratio(ratio("download", "down-sdk2", "down-raw", t)));
        m.put("upload_vs_openstack4j", Stats.ratio(ratio("upload", "up-sdk2", "up-o4j", t)));
        m.put("download_vs_openstack4j", Stats.ratio(ratio("download", "down-sdk2", "down-o4j", t)));
        m.put("cpu_per_gib_vs_hashing", Stats.ratio(ratio("upload", "up-sdk2", "hash", Results.Metric.CPU_PER_GIB)));
        // Issue 21: the per-round min-max of the two upload targets (higher-is-better throughput, lower-is-better CPU).
        StartupListReport.range(m, "upload_vs_raw_hashing", r, "upload", "up-ref", "up-sdk2", Results.Metric.WALL);
        StartupListReport.range(m, "cpu_per_gib_vs_hashing", r, "upload", "up-sdk2", "hash", Results.Metric.CPU_PER_GIB);
        m.put("metadata_vs_raw", Stats.ratio(ratio("metadata", "meta-sdk2", "meta-raw", Results.Metric.LATENCY)));
        m.put("list_vs_raw", Stats.ratio(worst(ratio("list100", "list-sdk2", "list-raw", Results.Metric.WALL),
                ratio("list1000", "list-sdk2", "list-raw", Results.Metric.WALL), true)));
        OptionalDouble cu = ratio("concurrent", "conc-sdk2-up", "conc-ref-up", t);
        OptionalDouble cd = ratio("concurrent", "conc-sdk2-down", "conc-ref-down", t);
        m.put("concurrent_vs_raw", Stats.ratio(worst(cu, cd, false)));
        List<Map<String, String>> big = r.runs("big", "big-sdk2");
        m.put("xmx64m_4gib", big.isEmpty() ? "n/a" : pass(big.get(0)));
        // extras
        m.put("upload_v1_vs_raw_hashing", Stats.ratio(ratio("upload", "up-sdk1", "up-ref", t)));
        m.put("download_v1_vs_raw_hashing", Stats.ratio(ratio("download", "down-sdk1", "down-ref", t)));
        m.put("upload_vs_raw_one_thread", Stats.ratio(ratio("upload", "up-sdk2", "up-ref1", t)));
        m.put("hashing_two_threads_vs_one", Stats.ratio(ratio("upload", "hash", "hash1", t)));
        m.put("cpu_per_gib_vs_one_thread_hashing",
                Stats.ratio(ratio("upload", "up-sdk2", "hash1", Results.Metric.CPU_PER_GIB)));
        m.put("download_vs_raw_sha512", Stats.ratio(ratio("download", "down-sdk2", "down-ref512", t)));
        m.put("download_cpu_per_gib_vs_hashing",
                Stats.ratio(ratio("download", "down-sdk2", "hash512", Results.Metric.CPU_PER_GIB)));
        m.put("metadata_vs_openstack4j", Stats.ratio(ratio("metadata", "meta-sdk2", "meta-o4j", Results.Metric.LATENCY)));
        m.put("list_vs_openstack4j", Stats.ratio(worst(ratio("list100", "list-sdk2", "list-o4j", Results.Metric.WALL),
                ratio("list1000", "list-sdk2", "list-o4j", Results.Metric.WALL), true)));
        m.put("list100_vs_raw", Stats.ratio(ratio("list100", "list-sdk2", "list-raw", Results.Metric.WALL)));
        m.put("list1000_vs_raw", Stats.ratio(ratio("list1000", "list-sdk2", "list-raw", Results.Metric.WALL)));
        m.put("concurrent_upload_vs_raw", Stats.ratio(cu));
        m.put("concurrent_download_vs_raw", Stats.ratio(cd));
        m.put("upload_heap_vs_openstack4j", Stats.ratio(ratio("upload", "up-sdk2", "up-o4j", Results.Metric.HEAP)));
        m.put("download_heap_vs_openstack4j", Stats.ratio(ratio("download", "down-sdk2", "down-o4j", Results.Metric.HEAP)));
        m.put("server_cpu_s_per_gib_upload",
                Stats.num(Stats.median(r.values("upload", "up-sdk2", Results.Metric.SERVER_CPU_PER_GIB)), 2));
        m.put("server_cpu_s_per_gib_download",
                Stats.num(Stats.median(r.values("download", "down-sdk2", Results.Metric.SERVER_CPU_PER_GIB)), 2));
        m.put("xmx64m_4gib_heap_mib", big.isEmpty() ? "n/a" : dec(big.get(0), "heap_mib", 1));
        m.put("inspect_qcow2_10g_ms", Stats.num(Stats.median(r.values("inspect", "inspect",
                x -> Results.Metric.get(x, "qcow2_median_ms"))), 3));
        m.put("inspect_raw_1g_ms", Stats.num(Stats.median(r.values("inspect", "inspect",
                x -> Results.Metric.get(x, "raw_median_ms"))), 3));
        List<Double> heap = new ArrayList<>(r.values("inspect", "inspect", x -> Results.Metric.get(x, "qcow2_heap_kib")));
        heap.addAll(r.values("inspect", "inspect", x -> Results.Metric.get(x, "raw_heap_kib")));
        m.put("inspect_heap_kib", Stats.num(Stats.max(heap), 1));
        m.put("inspect_cold_ms", Stats.num(Stats.median(r.values("inspect", "inspect",
                x -> Results.Metric.get(x, "cold_ms"))), 1));
        // case 8 (issue 20 targets: wall and cpu at most 1.2x a single verified upload)
        m.put("regions3_wall_vs_one_upload", Stats.ratio(ratio("regions", "reg-pub3", "reg-one", Results.Metric.WALL)));
        m.put("regions3_cpu_vs_one_upload", Stats.ratio(ratio("regions", "reg-pub3", "reg-one", Results.Metric.CPU)));
        m.put("regions3_wall_vs_sequential", Stats.ratio(ratio("regions", "reg-pub3", "reg-seq3", Results.Metric.WALL)));
        m.put("regions3_cpu_vs_sequential", Stats.ratio(ratio("regions", "reg-pub3", "reg-seq3", Results.Metric.CPU)));
        StartupListReport.range(m, "regions3_wall_vs_one_upload", r, "regions", "reg-pub3", "reg-one",
                Results.Metric.WALL);
        StartupListReport.range(m, "regions3_cpu_vs_one_upload", r, "regions", "reg-pub3", "reg-one",
                Results.Metric.CPU);
        // What bounds those two targets on this machine (see README "Performance"): the CPU a client pays over the
        // hashing alone, as the raw two-thread reference (same work, no SDK) pays it, and the wall time the
        // publication cannot beat when the client and the three receiving servers share the machine's cores.
        m.put("upload_cpu_vs_raw_reference",
                Stats.ratio(ratio("upload", "up-sdk2", "up-ref", Results.Metric.CPU_PER_GIB)));
        StartupListReport.range(m, "upload_cpu_vs_raw_reference", r, "upload", "up-sdk2", "up-ref",
                Results.Metric.CPU_PER_GIB);
        m.put("raw_reference_cpu_vs_hashing", Stats.ratio(ratio("upload", "up-ref", "hash",
                Results.Metric.CPU_PER_GIB)));
        StartupListReport.range(m, "raw_reference_cpu_vs_hashing", r, "upload", "up-ref", "hash",
                Results.Metric.CPU_PER_GIB);
        List<Double> wallFloor = coresBoundWall(r, "regions", "reg-pub3", "reg-one",
                Runtime.getRuntime().availableProcessors());
        m.put("regions3_wall_cores_floor_vs_one_upload", Stats.num(Stats.median(wallFloor), 3));
        m.put("regions3_wall_cores_floor_vs_one_upload_range", wallFloor.isEmpty() ? "n/a"
                : Stats.num(Stats.min(wallFloor), 3) + "-" + Stats.num(Stats.max(wallFloor), 3));
        StartupListReport.result(m, r); // cases 9 and 10
        FileVariants.result(m, r, o.bigMib); // case 12 (issue 21)
        List<Double> other = new ArrayList<>();
        r.byCase.forEach((k, vs) -> vs.values().forEach(l -> l.forEach(x -> other.add(Results.Metric.OTHER.of(x)))));
        m.put("other_cores_median", Stats.num(Stats.median(other), 2));
        m.put("vthreads1000_ops_per_s", vthreads(r));
        m.put("errors", String.valueOf(r.errors()));
        return m;
    }

    void writeJson(Path file) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("result", result);
        doc.put("runs", r.byCase);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
    }
}
