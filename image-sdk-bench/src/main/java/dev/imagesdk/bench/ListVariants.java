package dev.imagesdk.bench;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageService;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageQuery;

import java.util.Iterator;
import java.util.Map;

/**
 * Case 9, the default list (issue 21): the SDK with no page size (growing pages: 25, 200, then 1000) against a
 * raw client following {@code next} with {@code limit=1000}, over the {@value ServerMain#LIST_USER} project's
 * images (seeded inside the fake at start); and the time to the first image, the SDK's default list against
 * one raw 25-image page.
 */
final class ListVariants {
    private ListVariants() {
    }

    static Map<String, Object> run(Child c, String variant) throws Exception {
        switch (variant) {
            case "ld-sdk2": {
                try (ImageService s = SdkVariants.service(c, ApiVersion.V2)) {
                    return Passes.measure(c, () -> {
                        long n = 0;
                        for (Image ignored : s.list(ImageQuery.all())) {
                            n++;
                        }
                        return n;
                    });
                }
            }
            case "ld-raw1000": {
                RawGlance g = new RawGlance(c.url, c.user());
                return Passes.measure(c, () -> g.listAll(1000));
            }
            case "lf-sdk2": {
                try (ImageService s = SdkVariants.service(c, ApiVersion.V2)) {
                    return Latency.measure(c, () -> {
                        Iterator<Image> it = s.list(ImageQuery.all()).iterator();
                        return it.next();
                    });
                }
            }
            case "lf-raw25": {
                RawGlance g = new RawGlance(c.url, c.user());
                return Latency.measure(c, () -> g.firstImage(25));
            }
            default:
                throw new IllegalArgumentException("unknown variant " + variant);
        }
    }
}
