package dev.imagesdk.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.internal.retry.RetryPolicy;
import dev.imagesdk.internal.retry.Sleeper;
import dev.imagesdk.spi.ImageServiceProvider;
import feign.Feign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The part of {@code ImageServiceBuilder.build()} that does not depend on the TLS context or the network,
 * started on a daemon thread beside it.
 *
 * <p>Why: in a fresh process the build is dominated by loading and initialising classes, not by the
 * network. Measured on JDK 17 (2 cores, Keystone and Glance on loopback), a build of about 1 s spent
 * roughly: the TLS context and the JDK {@code HttpClient} 0.35 s, Jackson's first {@code ObjectMapper}
 * and parse 0.25 s, Feign and Resilience4j before the first request 0.15 s, the first request through
 * the JDK client 0.2 s, the provider 0.06 s; version discovery itself 0.015 s. So the caller's thread
 * creates the TLS context and the client while this thread creates the {@link ObjectMapper} and the
 * unauthenticated {@link CallExecutor} the build uses, loads Feign (a proxy that is never called) and lets
 * each provider {@linkplain ImageServiceProvider#prepare() prepare} itself, which then overlaps the
 * authentication request. Nothing here performs I/O.
 *
 * <p>With a single available processor the work runs on the caller's thread, first: a second thread would
 * only compete for the one core.
 */
public final class BuildWarmup {

    private final CompletableFuture<ObjectMapper> json;
    private final CompletableFuture<CallExecutor> unauthenticated;

    private BuildWarmup(CompletableFuture<ObjectMapper> json, CompletableFuture<CallExecutor> unauthenticated) {
        this.json = json;
        this.unauthenticated = unauthenticated;
    }

    /**
     * Starts the work.
     *
     * @param policy the retry policy of the unauthenticated executor
     * @param sleeper its sleeper
     * @param providers the providers found, to {@linkplain ImageServiceProvider#prepare() prepare}
     * @return the handle to collect the results from
     */
    public static BuildWarmup start(RetryPolicy policy, Sleeper sleeper, List<ImageServiceProvider> providers) {
        CompletableFuture<ObjectMapper> json = new CompletableFuture<>();
        CompletableFuture<CallExecutor> unauthenticated = new CompletableFuture<>();
        Runnable work = () -> {
            complete(json, HttpStack::objectMapper);
            complete(unauthenticated, () -> new CallExecutor(null, policy, sleeper));
            // Only a head start: whatever fails here happens again, and is reported, on the caller's thread.
            quietly(() -> Feign.builder().target(VersionDiscovery.VersionsApi.class, "http://127.0.0.1"));
            quietly(() -> warmJson(json.join()));
            for (ImageServiceProvider p : providers) {
                quietly(p::prepare);
            }
        };
        if (Runtime.getRuntime().availableProcessors() > 1) {
            Thread t = new Thread(work, "image-sdk-build-warmup");
            t.setDaemon(true);
            t.start();
        } else {
            work.run();
        }
        return new BuildWarmup(json, unauthenticated);
    }

    /** {@return the mapper the service uses} */
    public ObjectMapper objectMapper() {
        return join(json);
    }

    /** {@return the executor for unauthenticated calls (Keystone, version discovery)} */
    public CallExecutor unauthenticated() {
        return join(unauthenticated);
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException | LinkageError ignored) {
            // see start()
        }
    }

    private static <T> void complete(CompletableFuture<T> f, java.util.function.Supplier<T> s) {
        try {
            f.complete(s.get());
        } catch (RuntimeException | Error e) {
            f.completeExceptionally(e);
        }
    }

    /** Writes and reads a token-request-like document: the serializers and parsers the first request needs. */
    private static void warmJson(ObjectMapper mapper) {
        try {
            ObjectNode doc = mapper.createObjectNode();
            doc.putObject("auth").putArray("methods").add("password");
            byte[] bytes = mapper.writeValueAsBytes(doc);
            JsonNode back = mapper.readTree(bytes);
            back.path("auth").path("methods").size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            Throwable c = e.getCause();
            if (c instanceof ImageSdkException s) {
                throw s;
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new ImageSdkClientException("Could not build the image service: " + c, c);
        }
    }
}
