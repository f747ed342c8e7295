package dev.imagesdk.v2.internal;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageService;
import dev.imagesdk.internal.http.ClientContext;
import dev.imagesdk.internal.transfer.TransferConfig;
import dev.imagesdk.internal.transfer.TransferEngine;
import dev.imagesdk.spi.ImageServiceProvider;

/**
 * The API v2 {@link ImageServiceProvider}, registered in
 * {@code META-INF/services/dev.imagesdk.spi.ImageServiceProvider}: wires {@link V2ImageService} onto the
 * shared call layer (Feign on the pooled JDK client, {@code CallExecutor}, {@code ErrorMapper}) and one
 * streaming {@link TransferEngine}, which {@code close()} shuts down.
 */
public final class V2ServiceProvider implements ImageServiceProvider {

    @Override
    public ApiVersion apiVersion() {
        return ApiVersion.V2;
    }

    @Override
    public ImageService create(ClientContext ctx) {
        TransferEngine engine = new TransferEngine(TransferConfig.builder()
                .connectTimeout(ctx.connectTimeout())
                .idleTimeout(ctx.idleTimeout())
                .sslSocketFactory(ctx.sslContext().getSocketFactory())
                .hostnameVerifier(ctx.hostnameVerifier())
                .build());
        String root = ctx.imageEndpoint().toString();
        DataTransfer data = new EngineDataTransfer(engine, ctx.callExecutor(), ctx.tokenProvider().orElse(null),
                ctx.errorMapper()::map, root, ctx.transferTokenValidity(), ctx.wireLogger());
        return new V2ImageService(ctx.feign(GlanceV2Api.class), new ExecutorCallRunner(ctx.callExecutor()),
                ctx.errorMapper()::map, data, root, ctx.objectMapper(), V2Settings.defaults(), engine::close);
    }
}
