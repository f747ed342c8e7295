package dev.imagesdk.it;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageService;
import dev.imagesdk.config.ClientConfig;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One Glance the contract suite runs against: the fake or a real one. Users {@code admin}, {@code demo}
 * and {@code alt_demo} exist in both, each with a project of the same name and password = user name.
 */
interface Target extends AutoCloseable {

    /** Short name printed in the per-target summary ({@code fake}, {@code real}). */
    String name();

    /** The {@code OS_*} environment of one user on this target (what `real-glance.sh env` prints). */
    Map<String, String> environment(String user);

    /** Glance's root URL (for the raw-HTTP checks). */
    URI glanceUrl();

    /** Serves {@code data} under a URL that this Glance's web-download accepts. */
    URI publish(String name, byte[] data);

    /** A client for {@code user}, configured the way a user would: from the {@code OS_*} variables. */
    default ImageService client(String user, ApiVersion version) {
        Map<String, String> env = new HashMap<>(environment(user));
        return ImageService.builder()
                .config(ClientConfig.fromEnvironment(env, List.<Path>of()).toBuilder().apiVersion(version).build())
                .build();
    }

    @Override
    void close();
}
