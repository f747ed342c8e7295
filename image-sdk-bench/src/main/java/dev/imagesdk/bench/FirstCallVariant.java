package dev.imagesdk.bench;

import dev.imagesdk.ImageService;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.model.Image;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Case 10, time to the first call (issue 21): a fresh child JVM that builds a service the way a short-lived tool
 * does (Keystone password, endpoint from the catalog, version discovered) and gets one image. The driver passes
 * {@code t0}, its wall clock just before starting the process; {@code first_call_ms} is from there to the
 * {@code get} returning, so JVM start, class loading, authentication and discovery are all in it.
 * {@code first-raw} is the JDK-only floor (token request + GET + Jackson).
 */
final class FirstCallVariant {
    private FirstCallVariant() {
    }

    static Map<String, Object> run(Child c, String variant) throws Exception {
        long t0 = Long.parseLong(c.p.get("t0"));
        long main = System.currentTimeMillis();
        String id = c.p.get("image");
        Map<String, Object> m = new LinkedHashMap<>();
        long built;
        if (variant.equals("first-raw")) {
            RawGlance g = new RawGlance(c.url, c.user());
            built = System.currentTimeMillis();
            g.get(id);
        } else {
            ClientConfig cfg = ClientConfig.builder()
                    .auth(AuthMethod.V3Password.of(c.user(), c.user(), "Default", c.user()))
                    .authUrl(c.url + "/v3")
                    .build();
            try (ImageService s = ImageService.builder().config(cfg).build()) {
                built = System.currentTimeMillis();
                Image img = s.get(id);
                if (!id.equals(img.id())) {
                    throw new IllegalStateException("got image " + img.id());
                }
            }
        }
        long done = System.currentTimeMillis();
        m.put("first_call_ms", done - t0);
        m.put("to_main_ms", main - t0);
        m.put("build_ms", built - main);
        m.put("get_ms", done - built);
        return m;
    }
}
