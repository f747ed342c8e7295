package dev.imagesdk.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured client variant in its own JVM (so its CPU and heap are its own). Arguments are
 * {@code key=value}; the last stdout line is {@code MEASURE key=value ...} (or {@code MEASURE error=...}).
 */
final class Child {
    final Map<String, String> p;
    final String url;
    final long serverPid;

    private Child(Map<String, String> p) {
        this.p = p;
        this.url = p.get("url");
        this.serverPid = Long.parseLong(p.getOrDefault("spid", "-1"));
    }

    static void main(String[] args) {
        Map<String, String> p = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq > 0) {
                p.put(a.substring(0, eq), a.substring(eq + 1));
            }
        }
        Map<String, Object> out;
        try {
            out = new Child(p).run(p.get("variant"));
        } catch (Throwable t) {
            out = new LinkedHashMap<>();
            out.put("error", (t.getClass().getSimpleName() + ":" + t.getMessage()).replaceAll("\\s+", "_"));
            t.printStackTrace();
        }
        out.put("proc_cpu_s", Probe.processCpuSeconds());
        System.out.println(KeyValues.format("MEASURE", out));
        System.out.flush();
        System.exit(0);
    }

    Probe probe() {
        return new Probe(serverPid);
    }

    Path file() {
        return Path.of(p.get("file"));
    }

    long size() {
        return Long.parseLong(p.get("size"));
    }

    long warm() {
        return Long.parseLong(p.getOrDefault("warm", "0"));
    }

    int warmCount() {
        return Integer.parseInt(p.getOrDefault("warmn", "1"));
    }

    String user() {
        return p.getOrDefault("user", "demo");
    }

    int n() {
        return Integer.parseInt(p.getOrDefault("n", "1"));
    }

    int page() {
        return Integer.parseInt(p.getOrDefault("page", "100"));
    }

    int par() {
        return Integer.parseInt(p.getOrDefault("par", "8"));
    }

    private Map<String, Object> run(String variant) throws Exception {
        if (variant.startsWith("file-")) {
            return FileVariants.run(this, variant);
        }
        if (variant.startsWith("reg-")) {
            return RegionVariants.run(this, variant);
        }
        if (variant.equals("vt-sdk2")) {
            return VThreadsVariant.run(this);
        }
        if (variant.startsWith("ld-") || variant.startsWith("lf-")) {
            return ListVariants.run(this, variant);
        }
        if (variant.startsWith("first-")) {
            return FirstCallVariant.run(this, variant);
        }
        if (variant.equals("inspect")) {
            return InspectVariant.run(this);
        }
        if (variant.equals("hash1")) {
            return RawVariants.hashOneThread(this);
        }
        if (variant.startsWith("hash")) {
            return RawVariants.hash(this, variant.equals("hash512"));
        }
        if (variant.endsWith("-o4j")) {
            return O4jVariants.run(this, variant);
        }
        if (variant.contains("sdk")) {
            return SdkVariants.run(this, variant);
        }
        return RawVariants.run(this, variant);
    }
}
