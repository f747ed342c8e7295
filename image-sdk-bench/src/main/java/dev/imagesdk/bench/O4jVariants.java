package dev.imagesdk.bench;

import org.openstack4j.api.Builders;
import org.openstack4j.api.OSClient;
import org.openstack4j.model.common.ActionResponse;
import org.openstack4j.model.common.Identifier;
import org.openstack4j.model.common.Payloads;
import org.openstack4j.model.image.v2.ContainerFormat;
import org.openstack4j.model.image.v2.DiskFormat;
import org.openstack4j.model.image.v2.Image;
import org.openstack4j.openstack.OSFactory;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * openstack4j 3.12 as a user adds it (its default RESTEasy connector), image API v2, unverified. Its
 * download can only write a file: it goes to a temp file in the scratch directory, deleted afterwards.
 */
final class O4jVariants {
    private O4jVariants() {
    }

    static Map<String, Object> run(Child c, String variant) throws Exception {
        OSClient.OSClientV3 os = OSFactory.builderV3().endpoint(c.url + "/v3")
                .credentials(c.user(), c.user(), Identifier.byName("Default"))
                .scopeToProject(Identifier.byName(c.user()), Identifier.byName("Default"))
                .authenticate();
        switch (variant) {
            case "up-o4j": {
                for (int i = 0; i < c.warmCount(); i++) {
                    Image img = create(os, "bench-warm");
                    check(os.imagesV2().upload(img.getId(), Payloads.create(Bounded.prefix(c.file(), c.warm())), img));
                    os.imagesV2().delete(img.getId());
                }
                Image img = create(os, "bench-up");
                Probe probe = c.probe();
                probe.start();
                check(os.imagesV2().upload(img.getId(), Payloads.create(c.file().toFile()), img));
                Map<String, Object> m = probe.stop();
                os.imagesV2().delete(img.getId());
                m.put("bytes", c.size());
                return m;
            }
            case "down-o4j": {
                Path target = Files.createTempFile(Path.of(c.p.get("scratch")), "o4j-dl-", ".bin");
                try {
                    File f = target.toFile();
                    for (int i = 0; i < c.warmCount(); i++) {
                        check(os.imagesV2().download(c.p.get("warmimage"), f));
                    }
                    Probe probe = c.probe();
                    probe.start();
                    check(os.imagesV2().download(c.p.get("image"), f));
                    Map<String, Object> m = probe.stop();
                    m.put("bytes", Files.size(target));
                    return m;
                } finally {
                    Files.deleteIfExists(target);
                }
            }
            case "meta-o4j": {
                String id = c.p.get("image");
                return Latency.measure(c, () -> {
                    if (os.imagesV2().get(id) == null) {
                        throw new IllegalStateException("get returned null");
                    }
                    return null;
                });
            }
            case "list-o4j": {
                return Passes.measure(c, () -> listAll(os, c.page()));
            }
            default:
                throw new IllegalArgumentException("unknown variant " + variant);
        }
    }

    private static Image create(OSClient.OSClientV3 os, String name) {
        return os.imagesV2().create(Builders.imageV2().name(name).diskFormat(DiskFormat.RAW)
                .containerFormat(ContainerFormat.BARE).build());
    }

    private static void check(ActionResponse r) {
        if (r == null || !r.isSuccess()) {
            throw new IllegalStateException("openstack4j call failed: " + r);
        }
    }

    /** openstack4j returns one page: the marker loop a user has to write (reference/peers.md). */
    private static long listAll(OSClient.OSClientV3 os, int page) {
        long n = 0;
        String marker = null;
        while (true) {
            Map<String, String> q = marker == null ? Map.of("limit", String.valueOf(page))
                    : Map.of("limit", String.valueOf(page), "marker", marker);
            List<? extends Image> images = os.imagesV2().list(q);
            n += images.size();
            if (images.size() < page) {
                return n;
            }
            marker = images.get(images.size() - 1).getId();
        }
    }
}
