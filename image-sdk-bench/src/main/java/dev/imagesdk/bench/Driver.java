package dev.imagesdk.bench;

import java.io.BufferedReader;
import java.io.IOException;

import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Runs the cases: the fake in its own JVM, every client variant in its own child JVM, repetitions
 * interleaved round-robin (rotating the order) so drift and other load hit every variant alike.
 */
final class Driver {
    private final Options o;
    private final String jar;
    private Process server;
    private long serverPid;
    private String url;
    final Results results = new Results();

    Driver(Options o) throws Exception {
        this.o = o;
        this.jar = Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    int run() throws Exception {
        Files.createDirectories(o.scratch);
        log("image-sdk-bench: " + (o.quick ? "quick" : "full") + " mode, " + o.reps + " reps, payload " + o.sizeMib
                + " MiB, scratch " + o.scratch + ", " + Runtime.getRuntime().availableProcessors() + " cpus");
        Path payload = payload(o.sizeMib);
        try {
            startServer();
            RawGlance demo = new RawGlance(url, "demo");
            String dl = demo.create("bench-dl");
            RawVariants.upload(demo, dl, Files.newInputStream(payload), false);
            String dlWarm = demo.create("bench-dl-warm");
            RawVariants.upload(demo, dlWarm, Bounded.prefix(payload, o.warmMib * Options.MIB), false);
            Map<String, String> common = new LinkedHashMap<>();
            common.put("url", url);
            common.put("spid", String.valueOf(serverPid));
            common.put("scratch", o.scratch.toString());
            common.put("warm", String.valueOf(o.warmMib * Options.MIB));
            common.put("warmn", String.valueOf(o.warmCount));

            if (o.cases.contains(1)) {
                Map<String, String> p = new LinkedHashMap<>(common);
                p.put("file", payload.toString());
                p.put("size", String.valueOf(o.sizeMib * Options.MIB));
                rounds("upload", p, withO4j("up-raw", "up-ref", "up-ref1", "hash", "hash1", "up-sdk2", "up-sdk1", "up-o4j"), o.reps);
            }
            if (o.cases.contains(2)) {
                Map<String, String> p = new LinkedHashMap<>(common);
                p.put("file", payload.toString());
                p.put("size", String.valueOf(o.sizeMib * Options.MIB));
                p.put("image", dl);
                p.put("warmimage", dlWarm);
                rounds("download", p, withO4j("down-raw", "down-ref", "down-ref512", "hash512", "down-sdk2",
                        "down-sdk1", "down-o4j"), o.reps);
            }
            if (o.cases.contains(4)) {
                Map<String, String> p = new LinkedHashMap<>(common);
                p.put("image", dl);
                p.put("n", String.valueOf(o.metaCalls));
                rounds("metadata", p, withO4j("meta-raw", "meta-sdk2", "meta-o4j"), Math.min(o.reps, 3));
            }
            if (o.cases.contains(5)) {
                log("seeding " + o.listImages + " images for project alt_demo ...");
                RawGlance seeder = new RawGlance(url, "alt_demo");
                for (int i = 0; i < o.listImages; i++) {
                    seeder.seed("alt_demo", "bench-list-" + i);
                }
                for (int page : new int[] {100, 1000}) {
                    Map<String, String> p = new LinkedHashMap<>(common);
                    p.put("user", "alt_demo");
                    p.put("page", String.valueOf(page));
                    rounds("list" + page, p, withO4j("list-raw", "list-sdk2", "list-o4j"), Math.min(o.reps, 3));
                }
            }
            if (o.cases.contains(6)) {
                String conc = demo.create("bench-conc-dl");
                RawVariants.upload(demo, conc, Bounded.prefix(payload, o.concMib * Options.MIB), false);
                Map<String, String> p = new LinkedHashMap<>(common);
                p.put("file", payload.toString());
                p.put("size", String.valueOf(o.concMib * Options.MIB));
                p.put("par", String.valueOf(o.par));
                p.put("image", conc);
                rounds("concurrent", p, List.of("conc-ref-up", "conc-sdk2-up", "conc-ref-down", "conc-sdk2-down"),
                        Math.min(o.reps, 3));
            }
            if (o.cases.contains(7)) {
                rounds("inspect", new LinkedHashMap<>(common), List.of("inspect"), Math.min(o.reps, 3));
            }
            if (o.cases.contains(9)) {
                Map<String, String> p = new LinkedHashMap<>(common);
                p.put("user", ServerMain.LIST_USER);
                p.put("n", String.valueOf(o.metaCalls));
                rounds("listdefault", p, List.of("ld-raw1000", "ld-sdk2"), Math.min(o.reps, 3));
                rounds("listfirst", p, List.of("lf-raw25", "lf-sdk2"), Math.min(o.reps, 3));
            }
            if (o.cases.contains(10)) {
                Map<String, String> p = new LinkedHashMap<>(common);
                p.put("image", dl);
                Path jsa = o.scratch.resolve("first-call.jsa");
                java.nio.file.Files.deleteIfExists(jsa);
                child("first-sdk2", p, "256m", List.of("-XX:ArchiveClassesAtExit=" + jsa)); // untimed: writes the archive
                Map<String, List<String>> jvm = Map.of("first-sdk2-cds", List.of("-XX:SharedArchiveFile=" + jsa));
                for (int r = 0; r < o.firstCallRuns; r++) {
                    List<String> vs = List.of("first-raw", "first-sdk2", "first-sdk2-cds");
                    for (int k = 0; k < vs.size(); k++) {
                        String v = vs.get((k + r) % vs.size());
                        waitQuiet();
                        Map<String, String> m = child(v, p, "256m", jvm.getOrDefault(v, List.of()));
                        m.put("round", String.valueOf(r));
                        results.add("firstcall", v, m);
                        log(String.format("  %-10s round %d %-14s first_call_ms=%s", "firstcall", r, v,
                                m.getOrDefault("first_call_ms", m.get("error"))));
                    }
                }
            }
            if (o.cases.contains(12)) {
                // Verified download into a file (issue 21): the payload size; in full mode also the big size.
                Map<String, String> p = new LinkedHashMap<>(common);
                p.put("image", dl);
                p.put("warmimage", dlWarm);
                rounds(FileVariants.CASE, p, FileVariants.VARIANTS, o.reps);
                if (!o.quick) {
                    String bigDl = demo.create("bench-dl-big");
                    RawVariants.upload(demo, bigDl, Files.newInputStream(payload(o.bigMib)), false);
                    p.put("image", bigDl);
                    rounds(FileVariants.BIG_CASE, p, FileVariants.VARIANTS, o.reps);
                    demo.delete(bigDl);
                }
            }
            if (o.cases.contains(3)) {
                Path big = payload(o.bigMib);
                Map<String, String> p = new LinkedHashMap<>(common);
                p.put("file", big.toString());
                p.put("size", String.valueOf(o.bigMib * Options.MIB));
                waitQuiet();
                results.add("big", "big-sdk2", child("big-sdk2", p, "64m"));
            }
            if (o.cases.contains(11)) {
                // 1,000 virtual threads on one service (JDK 21+ children; others report "skipped")
                rounds("vthreads", new LinkedHashMap<>(common), List.of("vt-sdk2"), Math.min(o.reps, 3));
            }
            if (o.cases.contains(8)) {
                // Last: it replaces the shared server (the other cases' parameters name that one's URL).
                // Its own server: one fake per region behind one Keystone, each region holding a copy in heap.
                stopServer();
                startServer(true);
                Map<String, String> p = new LinkedHashMap<>(common);
                p.put("url", url);
                p.put("spid", String.valueOf(serverPid));
                p.put("file", payload.toString());
                p.put("size", String.valueOf(o.sizeMib * Options.MIB));
                rounds("regions", p, List.of("reg-one", "reg-seq3", "reg-pub3"), Math.min(o.reps, 3));
            }
        } finally {
            stopServer();
        }
        Report report = new Report(o, results);
        report.print(System.out);
        if (o.json != null) {
            report.writeJson(o.json);
            log("JSON written to " + o.json);
        }
        return results.errors() == 0 ? 0 : 1;
    }

    private List<String> withO4j(String... variants) {
        List<String> l = new ArrayList<>();
        for (String v : variants) {
            if (o.o4j || !v.endsWith("-o4j")) {
                l.add(v);
            }
        }
        return l;
    }

    private void rounds(String kase, Map<String, String> p, List<String> variants, int reps) throws Exception {
        for (int r = 0; r < reps; r++) {
            for (int k = 0; k < variants.size(); k++) {
                String v = variants.get((k + r) % variants.size());
                waitQuiet();
                Map<String, String> m = child(v, p, o.clientXmx);
                m.put("round", String.valueOf(r));
                results.add(kase, v, m);
                log(String.format("  %-10s round %d %-14s %s", kase, r, v, summary(m)));
            }
        }
    }

    private static String summary(Map<String, String> m) {
        StringBuilder sb = new StringBuilder();
        for (String k : new String[] {"error", "cold_ms", "qcow2_median_ms", "raw_median_ms", "qcow2_heap_kib", "wall_s", "cpu_s", "heap_mib", "server_cpu_s", "other_cores", "median_ms",
                "count", "pass", "ops_per_s", "skipped"}) {
            if (m.containsKey(k)) {
                String v = m.get(k);
                try {
                    v = String.format(java.util.Locale.ROOT, "%.3f", Double.parseDouble(v));
                } catch (NumberFormatException ignored) {
                    // keep text values
                }
                sb.append(k).append('=').append(v).append(' ');
            }
        }
        return sb.toString();
    }

    private Map<String, String> child(String variant, Map<String, String> p, String xmx) throws Exception {
        return child(variant, p, xmx, List.of());
    }

    private Map<String, String> child(String variant, Map<String, String> p, String xmx, List<String> jvmArgs)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(o.java, "-Xmx" + xmx));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", jar, BenchMain.class.getName(), "--child", "variant=" + variant));
        p.forEach((k, v) -> cmd.add(k + "=" + v));
        cmd.add("t0=" + System.currentTimeMillis()); // case 10: the child's time to its first call counts from here
        Path err = o.scratch.resolve("child-" + variant + ".log");
        Process proc = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        proc.getOutputStream().close();
        String last = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("MEASURE ")) {
                    last = line;
                }
            }
        }
        if (!proc.waitFor(30, TimeUnit.MINUTES)) {
            proc.destroyForcibly();
        }
        Map<String, String> m = KeyValues.parse("MEASURE", last);
        if (m == null) {
            m = new LinkedHashMap<>();
            m.put("error", "no_result_exit_" + proc.exitValue() + "_see_" + err);
        }
        return m;
    }

    private void startServer() throws Exception {
        startServer(false);
    }

    private void startServer(boolean regions) throws Exception {
        long threshold = Math.max(o.sizeMib, o.concMib) * Options.MIB + Options.MIB; // payloads in heap; the big one spills
        if (o.bigMib * Options.MIB <= threshold) {
            threshold = o.bigMib * Options.MIB - 1;
        }
        // nodelay: without it the JDK server's separate header and body writes meet delayed ACKs (~40 ms a call)
        // Case 8 holds a copy per region in heap while the next round's copies arrive: 3 x size per region, + 2 GiB.
        String xmx = regions ? (3L * RegionVariants.REGIONS * o.sizeMib + 2048) + "m" : o.serverXmx;
        List<String> cmd = new ArrayList<>(List.of(o.java, "-Xmx" + xmx, "-Dsun.net.httpserver.nodelay=true",
                "-Dbench.listImages=" + (o.cases.contains(9) && !regions ? o.listDefaultImages : 0),
                "-cp", jar, BenchMain.class.getName(), "--server", String.valueOf(threshold)));
        if (regions) {
            cmd.add("regions");
        }
        server = new ProcessBuilder(cmd).redirectError(o.scratch.resolve(regions ? "server-regions.log" : "server.log")
                .toFile()).start();
        serverPid = server.pid();
        BufferedReader r = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        if (line == null || !line.startsWith("READY ")) {
            throw new IOException("fake did not start (see " + o.scratch.resolve("server.log") + "): " + line);
        }
        url = line.substring(6).trim();
        log("fake Glance (pid " + serverPid + ", -Xmx" + xmx + ", in-memory blobs up to " + threshold / Options.MIB
                + " MiB) at " + url);
    }

    private void stopServer() throws InterruptedException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    /** Waits (at most --quiet-wait seconds) until other processes use less than --quiet-cores. */
    private void waitQuiet() throws InterruptedException {
        long deadline = System.nanoTime() + (long) (o.quietWait * 1e9);
        while (System.nanoTime() < deadline) {
            double b0 = ProcStat.machineBusy();
            double s0 = ProcStat.processCpu(serverPid);
            Thread.sleep(500);
            double busy = (ProcStat.machineBusy() - b0 - (ProcStat.processCpu(serverPid) - s0)) / 0.5;
            if (!(busy >= o.quietCores)) {
                return;
            }
        }
    }

    /** A random payload file of {@code mib} MiB in the scratch directory, reused when present. */
    private Path payload(long mib) throws IOException {
        Path f = o.scratch.resolve("payload-" + mib + "m.bin");
        if (Files.exists(f) && Files.size(f) == mib * Options.MIB) {
            return f;
        }
        log("writing " + f + " ...");
        SplittableRandom rnd = new SplittableRandom(mib);
        byte[] block = new byte[(int) Options.MIB];
        Path tmp = o.scratch.resolve(f.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            for (long i = 0; i < mib; i++) {
                rnd.nextBytes(block);
                out.write(block);
            }
        }
        Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return f;
    }

    static void log(String s) {
        System.err.println(s);
    }

}
