package dev.imagesdk.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The JDK-only variants: no hashing (a), the two-thread reference (b), hashing alone, metadata, list. */
final class RawVariants {
    private RawVariants() {
    }

    static Map<String, Object> run(Child c, String variant) throws Exception {
        RawGlance g = new RawGlance(c.url, c.user());
        switch (variant) {
            case "up-raw":
            case "up-ref1":
            case "up-ref": {
                Hashing hash = variant.equals("up-ref") ? Hashing.TWO_THREADS
                        : variant.equals("up-ref1") ? Hashing.ONE_THREAD : Hashing.NONE;
                for (int i = 0; i < c.warmCount(); i++) {
                    String id = g.create("bench-warm");
                    upload(g, id, Bounded.prefix(c.file(), c.warm()), hash);
                    g.delete(id);
                }
                String id = g.create("bench-up");
                Probe probe = c.probe();
                probe.start();
                try (InputStream in = Files.newInputStream(c.file())) {
                    upload(g, id, in, hash);
                }
                Map<String, Object> m = probe.stop();
                g.delete(id);
                m.put("bytes", c.size());
                return m;
            }
            case "down-raw":
            case "down-ref":
            case "down-ref512": {
                for (int i = 0; i < c.warmCount(); i++) {
                    download(g, c.p.get("warmimage"), variant);
                }
                Probe probe = c.probe();
                probe.start();
                long n = download(g, c.p.get("image"), variant);
                Map<String, Object> m = probe.stop();
                m.put("bytes", n);
                return m;
            }
            case "meta-raw": {
                String id = c.p.get("image");
                return Latency.measure(c, () -> g.get(id));
            }
            case "list-raw": {
                return Passes.measure(c, () -> g.listAll(c.page()));
            }
            case "conc-ref-up": {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < c.par(); i++) {
                    ids.add(g.create("bench-conc"));
                }
                Map<String, Object> m = parallel(c, ids, id -> {
                    upload(g, id, Bounded.prefix(c.file(), c.size()), true);
                    return c.size();
                });
                for (String id : ids) {
                    g.delete(id);
                }
                return m;
            }
            case "conc-ref-down": {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < c.par(); i++) {
                    ids.add(c.p.get("image"));
                }
                return parallel(c, ids, id -> download(g, id, "down-ref512"));
            }
            default:
                throw new IllegalArgumentException("unknown variant " + variant);
        }
    }

    interface Job {
        long run(String id) throws Exception;
    }

    /** Runs one job per id on its own thread; times all of them together. */
    static Map<String, Object> parallel(Child c, List<String> ids, Job job) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(ids.size());
        try {
            Probe probe = c.probe();
            probe.start();
            List<Future<Long>> fs = new ArrayList<>();
            for (String id : ids) {
                Callable<Long> task = () -> job.run(id);
                fs.add(pool.submit(task));
            }
            long total = 0;
            for (Future<Long> f : fs) {
                total += f.get();
            }
            Map<String, Object> m = probe.stop();
            m.put("bytes", total);
            return m;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Streams {@code in} as the image data; with {@code hash}, the two-thread MD5 ∥ SHA-512 reference, verified. */
    /** How a raw upload hashes: not at all, MD5 and SHA-512 on two threads (the reference), or on one. */
    enum Hashing { NONE, TWO_THREADS, ONE_THREAD }

    static void upload(RawGlance g, String id, InputStream in, boolean hash) throws Exception {
        upload(g, id, in, hash ? Hashing.TWO_THREADS : Hashing.NONE);
    }

    static void upload(RawGlance g, String id, InputStream in, Hashing hash) throws Exception {
        HttpURLConnection conn = g.openUpload(id);
        Pipe2.Result r;
        try (OutputStream out = conn.getOutputStream(); InputStream src = in) {
            if (hash == Hashing.TWO_THREADS) {
                r = Pipe2.copy(src, MessageDigest.getInstance("MD5"), MessageDigest.getInstance("SHA-512"), out);
            } else if (hash == Hashing.ONE_THREAD) {
                r = Pipe2.serial(src, MessageDigest.getInstance("MD5"), MessageDigest.getInstance("SHA-512"), out);
            } else {
                byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = src.read(buf)) > 0) {
                    out.write(buf, 0, n);
                }
                r = null;
            }
        }
        RawGlance.finish(conn, 204);
        if (r != null) {
            JsonNode img = g.get(id);
            if (!r.first().equals(img.path("checksum").asText()) || !r.second().equals(img.path("os_hash_value").asText())) {
                throw new IOException("checksum mismatch after upload of " + id);
            }
        }
    }

    /** Downloads and discards; {@code down-ref} verifies MD5 and SHA-512, {@code down-ref512} SHA-512 only. */
    static long download(RawGlance g, String id, String variant) throws Exception {
        JsonNode img = variant.equals("down-raw") ? null : g.get(id);
        HttpURLConnection conn = g.openDownload(id);
        try (InputStream in = conn.getInputStream()) {
            if (img == null) {
                byte[] buf = new byte[64 * 1024];
                long total = 0;
                int n;
                while ((n = in.read(buf)) > 0) {
                    total += n;
                }
                return total;
            }
            boolean md5 = variant.equals("down-ref");
            Pipe2.Result r = Pipe2.copy(in, md5 ? MessageDigest.getInstance("MD5") : null,
                    MessageDigest.getInstance("SHA-512"), OutputStream.nullOutputStream());
            if (!r.second().equals(img.path("os_hash_value").asText())
                    || (md5 && !r.first().equals(img.path("checksum").asText()))) {
                throw new IOException("checksum mismatch on download of " + id);
            }
            return r.bytes();
        }
    }

    /** Hashing alone, no I/O but the file read: MD5 ∥ SHA-512 on two threads, or SHA-512 alone. */
    /** MD5 then SHA-512 of each chunk on one thread, file read: hashing alone without the second core. */
    static Map<String, Object> hashOneThread(Child c) throws Exception {
        for (int i = 0; i < c.warmCount(); i++) {
            try (InputStream in = Bounded.prefix(c.file(), c.warm())) {
                Pipe2.serial(in, MessageDigest.getInstance("MD5"), MessageDigest.getInstance("SHA-512"),
                        OutputStream.nullOutputStream());
            }
        }
        Probe probe = c.probe();
        probe.start();
        Pipe2.Result r;
        try (InputStream in = Files.newInputStream(c.file())) {
            r = Pipe2.serial(in, MessageDigest.getInstance("MD5"), MessageDigest.getInstance("SHA-512"),
                    OutputStream.nullOutputStream());
        }
        Map<String, Object> m = probe.stop();
        m.put("bytes", r.bytes());
        return m;
    }

    static Map<String, Object> hash(Child c, boolean sha512Only) throws Exception {
        for (int i = 0; i < c.warmCount(); i++) {
            try (InputStream in = Bounded.prefix(c.file(), c.warm())) {
                Pipe2.copy(in, sha512Only ? null : MessageDigest.getInstance("MD5"),
                        MessageDigest.getInstance("SHA-512"), OutputStream.nullOutputStream());
            }
        }
        Probe probe = c.probe();
        probe.start();
        Pipe2.Result r;
        try (InputStream in = Files.newInputStream(c.file())) {
            r = Pipe2.copy(in, sha512Only ? null : MessageDigest.getInstance("MD5"),
                    MessageDigest.getInstance("SHA-512"), OutputStream.nullOutputStream());
        }
        Map<String, Object> m = probe.stop();
        m.put("bytes", r.bytes());
        return m;
    }
}
