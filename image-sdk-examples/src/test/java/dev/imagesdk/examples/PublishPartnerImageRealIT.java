package dev.imagesdk.examples;

import dev.imagesdk.ImageService;
import dev.imagesdk.assertj.ImageSdkAssertions;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageLifecycle;
import dev.imagesdk.model.ImageProperties;
import dev.imagesdk.model.ImageQuery;
import dev.imagesdk.model.PartnerImageProfile;
import dev.imagesdk.model.Visibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PublishPartnerImage against a real Glance ({@code scripts/real-glance.sh up}; then
 * {@code eval "$(scripts/real-glance.sh env --user admin)"} and {@code IMAGE_SDK_REAL_GLANCE=1}). It runs
 * as {@code admin} whatever user the environment names, because making an image public needs that role.
 */
@EnabledIfEnvironmentVariable(named = "IMAGE_SDK_REAL_GLANCE", matches = "1")
class PublishPartnerImageRealIT {

    @Test
    void publishesAndDeprecatesOnRealGlanceThenDeletesWithoutKeep() {
        Map<String, String> env = asAdmin(System.getenv());
        String name = "partner-it-" + UUID.randomUUID().toString().substring(0, 8);

        String kept = run(env, "--keep", "--name", name);

        try (ImageService admin = ImageService.builder()
                .config(ClientConfig.fromEnvironment(env, ClientConfig.defaultSearchDirs(env))).build()) {
            List<Image> found = admin.list(ImageQuery.builder().name(name + PartnerImageProfile.DEPRECATED_SUFFIX)
                    .build()).stream().toList();
            assertThat(found).hasSize(1);
            Image image = found.get(0);
            try {
                assertThat(kept).startsWith("Running against the cloud at OS_AUTH_URL=")
                        .contains("100%").contains("| name ");
                ImageSdkAssertions.assertThat(image).isActive()
                        .hasVisibility(Visibility.PUBLIC)
                        .hasSize(SampleImage.DEFAULT_SIZE)
                        .hasProperty(ImageProperties.HP_IMAGE_LIFECYCLE, ImageLifecycle.DEPRECATED);
                assertThat(PartnerImageProfile.withConsoleProperties().check(image).isCompliant()).isTrue();
            } finally {
                admin.delete(image.id());
            }

            String deleted = run(env, "--name", name + "-2");
            assertThat(deleted).contains("is gone");
            assertThat(admin.list(ImageQuery.builder().name(name + "-2" + PartnerImageProfile.DEPRECATED_SUFFIX)
                    .build()).stream().toList()).isEmpty();
        }
    }

    private static String run(Map<String, String> env, String... args) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        ExampleEnvironment.overrideEnvironment(env, new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            PublishPartnerImage.main(args);
        } finally {
            ExampleEnvironment.clearOverrides();
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private static Map<String, String> asAdmin(Map<String, String> processEnv) {
        Map<String, String> env = new HashMap<>();
        processEnv.forEach((k, v) -> {
            if (k.startsWith("OS_")) {
                env.put(k, v);
            }
        });
        env.remove("OS_CLOUD");
        env.put("OS_USERNAME", "admin");
        env.put("OS_PASSWORD", "admin");
        env.put("OS_PROJECT_NAME", "admin");
        return env;
    }
}
