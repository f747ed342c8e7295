package dev.imagesdk.bench;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageQuery;
import dev.imagesdk.model.ImageSpec;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The SDK variants, through its public API only ({@link ImageService}). */
final class SdkVariants {
    private SdkVariants() {
    }

    static ImageService service(Child c, ApiVersion version) {
        ClientConfig cfg = ClientConfig.builder()
                .auth(AuthMethod.V3Password.of(c.user(), c.user(), "Default", c.user()))
                .authUrl(c.url + "/v3")
                .build();
        return ImageService.builder().config(cfg).apiVersion(version).build();
    }

    private static ImageSpec spec(String name) {
        return ImageSpec.builder().name(name).diskFormat(DiskFormat.RAW).containerFormat(ContainerFormat.BARE).build();
    }

    static Map<String, Object> run(Child c, String variant) throws Exception {
        ApiVersion version = variant.endsWith("sdk1") ? ApiVersion.V1 : ApiVersion.V2;
        try (ImageService s = service(c, version)) {
            switch (variant) {
                case "up-sdk2":
                case "up-sdk1": {
                    for (int i = 0; i < c.warmCount(); i++) {
                        String id = s.create(spec("bench-warm")).id();
                        s.upload(id, ImageData.fromSupplier(() -> Bounded.prefix(c.file(), c.warm()), c.warm()));
                        s.delete(id);
                    }
                    String id = s.create(spec("bench-up")).id();
                    Probe probe = c.probe();
                    probe.start();
                    Image done = s.upload(id, ImageData.fromPath(c.file()));
                    Map<String, Object> m = probe.stop();
                    s.delete(id);
                    m.put("bytes", done.size());
                    return m;
                }
                case "down-sdk2":
                case "down-sdk1": {
                    for (int i = 0; i < c.warmCount(); i++) {
                        s.download(c.p.get("warmimage")).toOutputStream(OutputStream.nullOutputStream());
                    }
                    Probe probe = c.probe();
                    probe.start();
                    long n = s.download(c.p.get("image")).toOutputStream(OutputStream.nullOutputStream()).bytes();
                    Map<String, Object> m = probe.stop();
                    m.put("bytes", n);
                    return m;
                }
                case "meta-sdk2": {
                    String id = c.p.get("image");
                    return Latency.measure(c, () -> s.get(id));
                }
                case "list-sdk2": {
                    return Passes.measure(c, () -> count(s, c.page()));
                }
                case "conc-sdk2-up": {
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < c.par(); i++) {
                        ids.add(s.create(spec("bench-conc")).id());
                    }
                    Map<String, Object> m = RawVariants.parallel(c, ids, id -> s.upload(id,
                            ImageData.fromSupplier(() -> Bounded.prefix(c.file(), c.size()), c.size()))
                            .size());
                    for (String id : ids) {
                        s.delete(id);
                    }
                    return m;
                }
                case "conc-sdk2-down": {
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < c.par(); i++) {
                        ids.add(c.p.get("image"));
                    }
                    return RawVariants.parallel(c, ids,
                            id -> s.download(id).toOutputStream(OutputStream.nullOutputStream()).bytes());
                }
                case "big-sdk2":
                    return big(c, s);
                default:
                    throw new IllegalArgumentException("unknown variant " + variant);
            }
        }
    }

    private static long count(ImageService s, int page) {
        long n = 0;
        for (Image ignored : s.list(ImageQuery.builder().pageSize(page).build())) {
            n++;
        }
        return n;
    }

    /** 4 GiB up and down in this (small-heap) JVM: pass if both complete verified. */
    private static Map<String, Object> big(Child c, ImageService s) {
        Map<String, Object> m = new LinkedHashMap<>();
        String id = null;
        try {
            id = s.create(spec("bench-big")).id();
            Probe up = c.probe();
            up.start();
            Image img = s.upload(id, ImageData.fromPath(c.file()));
            Map<String, Object> u = up.stop();
            Probe down = c.probe();
            down.start();
            long n = s.download(id).toOutputStream(OutputStream.nullOutputStream()).bytes();
            Map<String, Object> d = down.stop();
            boolean ok = img.size() != null && img.size() == c.size() && n == c.size();
            m.put("pass", ok);
            if (!ok) {
                m.put("error", "sizes_differ:_uploaded_" + img.size() + "_downloaded_" + n + "_expected_" + c.size());
            }
            m.put("up_wall_s", u.get("wall_s"));
            m.put("up_heap_mib", u.get("heap_mib"));
            m.put("down_wall_s", d.get("wall_s"));
            m.put("down_heap_mib", d.get("heap_mib"));
            m.put("heap_mib", Math.max((Double) u.get("heap_mib"), (Double) d.get("heap_mib")));
            m.put("bytes", n);
        } catch (Throwable t) {
            m.put("pass", false);
            m.put("error", (t.getClass().getSimpleName() + ":" + t.getMessage()).replaceAll("\\s+", "_"));
        } finally {
            if (id != null) {
                try {
                    s.delete(id);
                } catch (RuntimeException ignored) {
                    // the server is stopped at the end anyway
                }
            }
        }
        return m;
    }
}
