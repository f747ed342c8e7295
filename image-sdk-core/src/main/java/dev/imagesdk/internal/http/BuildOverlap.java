package dev.imagesdk.internal.http;

import dev.imagesdk.exception.ImageSdkClientException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * What {@code ImageServiceBuilder.build()} runs beside its own thread: version discovery of a configured
 * endpoint while that thread obtains the first token (against a real cloud, two round trips that no longer add
 * up; neither needs the other).
 *
 * <p>Measured first (JDK 17, 2 cores, Keystone and Glance on loopback, a fresh process): a build of about 1 s
 * is mostly class loading and initialisation (the TLS context and the JDK {@code HttpClient} ~0.35 s, Jackson
 * ~0.25 s, Feign and Resilience4j ~0.15 s, the first request through the JDK client ~0.2 s, the provider
 * ~0.06 s); version discovery itself took 0.015 s there. Moving class loading to a second thread (Jackson and
 * Feign from the start, the provider's classes during authentication) was tried and measured: on this machine,
 * its 2 cores shared with other builds, the first call came later, not sooner, and cost more CPU, so it is not
 * done; an AppCDS archive is what shortens this part (README, "Short-lived tools").
 */
public final class BuildOverlap {

    private BuildOverlap() {
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
