package dev.imagesdk.spi;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageService;

/**
 * <b>SPI</b>: implemented by the API-version modules (image-sdk-v1, image-sdk-v2), not by users. Found
 * through {@link java.util.ServiceLoader} (a {@code META-INF/services/dev.imagesdk.spi.ImageServiceProvider}
 * entry on the class path, a {@code provides} clause on the module path); {@link dev.imagesdk.ImageServiceBuilder}
 * picks the provider of the version it chose.
 */
public interface ImageServiceProvider {

    /**
     * The API version this provider implements.
     *
     * @return the version, never null
     */
    ApiVersion apiVersion();

    /**
     * Creates the service on an authenticated, resolved context. Must not perform network calls that can
     * fail the build unless the failure is reported as an {@link dev.imagesdk.exception.ImageSdkException}.
     *
     * @param context what the builder resolved (configuration, endpoint, version)
     * @return the service, open until its {@code close()}
     * @throws dev.imagesdk.exception.ImageSdkException if the service cannot be created on that context
     */
    ImageService create(ProviderContext context);
}
