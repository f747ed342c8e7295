package dev.imagesdk.testsupport;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageService;
import dev.imagesdk.internal.http.ClientContext;
import dev.imagesdk.internal.spi.ProviderContexts;
import dev.imagesdk.spi.ImageServiceProvider;
import dev.imagesdk.spi.ProviderContext;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A provider whose service does nothing but remember the context it was created with. A copy of core's test helper of the same name
 * (it needs core types, so it cannot live in image-sdk-testkit, and core makes no test jar).
 */
public final class CapturingProvider implements ImageServiceProvider {

    private final ApiVersion version;
    private final AtomicReference<ClientContext> context = new AtomicReference<>();

    public CapturingProvider(ApiVersion version) {
        this.version = version;
    }

    @Override
    public ApiVersion apiVersion() {
        return version;
    }

    @Override
    public ImageService create(ProviderContext ctx) {
        context.set(ProviderContexts.unwrap(ctx));
        return (ImageService) Proxy.newProxyInstance(ImageService.class.getClassLoader(),
                new Class<?>[] {ImageService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("toString")) {
                        return "stub " + version;
                    }
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    public ClientContext context() {
        return context.get();
    }
}
