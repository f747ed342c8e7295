package dev.imagesdk.spi;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.internal.http.ClientContext;
import dev.imagesdk.internal.spi.ProviderContexts;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * <b>SPI</b>: what {@link dev.imagesdk.ImageServiceBuilder} resolved before it asks an
 * {@link ImageServiceProvider} for the service: the configuration, the image endpoint, the API version and
 * the {@code User-Agent}. Immutable and thread-safe. Instances are created by image-sdk-core only; the
 * API-version modules (image-sdk-v1, image-sdk-v2) also reach the shared transport behind it, which is not
 * part of the public API.
 */
public final class ProviderContext {

    static {
        ProviderContexts.install(ProviderContext::new, c -> c.internal);
    }

    private final ClientContext internal;

    private ProviderContext(ClientContext internal) {
        this.internal = Objects.requireNonNull(internal, "internal");
    }

    /**
     * The configuration the service is built from.
     *
     * @return the configuration, never null
     */
    public ClientConfig config() {
        return internal.config();
    }

    /**
     * The API version chosen (pinned or discovered).
     *
     * @return the version, never null
     */
    public ApiVersion apiVersion() {
        return internal.apiVersion();
    }

    /**
     * The image service root (the configured or catalogued endpoint without a version segment).
     *
     * @return the endpoint, never null
     */
    public URI imageEndpoint() {
        return internal.imageEndpoint();
    }

    /**
     * The version id version discovery found (for example {@code v2.16}).
     *
     * @return the id, or empty when the version was pinned and discovery did not run
     */
    public Optional<String> versionId() {
        return internal.versionId();
    }

    /**
     * The {@code User-Agent} every request carries, {@code image-sdk/<version>}.
     *
     * @return the header value, never null
     */
    public String userAgent() {
        return internal.userAgent();
    }

    /**
     * Describes the endpoint and version, never credentials.
     *
     * @return a description for logs
     */
    @Override
    public String toString() {
        return "ProviderContext{" + internal + "}";
    }
}
