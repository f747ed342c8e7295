package dev.imagesdk.it;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.util.Map;

/**
 * The v2 contract against the real Glance started by {@code scripts/real-glance.sh up}. Runs when
 * {@code IMAGE_SDK_REAL_GLANCE=1} and the variables of {@code real-glance.sh env} are set; otherwise it
 * is skipped with the reason, or fails when {@code IMAGE_SDK_REQUIRE_REAL_GLANCE=1} (CI started one).
 */
@ContractTarget(target = "real", suite = "v2")
class RealGlanceContractIT extends ContractSuite {

    @Override
    Target openTarget() {
        Map<String, String> env = System.getenv();
        String missing = RealGlanceTarget.missingConfiguration(env);
        if (missing != null) {
            if ("1".equals(env.get("IMAGE_SDK_REQUIRE_REAL_GLANCE"))) {
                Assertions.fail("real Glance required (IMAGE_SDK_REQUIRE_REAL_GLANCE=1) but " + missing);
            }
            System.out.println("CONTRACT target=real skipped: " + missing);
            Assumptions.abort("real Glance not configured: " + missing);
        }
        return new RealGlanceTarget(env);
    }
}
