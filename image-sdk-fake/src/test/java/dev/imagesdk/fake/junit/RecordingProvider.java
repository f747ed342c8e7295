package dev.imagesdk.fake.junit;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageService;
import dev.imagesdk.internal.http.ClientContext;
import dev.imagesdk.internal.spi.ProviderContexts;
import dev.imagesdk.spi.ImageServiceProvider;
import dev.imagesdk.spi.ProviderContext;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stand-in v2 implementation for this module's tests (the real ones live in image-sdk-v2): it
 * records the context the core builder resolved against the fake.
 */
public final class RecordingProvider implements ImageServiceProvider {
    static final AtomicReference<ClientContext> LAST = new AtomicReference<>();
    static final AtomicInteger CLOSED = new AtomicInteger();

    @Override
    public ApiVersion apiVersion() {
        return ApiVersion.V2;
    }

    @Override
    public ImageService create(ProviderContext context) {
        LAST.set(ProviderContexts.unwrap(context));
        return (ImageService) Proxy.newProxyInstance(ImageService.class.getClassLoader(),
                new Class<?>[] {ImageService.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close":
                            CLOSED.incrementAndGet();
                            return null;
                        case "toString":
                            return "RecordingImageService";
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }
}
