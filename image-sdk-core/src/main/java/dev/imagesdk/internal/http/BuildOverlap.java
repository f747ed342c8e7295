package dev.imagesdk.internal.http;

import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.spi.ImageServiceProvider;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * What {@code ImageServiceBuilder.build()} runs beside its own thread while that thread waits on the network.
 *
 * <p>Measured first (JDK 17, 2 cores, Keystone and Glance on loopback, a fresh process): a build of about 1 s
 * is mostly class loading and initialisation (the TLS context and the JDK {@code HttpClient} ~0.35 s, Jackson
 * ~0.25 s, Feign and Resilience4j ~0.15 s, the first request through the JDK client ~0.2 s, the provider
 * ~0.06 s); version discovery itself took 0.015 s there. Running that class loading on two threads from the
 * start did not help on a machine whose cores were oversubscribed (it was slower: lock holders were
 * descheduled), so the builder's own work stays on its thread and only two things run beside it, each while
 * it waits on the network: the providers' {@link ImageServiceProvider#prepare()} (during authentication or
 * discovery), and version discovery of a configured endpoint (during authentication, against a real cloud
 * two round trips that no longer add up).
 */
public final class BuildOverlap {

    private BuildOverlap() {
    }

    /**
     * Lets each provider prepare on a daemon thread; a failure there is ignored (it is only a head start:
     * {@code create} does the same work and reports its failures).
     *
     * @param providers the providers found
     */
    public static void prepare(List<ImageServiceProvider> providers) {
        if (providers.isEmpty()) {
            return;
        }
        Thread t = new Thread(() -> {
            for (ImageServiceProvider p : providers) {
                try {
                    p.prepare();
                } catch (RuntimeException | LinkageError ignored) {
                    // see above
                }
            }
        }, "image-sdk-prepare");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Starts {@code work} on a daemon thread.
     *
     * @param <T> the result type
     * @param name the thread's name
     * @param work what to run
     * @return waits for the result: {@code work}'s own unchecked exception or error, rethrown as it was
     */
    public static <T> Supplier<T> start(String name, Supplier<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(work.get());
            } catch (RuntimeException | Error e) {
                f.completeExceptionally(e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return () -> {
            try {
                return f.join();
            } catch (CompletionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException r) {
                    throw r;
                }
                if (c instanceof Error err) {
                    throw err;
                }
                throw new ImageSdkClientException(name + " failed: " + c, c);
            }
        };
    }
}
