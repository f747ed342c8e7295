package dev.imagesdk.v1.internal;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageService;
import dev.imagesdk.internal.http.ClientContext;
import dev.imagesdk.spi.ImageServiceProvider;

import java.time.Duration;

/**
 * Registers API v1 with {@link dev.imagesdk.ImageServiceBuilder} (through
 * {@code META-INF/services/dev.imagesdk.spi.ImageServiceProvider}). The service it creates is an
 * {@link dev.imagesdk.v1.ImageServiceV1} talking to {@code <image endpoint>/v1}.
 */
public final class V1ServiceProvider implements ImageServiceProvider {

    @Override
    public ApiVersion apiVersion() {
        return ApiVersion.V1;
    }

    @Override
    public ImageService create(ClientContext context) {
        return new V1ImageService(new ContextV1Http(context), Duration.ofSeconds(1), Duration.ofSeconds(15));
    }
}
