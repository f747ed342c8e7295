package dev.imagesdk.v1.internal;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageService;
import dev.imagesdk.internal.spi.ProviderContexts;
import dev.imagesdk.spi.ImageServiceProvider;
import dev.imagesdk.spi.ProviderContext;


/**
 * Registers API v1 with {@link dev.imagesdk.ImageServiceBuilder} (through
 * {@code META-INF/services/dev.imagesdk.spi.ImageServiceProvider}). The service it creates is an
 * {@link dev.imagesdk.v1.ImageServiceV1} talking to {@code <image endpoint>/v1} (or to the endpoint's own
 * {@code /v1.0} segment when it was configured or catalogued with one), with
 * {@code deleteImageOnChecksumMismatch} from the configuration.
 */
public final class V1ServiceProvider implements ImageServiceProvider {

    @Override
    public ApiVersion apiVersion() {
        return ApiVersion.V1;
    }

    @Override
    public ImageService create(ProviderContext context) {
        return V1ImageService.create(ProviderContexts.unwrap(context));
    }
}
