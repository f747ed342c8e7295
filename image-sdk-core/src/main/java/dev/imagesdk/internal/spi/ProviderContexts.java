package dev.imagesdk.internal.spi;

import dev.imagesdk.internal.http.ClientContext;
import dev.imagesdk.spi.ProviderContext;

import java.util.function.Function;

/**
 * Internal: the bridge between the public {@link ProviderContext} and the {@link ClientContext} it wraps,
 * for image-sdk-core's builder and the API-version modules (exported to them only). {@link ProviderContext}
 * registers the two functions when its class is initialised, so the wrapper needs no public constructor
 * or accessor of an internal type.
 */
public final class ProviderContexts {

    private static volatile Function<ClientContext, ProviderContext> wrap;
    private static volatile Function<ProviderContext, ClientContext> unwrap;

    private ProviderContexts() {
    }

    /** Called once, by {@link ProviderContext}'s static initialiser. */
    public static void install(Function<ClientContext, ProviderContext> wrapper,
                               Function<ProviderContext, ClientContext> unwrapper) {
        wrap = wrapper;
        unwrap = unwrapper;
    }

    /** The public context around {@code context}. */
    public static ProviderContext wrap(ClientContext context) {
        ensureInitialised();
        return wrap.apply(context);
    }

    /** The internal context inside {@code context}. */
    public static ClientContext unwrap(ProviderContext context) {
        ensureInitialised();
        return unwrap.apply(context);
    }

    private static void ensureInitialised() {
        if (wrap == null) {
            try {
                Class.forName(ProviderContext.class.getName(), true, ProviderContext.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
