package dev.imagesdk.bench;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/** Command-line flags of the benchmark driver (documented in README.md, section "Benchmarks"). */
final class Options {
    static final long MIB = 1L << 20;

    boolean quick;
    int reps;
    long sizeMib;
    long bigMib;
    long concMib;
    int par = 8;
    int metaCalls;
    int listImages;
    int listDefaultImages = 10000;
    int firstCallRuns;
    int warmCount;
    long warmMib;
    Set<Integer> cases = new LinkedHashSet<>(Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12));
    Path json;
    Path scratch = Path.of(System.getProperty("java.io.tmpdir"), "image-sdk-bench");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String clientXmx = "3g";
    String serverXmx = "6g";
    double quietWait;
    double quietCores = 0.3;
    boolean o4j = true;

    static Options parse(String[] args) {
        Options o = new Options();
        for (String a : args) {
            if (a.equals("--quick")) {
                o.quick = true;
            }
        }
        o.reps = o.quick ? 2 : 5;
        o.sizeMib = o.quick ? 128 : 1024;
        o.bigMib = o.quick ? 256 : 4096;
        o.concMib = o.quick ? 32 : 128;
        o.metaCalls = o.quick ? 200 : 2000;
        o.listImages = o.quick ? 1000 : 10000;
        o.firstCallRuns = o.quick ? 5 : 10;
        o.warmCount = o.quick ? 1 : 2;
        o.warmMib = o.quick ? 16 : 64;
        o.quietWait = o.quick ? 0 : 3;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick":
                    break;
                case "--reps": o.reps = Integer.parseInt(args[++i]); break;
                case "--size-mib": o.sizeMib = Long.parseLong(args[++i]); break;
                case "--big-mib": o.bigMib = Long.parseLong(args[++i]); break;
                case "--conc-mib": o.concMib = Long.parseLong(args[++i]); break;
                case "--parallel": o.par = Integer.parseInt(args[++i]); break;
                case "--meta-calls": o.metaCalls = Integer.parseInt(args[++i]); break;
                case "--list-images": o.listImages = Integer.parseInt(args[++i]); break;
                case "--list-default-images": o.listDefaultImages = Integer.parseInt(args[++i]); break;
                case "--first-call-runs": o.firstCallRuns = Integer.parseInt(args[++i]); break;
                case "--warmups": o.warmCount = Integer.parseInt(args[++i]); break;
                case "--warm-mib": o.warmMib = Long.parseLong(args[++i]); break;
                case "--cases":
                    o.cases.clear();
                    for (String c : args[++i].split(",")) {
                        o.cases.add(Integer.parseInt(c.trim()));
                    }
                    break;
                case "--json": o.json = Path.of(args[++i]); break;
                case "--scratch": o.scratch = Path.of(args[++i]); break;
                case "--java": o.java = args[++i]; break;
                case "--client-xmx": o.clientXmx = args[++i]; break;
                case "--server-xmx": o.serverXmx = args[++i]; break;
                case "--quiet-wait": o.quietWait = Double.parseDouble(args[++i]); break;
                case "--quiet-cores": o.quietCores = Double.parseDouble(args[++i]); break;
                case "--no-openstack4j": o.o4j = false; break;
                default:
                    throw new IllegalArgumentException("unknown option " + a + " (see README.md, Benchmarks)");
            }
        }
        if (o.reps < 1 || o.sizeMib < 1 || o.bigMib < 1 || o.concMib < 1 || o.par < 1 || o.metaCalls < 10) {
            throw new IllegalArgumentException("sizes, counts and --reps must be positive (--meta-calls >= 10)");
        }
        o.warmMib = Math.min(o.warmMib, o.sizeMib);
        return o;
    }
}
