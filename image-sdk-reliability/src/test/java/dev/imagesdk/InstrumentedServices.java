package dev.imagesdk;

import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.internal.http.CallExecutor;
import dev.imagesdk.internal.spi.ProviderContexts;
import dev.imagesdk.spi.ImageServiceProvider;
import dev.imagesdk.spi.ProviderContext;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Test hook (in the core's package for the builder's package-private provider hook): builds a real
 * service through the real provider and keeps its call executor, whose retry and re-authentication
 * counts the fault matrix reports.
 */
public final class InstrumentedServices {

    /** A service and the executor its calls run on. */
    public record Instrumented(ImageService service, CallExecutor executor) {
    }

    private InstrumentedServices() {
    }

    public static Instrumented build(ClientConfig config, ApiVersion version) {
        ImageServiceProvider real = null;
        for (ImageServiceProvider p : ServiceLoader.load(ImageServiceProvider.class)) {
            if (p.apiVersion() == version) {
                real = p;
            }
        }
        if (real == null) {
            throw new IllegalStateException("no provider for " + version);
        }
        ImageServiceProvider delegate = real;
        AtomicReference<CallExecutor> executor = new AtomicReference<>();
        ImageServiceProvider recording = new ImageServiceProvider() {
            @Override
            public ApiVersion apiVersion() {
                return version;
            }

            @Override
            public ImageService create(ProviderContext context) {
                executor.set(ProviderContexts.unwrap(context).callExecutor());
                return delegate.create(context);
            }
        };
        ImageService service = ImageService.builder().config(config).apiVersion(version)
                .providers(List.of(recording)).build();
        return new Instrumented(service, executor.get());
    }
}
