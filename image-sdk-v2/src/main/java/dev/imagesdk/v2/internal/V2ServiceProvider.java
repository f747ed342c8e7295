package dev.imagesdk.v2.internal;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageService;
import dev.imagesdk.internal.http.ClientContext;
import dev.imagesdk.internal.spi.ProviderContexts;
import dev.imagesdk.internal.transfer.DataTransport;
import dev.imagesdk.spi.ImageServiceProvider;
import dev.imagesdk.spi.ProviderContext;

/**
 * The API v2 {@link ImageServiceProvider}, registered in
 * {@code META-INF/services/dev.imagesdk.spi.ImageServiceProvider}: wires {@link V2ImageService} onto the
 * shared call layer (Feign on the pooled JDK client, {@code CallExecutor}, {@code ErrorMapper}) and one
 * streaming {@link DataTransport}, which {@code close()} shuts down. Settings from the configuration:
 * {@code deleteImageOnChecksumMismatch}.
 */
public final class V2ServiceProvider implements ImageServiceProvider {

    @Override
    public ApiVersion apiVersion() {
        return ApiVersion.V2;
    }

    @Override
    public ImageService create(ProviderContext context) {
        ClientContext ctx = ProviderContexts.unwrap(context);
        DataTransport transport = DataTransport.create(ctx);
        String root = ctx.imageEndpoint().toString();
        V2Settings settings = V2Settings.defaults()
                .withDeleteOnChecksumMismatch(ctx.config().deleteImageOnChecksumMismatch());
        return new V2ImageService(ctx.feign(GlanceV2Api.class), ctx.jsonGet(), new ExecutorCallRunner(ctx.callExecutor()),
                ctx.errorMapper()::map, new EngineDataTransfer(transport, root), root, ctx.objectMapper(), settings,
                transport::close, dev.imagesdk.internal.auth.KeystoneIdentity.of(ctx));
    }
}
