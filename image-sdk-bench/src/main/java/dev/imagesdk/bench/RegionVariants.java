package dev.imagesdk.bench;

import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.ImageServices;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.regions.PublishOptions;
import dev.imagesdk.regions.PublishResult;
import dev.imagesdk.regions.RegionOutcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Case 8 (issue 20): one file to {@link #REGIONS} regions of one fake cloud (one fake per region behind one
 * Keystone, in the server JVM): {@code reg-pub3} publishes once (one read, one hashing, every region
 * verified), {@code reg-seq3} uploads it to each region in turn with the ordinary verified upload, and
 * {@code reg-one} uploads it to one region (the baseline of the targets: wall time and CPU of a single verified
 * upload). Creation and deletion are not timed (except inside {@code publish}, where creation is part of the
 * call). {@code bytes} is the file's size: throughput and CPU per GiB are per GiB of image published.
 */
final class RegionVariants {

    static final int REGIONS = 3;

    private RegionVariants() {
    }

    static List<String> names() {
        List<String> l = new ArrayList<>();
        for (int i = 1; i <= REGIONS; i++) {
            l.add("bench-r" + i);
        }
        return l;
    }

    private static ImageSpec spec(String name) {
        return ImageSpec.builder().name(name).diskFormat(DiskFormat.RAW).containerFormat(ContainerFormat.BARE).build();
    }

    static Map<String, Object> run(Child c, String variant) throws Exception {
        ClientConfig cfg = ClientConfig.builder()
                .auth(AuthMethod.V3Password.of(c.user(), c.user(), "Default", c.user()))
                .authUrl(c.url + "/v3")
                .build();
        try (ImageServices regions = ImageService.builder().config(cfg).buildForRegions(names())) {
            // Warm-up: the same path, small.
            for (int i = 0; i < c.warmCount(); i++) {
                PublishResult warm = regions.publish(spec("bench-warm"),
                        ImageData.fromSupplier(() -> Bounded.prefix(c.file(), c.warm()), c.warm()),
                        PublishOptions.allOrNothing());
                delete(regions, warm);
                for (String r : regions.regions()) {
                    ImageService s = regions.get(r);
                    String id = s.create(spec("bench-warm")).id();
                    s.upload(id, ImageData.fromSupplier(() -> Bounded.prefix(c.file(), c.warm()), c.warm()));
                    s.delete(id);
                }
            }
            switch (variant) {
                case "reg-pub3": {
                    Probe probe = c.probe();
                    probe.start();
                    PublishResult result = regions.publish(spec("bench-pub"), ImageData.fromPath(c.file()),
                            PublishOptions.allOrNothing());
                    Map<String, Object> m = probe.stop();
                    delete(regions, result);
                    result.throwIfFailed();
                    m.put("bytes", result.bytes());
                    return m;
                }
                case "reg-seq3":
                case "reg-one": {
                    List<String> targets = variant.equals("reg-one") ? regions.regions().subList(0, 1)
                            : regions.regions();
                    List<String> ids = new ArrayList<>();
                    for (String r : targets) {
                        ids.add(regions.get(r).create(spec("bench-seq")).id());
                    }
                    Probe probe = c.probe();
                    probe.start();
                    long bytes = 0;
                    for (int i = 0; i < targets.size(); i++) {
                        Image done = regions.get(targets.get(i)).upload(ids.get(i), ImageData.fromPath(c.file()));
                        bytes = done.size();
                    }
                    Map<String, Object> m = probe.stop();
                    for (int i = 0; i < targets.size(); i++) {
                        regions.get(targets.get(i)).delete(ids.get(i));
                    }
                    m.put("bytes", bytes);
                    return m;
                }
                default:
                    throw new IllegalArgumentException("unknown variant " + variant);
            }
        }
    }

    private static void delete(ImageServices regions, PublishResult result) {
        for (RegionOutcome o : result.outcomes()) {
            if (o.published()) {
                regions.get(o.region()).delete(o.imageId().orElseThrow());
            }
        }
    }
}
