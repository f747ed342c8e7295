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

    /**
     * Builds a Feign proxy of {@link GlanceV2Api} that is never called (the JVM keeps the proxy class and the
     * parsed annotations for {@code create}) and initialises the classes of the service and its resources.
     */
    @Override
    public void prepare() {
        feign.Feign.builder().target(GlanceV2Api.class, "http://127.0.0.1");
        for (Class<?> c : new Class<?>[] {V2ImageService.class, V2Context.class, V2Images.class, V2ImageData.class,
                V2Imports.class, V2Metadefs.class, ImageJson.class, V2Json.class, EngineDataTransfer.class,
                DataTransport.class}) {
            try {
                Class.forName(c.getName(), true, c.getClassLoader());
            } catch (ClassNotFoundException impossible) {
                // loaded already through the literal
            }
        }
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
