package dev.imagesdk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagesdk.ApiVersion;
import dev.imagesdk.DownloadOptions;
import dev.imagesdk.ImageService;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Case 12 (issue 21): a verified download into a file. The SDK's {@code toPath} (durable by default, and with
 * {@code durable(false)}) against a raw reference: {@link HttpURLConnection}, the calling thread reads the body
 * and writes the file, a second thread computes SHA-512 (the SDK verifies a v2 image with {@code os_hash_value});
 * durable = temp file, {@code force}, rename, directory {@code force}, like the SDK; plain = straight into the
 * target, nothing forced. Run at the payload size and (full mode) at the big size.
 */
final class FileVariants {
    static final String CASE = "tofile";
    static final String BIG_CASE = "tofile-big";
    static final List<String> VARIANTS = List.of("file-ref-durable", "file-ref-plain", "file-sdk2", "file-sdk2-plain");
    static final Map<String, String> LABELS = Map.of(
            "file-ref-durable", "(r) raw rd+wr || SHA-512, temp+fsync+rename",
            "file-ref-plain", "(p) raw rd+wr || SHA-512, no fsync",
            "file-sdk2", "(s) SDK v2 toPath (durable, default)",
            "file-sdk2-plain", "(n) SDK v2 toPath, durable(false)");

    private static final int SIZE = 256 * 1024;

    private FileVariants() {
    }

    /** In a child JVM: warm-up downloads of the warm image, then the timed one; the file is deleted after. */
    static Map<String, Object> run(Child c, String variant) throws Exception {
        Path dir = Path.of(c.p.get("scratch")).resolve("tofile-" + ProcessHandle.current().pid());
        Files.createDirectories(dir);
        Path target = dir.resolve("image.bin");
        try {
            if (variant.startsWith("file-ref-")) {
                boolean durable = variant.equals("file-ref-durable");
                RawGlance g = new RawGlance(c.url, c.user());
                for (int i = 0; i < c.warmCount(); i++) {
                    raw(g, c.p.get("warmimage"), target, durable);
                    Files.delete(target);
                }
                Probe probe = c.probe();
                probe.start();
                long n = raw(g, c.p.get("image"), target, durable);
                Map<String, Object> m = probe.stop();
                m.put("bytes", n);
                return m;
            }
            DownloadOptions options = DownloadOptions.builder().durable(variant.equals("file-sdk2")).build();
            try (ImageService s = SdkVariants.service(c, ApiVersion.V2)) {
                for (int i = 0; i < c.warmCount(); i++) {
                    s.download(c.p.get("warmimage")).toPath(target, options);
                    Files.delete(target);
                }
                Probe probe = c.probe();
                probe.start();
                long n = s.download(c.p.get("image")).toPath(target, options).bytes();
                Map<String, Object> m = probe.stop();
                m.put("bytes", n);
                return m;
            }
        } finally {
            Files.deleteIfExists(target);
            Files.deleteIfExists(dir);
        }
    }

    /** The raw reference; verifies SHA-512 against {@code os_hash_value}, returns the size. */
    static long raw(RawGlance g, String id, Path target, boolean durable) throws Exception {
        JsonNode img = g.get(id);
        Path dir = target.toAbsolutePath().getParent();
        Path out = durable ? dir.resolve("." + target.getFileName() + ".part") : target;
        MessageDigest sha = MessageDigest.getInstance("SHA-512");
        HttpURLConnection conn = g.openDownload(id);
        long n;
        try (InputStream in = conn.getInputStream();
             FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                     StandardOpenOption.WRITE)) {
            n = copy(in, ch, sha);
            if (durable) {
                ch.force(true);
            }
        }
        if (!HexFormat.of().formatHex(sha.digest()).equals(img.path("os_hash_value").asText())) {
            Files.deleteIfExists(out);
            throw new IOException("checksum mismatch on download of " + id);
        }
        if (durable) {
            Files.move(out, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            }
        }
        return n;
    }

    /** This thread reads and writes; a second thread hashes each buffer after it was written. */
    private static long copy(InputStream in, FileChannel out, MessageDigest sha) throws Exception {
        return Pipe2.run(in, SIZE, (b, n) -> {
            ByteBuffer bb = ByteBuffer.wrap(b, 0, n);
            while (bb.hasRemaining()) {
                out.write(bb);
            }
        }, (b, n) -> sha.update(b, 0, n), "ref-sha512");
    }

    /** The case's tables, with the per-round ratios, for the payload and the big size. */
    static void print(PrintStream out, Results r, String kase, String title, Table table) {
        if (r.byCase.get(kase) == null) {
            return;
        }
        table.print(out, kase, title);
        for (String[] q : QUOTIENTS) {
            List<Double> rs = perRound(r, kase, q[1], q[2], metric(q[3]));
            out.printf("  %-40s per round %s -> median %s [%s]%n", q[0] + (q[3].equals("cpu") ? " (cpu/GiB)" : ""),
                    list(rs), Stats.ratio(Stats.median(rs)), minMax(rs));
        }
    }

    @FunctionalInterface
    interface Table {
        void print(PrintStream out, String kase, String title);
    }

    /** Result key suffix, SDK variant, reference variant, metric ({@code mibs}: throughput; {@code cpu}: per GiB). */
    private static final String[][] QUOTIENTS = {
            {"vs_raw_durable", "file-sdk2", "file-ref-durable", "mibs"},
            {"vs_raw_plain", "file-sdk2", "file-ref-plain", "mibs"},
            {"plain_vs_raw_plain", "file-sdk2-plain", "file-ref-plain", "mibs"},
            {"cpu_vs_raw_plain", "file-sdk2", "file-ref-plain", "cpu"},
    };

    /** Adds {@code dl_topath[_big]_<quotient>} and its {@code _minmax} to the RESULT line. */
    static void result(Map<String, String> m, Results r, long bigMib) {
        for (String kase : new String[] {CASE, BIG_CASE}) {
            if (r.byCase.get(kase) == null) {
                continue;
            }
            String prefix = kase.equals(CASE) ? "dl_topath_" : "dl_topath_big_";
            for (String[] q : QUOTIENTS) {
                List<Double> rs = perRound(r, kase, q[1], q[2], metric(q[3]));
                m.put(prefix + q[0], Stats.ratio(Stats.median(rs)));
                m.put(prefix + q[0] + "_minmax", minMax(rs));
            }
            if (kase.equals(BIG_CASE)) {
                m.put("dl_topath_big_mib", String.valueOf(bigMib));
            }
        }
    }

    private static Results.Metric metric(String name) {
        return name.equals("cpu") ? Results.Metric.CPU_PER_GIB : Results.Metric.MIBS;
    }

    private static List<Double> perRound(Results r, String kase, String a, String b, Results.Metric metric) {
        List<Double> x = r.values(kase, a, metric);
        List<Double> y = r.values(kase, b, metric);
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            if (x.get(i) != null && y.get(i) != null && y.get(i) != 0) {
                out.add(x.get(i) / y.get(i));
            }
        }
        return out;
    }

    private static String list(List<Double> rs) {
        List<String> s = new ArrayList<>();
        rs.forEach(v -> s.add(String.format(Locale.ROOT, "%.3f", v)));
        return String.join(" ", s);
    }

    private static String minMax(List<Double> rs) {
        if (rs.isEmpty()) {
            return "n/a";
        }
        return Stats.num(Stats.min(rs), 3) + "-" + Stats.num(Stats.max(rs), 3);
    }
}
