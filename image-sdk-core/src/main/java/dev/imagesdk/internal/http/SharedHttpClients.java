package dev.imagesdk.internal.http;

import dev.imagesdk.config.ClientConfig;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One JDK {@link HttpClient} (with its TLS context) per distinct set of connection settings, shared by every
 * service built with those settings and counted by reference.
 *
 * <p>Why: each {@code HttpClient} owns a selector thread and a connection pool, and JDK 17's has no
 * {@code close()}: a client per service would keep its thread and its pooled connections until the
 * garbage collector happens to collect it, so build/use/close cycles pile them up. Sharing, as OkHttp
 * advises for its own client, keeps one thread and one pool per settings however many services come and go.
 * When the last service using a client is closed: on JDK 21 and later (where {@code HttpClient} has
 * {@code shutdown()}) the client is shut down, which ends its selector thread and closes its idle
 * connections, and is forgotten; on JDK 17 it stays registered for the next service with the same settings
 * (its idle connections close after the JDK's keep-alive timeout).
 *
 * <p>The key: connect timeout, proxy selector (by identity: pass the same instance to share), proxy settings
 * with their credentials (by value), CA bundle
 * (path, size and modification time, so a replaced file gets a new client) and {@code insecure}. Thread-safe.
 */
public final class SharedHttpClients {

    /** A service's use of a shared client; {@link #release()} once, when the service is closed. */
    public static final class Lease {
        private final Entry entry;
        private final AtomicBoolean released = new AtomicBoolean();

        private Lease(Entry entry) {
            this.entry = entry;
        }

        public HttpClient client() {
            return entry.client;
        }

        /** The TLS context the client uses, for the streaming path. */
        public SSLContext sslContext() {
            return entry.ssl;
        }

        /** Gives the client back; idempotent. */
        public void release() {
            if (released.compareAndSet(false, true)) {
                SharedHttpClients.release(entry);
            }
        }
    }

    private record Key(Duration connectTimeout, ProxySelector proxy, Path caCert, long caSize, long caModified,
                       boolean insecure, dev.imagesdk.config.ProxyConfig proxyConfig) {
        @Override
        public boolean equals(Object o) { // the proxy selector by identity, the proxy (with credentials) by value
            return o instanceof Key k && k.proxy == proxy && connectTimeout.equals(k.connectTimeout)
                    && java.util.Objects.equals(caCert, k.caCert) && caSize == k.caSize
                    && caModified == k.caModified && insecure == k.insecure
                    && java.util.Objects.equals(proxyConfig, k.proxyConfig);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(connectTimeout, System.identityHashCode(proxy), caCert, caSize, caModified,
                    insecure, proxyConfig);
        }

        @Override
        public String toString() { // the proxy's password stays masked
            return "Key[" + connectTimeout + ", " + proxyConfig + ", " + caCert + ", insecure=" + insecure + "]";
        }
    }

    private static final class Entry {
        final Key key;
        final HttpClient client;
        final SSLContext ssl;
        int users;

        Entry(Key key, HttpClient client, SSLContext ssl) {
            this.key = key;
            this.client = client;
            this.ssl = ssl;
        }
    }

    private static final Map<Key, Entry> CLIENTS = new HashMap<>();
    /** {@code HttpClient.shutdown()} on JDK 21+, else null. */
    private static final MethodHandle SHUTDOWN = shutdownHandle();

    private SharedHttpClients() {
    }

    /** A lease on the client for these settings, creating it (and its TLS context) if none is registered. */
    public static Lease acquire(ClientConfig config) {
        Key key = keyOf(config);
        synchronized (CLIENTS) {
            Entry e = CLIENTS.get(key);
            if (e == null) {
                SSLContext ssl = TlsContexts.create(config.caCert().orElse(null), config.insecure());
                e = new Entry(key, HttpStack.httpClient(config, ssl), ssl);
                CLIENTS.put(key, e);
            }
            e.users++;
            return new Lease(e);
        }
    }

    /** How many distinct clients are registered (for tests). */
    static int size() {
        synchronized (CLIENTS) {
            return CLIENTS.size();
        }
    }

    private static void release(Entry e) {
        boolean shutDown;
        synchronized (CLIENTS) {
            e.users--;
            shutDown = e.users == 0 && SHUTDOWN != null && CLIENTS.get(e.key) == e;
            if (shutDown) {
                CLIENTS.remove(e.key);
            }
        }
        if (shutDown) {
            try {
                SHUTDOWN.invoke(e.client); // returns at once; in-flight exchanges (none of ours) finish first
            } catch (Throwable ignored) {
                // the client is forgotten either way; the collector takes it
            }
        }
    }

    private static Key keyOf(ClientConfig config) {
        Path ca = config.insecure() ? null : config.caCert().map(p -> p.toAbsolutePath().normalize()).orElse(null);
        long size = -1;
        long modified = -1;
        if (ca != null) {
            try {
                size = Files.size(ca);
                modified = Files.getLastModifiedTime(ca).toMillis();
            } catch (IOException unreadable) {
                // TlsContexts reports it when the client is created
            }
        }
        return new Key(config.connectTimeout(), config.proxySelector(), ca, size, modified, config.insecure(),
                config.proxy().orElse(null));
    }

    private static MethodHandle shutdownHandle() {
        try {
            return MethodHandles.publicLookup().findVirtual(HttpClient.class, "shutdown",
                    MethodType.methodType(void.class));
        } catch (NoSuchMethodException | IllegalAccessException jdk17) {
            return null;
        }
    }
}
