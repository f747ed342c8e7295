package dev.imagesdk.identity;

import dev.imagesdk.ImageService;
import dev.imagesdk.ImageServices;
import dev.imagesdk.exception.ConfigurationException;
import dev.imagesdk.exception.ForbiddenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Projects by name and regions against a REAL Keystone (scripts/real-glance.sh), as {@code demo} or {@code admin}.
 * Enabled only with {@code IMAGE_SDK_REAL_GLANCE=1} and the variables of {@code real-glance.sh env --user demo}:
 * <pre>
 *   eval "$(scripts/real-glance.sh env --user demo)"
 *   IMAGE_SDK_REAL_GLANCE=1 ./mvnw -o -pl image-sdk-v2 -am verify -Dtest=IdentityRealKeystoneTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * Creates nothing.
 */
@EnabledIfEnvironmentVariable(named = "IMAGE_SDK_REAL_GLANCE", matches = "1")
class IdentityRealKeystoneTest {

    @Test
    void demoSeesItsOwnProjectAndIsRefusedTheListingByName() {
        org.junit.jupiter.api.Assumptions.assumeTrue("demo".equals(System.getenv("OS_USERNAME")), "run as demo");
        try (ImageService images = ImageService.builder().fromEnvironment().build()) {
            Identity identity = images.identity();
            String current = identity.currentProjectId();

            assertThat(identity.myProjects()).anySatisfy(p -> {
                assertThat(p.id()).isEqualTo(current);
                assertThat(p.name()).isEqualTo(System.getenv("OS_PROJECT_NAME"));
            });
            assertThat(identity.findProject(System.getenv("OS_PROJECT_NAME")))
                    .hasValueSatisfying(p -> assertThat(p.id()).isEqualTo(current));
            assertThatThrownBy(() -> identity.findProject("alt_demo")).isInstanceOf(ForbiddenException.class)
                    .hasMessageContaining("/v3/projects?name=alt_demo");
        }
    }

    @Test
    void anAdminFindsAnotherProjectByName() {
        org.junit.jupiter.api.Assumptions.assumeTrue("admin".equals(System.getenv("OS_USERNAME")), "run as admin");
        try (ImageService images = ImageService.builder().fromEnvironment().build()) {
            assertThat(images.identity().findProject("demo")).hasValueSatisfying(p -> {
                assertThat(p.name()).isEqualTo("demo");
                assertThat(p.id()).isNotEqualTo(images.identity().currentProjectId());
            });
            assertThat(images.identity().findProject("no-such-project-" + System.nanoTime())).isEmpty();
        }
    }

    @Test
    void theRealCatalogsRegionServesBuildForRegionsAndAnUnknownRegionIsListed() {
        String region = System.getenv().getOrDefault("OS_REGION_NAME", "RegionOne");
        try (ImageServices regions = ImageService.builder().fromEnvironment().buildForRegions(region)) {
            assertThat(regions.get(region).identity().currentProjectId()).isNotBlank();
        }
        assertThatThrownBy(() -> ImageService.builder().fromEnvironment().buildForRegions(region, "NoSuchRegion"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("NoSuchRegion")
                .hasMessageContaining(region);
    }
}
