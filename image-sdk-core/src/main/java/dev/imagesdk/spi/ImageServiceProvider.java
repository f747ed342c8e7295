package dev.imagesdk.spi;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageService;
import dev.imagesdk.internal.http.ClientContext;

/**
 * <b>SPI</b>: implemented by the API-version modules (image-sdk-v1, image-sdk-v2), not by users. Found
 * through {@link java.util.ServiceLoader} (a {@code META-INF/services/dev.imagesdk.spi.ImageServiceProvider}
 * entry); {@link dev.imagesdk.ImageServiceBuilder} picks the provider of the version it chose.
 */
public interface ImageServiceProvider {

    /** The API version this provider implements. */
    ApiVersion apiVersion();

    /**
     * Creates the service on an authenticated, resolved context. Must not perform network calls that can
     * fail the build unless the failure is reported as an {@link dev.imagesdk.exception.ImageSdkException}.
     */
    ImageService create(ClientContext context);
}
