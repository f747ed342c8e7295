package dev.imagesdk.fake.internal.http;

import com.sun.net.httpserver.HttpExchange;
import dev.imagesdk.fake.AuthMode;
import dev.imagesdk.fake.Fault;
import dev.imagesdk.fake.Operation;
import dev.imagesdk.fake.RecordedRequest;
import dev.imagesdk.fake.internal.engine.Caller;
import dev.imagesdk.fake.internal.engine.Engine;
import dev.imagesdk.fake.internal.engine.FaultPlan;
import dev.imagesdk.fake.internal.engine.GlanceException;
import dev.imagesdk.fake.internal.engine.Identity;
import dev.imagesdk.fake.internal.engine.Journal;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.time.Duration;

/**
 * The fake's single HTTP endpoint on 127.0.0.1: Glance v2, Keystone, version documents and the
 * {@code /_fake} control API, served by {@link Http11Server} (persistent connections as Glance
 * keeps them, one thread per connection, read timeouts).
 */
public final class HttpAdapter implements AutoCloseable {
    /** System.Logger, not SLF4J: the standalone jar has no SLF4J provider and must still show failures. */
    private static final System.Logger LOG = System.getLogger(HttpAdapter.class.getName());
    private static final String ERRED = "The server has either erred or is incapable of performing the requested "
            + "operation.";
    private static final String UNAUTHORIZED = "This server could not verify that you are authorized to access the "
            + "document you requested. Either you supplied the wrong credentials (e.g., bad password), or your browser "
            + "does not understand how to supply the credentials required.";

    private final Engine engine;
    private final Identity identity;
    private final FaultPlan faults;
    private final Journal journal;
    private final AuthMode authMode;
    private final ExternalKeystone external;
    private final V2Routes v2;
    private final V1Routes v1;
    private final KeystoneRoutes keystone;
    private final ControlRoutes control;
    private final Http11Server server;
    private final String baseUrl;
    private volatile boolean advertiseV1;

    /**
     * Connection timeouts: {@code readTimeout} bounds the arrival of a request's headers and every
     * stalled body read or response write; {@code idleTimeout} how long a kept-alive connection may
     * wait for its next request; {@code maxPlatformThreads} the connections served at once when the
     * JDK has no virtual threads.
     */
    public record ServerSettings(Duration readTimeout, Duration idleTimeout, int maxPlatformThreads) {
        /** 30 s stalled read or write, 120 s idle, 2,000 connections on platform threads. */
        public static ServerSettings defaults() {
            return new ServerSettings(Duration.ofSeconds(30), Duration.ofSeconds(120), 2000);
        }
    }

    /** Settings of the external-Keystone mode (null otherwise). */
    public record ExternalAuth(String url, String user, String password, String project) {
        @Override
        public String toString() {
            return "ExternalAuth[" + url + ", user=" + user + ", project=" + project + "]";
        }
    }

    public HttpAdapter(Engine engine, dev.imagesdk.fake.internal.engine.Metadefs metadefs, Identity identity, FaultPlan faults, Journal journal, AuthMode authMode,
            ExternalAuth externalAuth, int port, ServerSettings settings, ControlRoutes.Hooks hooks) throws IOException {
        this.engine = engine;
        this.identity = identity;
        this.faults = faults;
        this.journal = journal;
        this.authMode = authMode;
        this.external = externalAuth == null ? null : new ExternalKeystone(externalAuth.url(), externalAuth.user(),
                externalAuth.password(), externalAuth.project());
        this.v2 = new V2Routes(engine, new Schemas(), metadefs);
        this.v1 = new V1Routes(engine);
        this.keystone = new KeystoneRoutes(identity);
        this.control = new ControlRoutes(engine, faults, journal, hooks);
        this.server = new Http11Server(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128,
                new Http11Server.Settings(settings.readTimeout(), settings.idleTimeout(), settings.maxPlatformThreads()),
                this::handle);
        this.baseUrl = "http://127.0.0.1:" + server.port();
    }

    /**
     * Lists these image endpoints (region id -> URL, in order) in the tokens' catalog instead of this fake's
     * own in {@code RegionOne}; null for the default.
     */
    public void catalogImageEndpoints(Map<String, String> byRegion) {
        keystone.imageEndpoints(byRegion);
    }

    /** Lists v1.1/v1.0 (DEPRECATED) in {@code GET /} as pre-Rocky Glance did; Glance 25 does not. */
    public void advertiseV1(boolean on) {
        this.advertiseV1 = on;
    }

    public void start() {
        server.start();
    }

    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.port();
    }

    /** Connections currently open. */
    public int openConnections() {
        return server.openConnections();
    }

    @Override
    public void close() {
        faults.releaseStalls();
        server.close();
    }

    private void handle(HttpExchange ex) throws IOException {
        Call c = new Call(ex, "req-" + UUID.randomUUID(), baseUrl);
        Instant t0 = engine.clock().now();
        boolean isControl = c.path.startsWith("/_fake");
        c.beforeResponse = () -> record(c, t0, isControl);
        try {
            if (isControl) {
                c.sendRequestId = false;
                control.handle(c);
            } else {
                route(c);
            }
        } catch (GlanceException e) {
            c.error(e);
        } catch (IOException e) {
            // A dropped or failed transfer: the server closes the connection when the handler throws.
            if (!c.responded) {
                record(c, t0, isControl);
            }
            throw e;
        } catch (RuntimeException | Error e) {
            // Any failure, StackOverflowError included, is a 500 (logged), never a hung connection.
            LOG.log(System.Logger.Level.ERROR, "fake Glance: " + c.method + " " + c.path + " failed", e);
            if (c.responded) {
                throw new Call.Dropped();
            }
            c.setHeader("Connection", "close");
            c.error(GlanceException.of(500, ERRED, e.getClass().getSimpleName()));
        }
        if (!c.responded) {
            record(c, t0, isControl);
        }
    }

    private void record(Call c, Instant t0, boolean isControl) {
        if (isControl) {
            return;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        c.ex.getRequestHeaders().forEach((k, v) -> {
            String name = k.toLowerCase(Locale.ROOT);
            boolean secret = name.equals("x-auth-token") || name.equals("x-subject-token")
                    || name.equals("authorization");
            headers.put(name, secret ? List.of("***") : List.copyOf(v));
        });
        journal.add(new RecordedRequest(t0, c.method, c.path, c.rawQuery, headers, c.operation, c.status,
                c.sendRequestId ? c.requestId : null));
    }

    private void route(Call c) throws IOException {
        String path = c.path;
        String[] seg = segments(path);
        boolean glance = seg.length > 0 && (seg[0].equals("v2") || seg[0].equals("v1"));
        boolean ks = seg.length > 0 && (seg[0].equals("v3") || seg[0].equals("v2.0"));
        if (path.equals("/") || path.equals("/versions")) {
            c.operation = Operation.VERSIONS;
        } else if (ks) {
            c.operation = Operation.TOKEN;
        } else if (glance) {
            c.operation = seg[0].equals("v1") ? V1Routes.operationOf(c.method, seg,
                    V1Routes.carriesBody(c.ex.getRequestHeaders())) : V2Routes.operationOf(c.method, seg);
        }
        if (applyFaults(c)) {
            return;
        }
        if (c.operation == Operation.VERSIONS) {
            c.sendRequestId = false;
            c.json(path.equals("/") ? 300 : 200, versions());
            return;
        }
        if (ks) {
            keystone.handle(c, path);
            return;
        }
        if (!glance) {
            throw V2Routes.notFound();
        }
        Optional<Caller> caller = authenticate(c);
        if (caller.isEmpty()) {
            unauthorized(c);
            return;
        }
        c.caller = caller.get();
        if (seg[0].equals("v1")) {
            v1.handle(c, seg);
        } else {
            v2.handle(c, seg);
        }
    }

    static String[] segments(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return out.toArray(new String[0]);
    }

    /** Applies an armed fault; true if it answered the request itself. */
    private boolean applyFaults(Call c) throws IOException {
        Optional<Fault> f = faults.take(c.operation);
        if (f.isEmpty()) {
            return false;
        }
        Fault fault = f.get();
        switch (fault.kind()) {
            case LATENCY:
                sleep(fault.duration().toMillis());
                return false;
            case STALL:
                try {
                    faults.stall(fault.duration());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return false;
            case SERVICE_UNAVAILABLE:
                c.error(retryAfter(GlanceException.of(503,
                        "The server is currently unavailable. Please try again at a later time."), fault));
                return true;
            case TOO_MANY_REQUESTS:
                c.error(retryAfter(GlanceException.of(429, "Too many requests. Please slow down."), fault));
                return true;
            case INTERNAL_ERROR:
                c.error(GlanceException.of(500, ERRED));
                return true;
            case RESET_BEFORE_RESPONSE:
                c.abort();
                return true;
            case HANG:
                try {
                    faults.stall(fault.duration());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                c.abort();
                return true;
            case UNAUTHORIZED:
                unauthorized(c);
                return true;
            default:
                c.bodyFault = fault;
                return false;
        }
    }

    private static GlanceException retryAfter(GlanceException e, Fault fault) {
        return fault.hasRetryAfter()
                ? e.header("Retry-After", Long.toString(Math.max(0, fault.duration().toSeconds())))
                : e;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void unauthorized(Call c) throws IOException {
        c.sendRequestId = false;
        String uri = external != null ? external.uri() : baseUrl;
        c.error(GlanceException.of(401, UNAUTHORIZED).header("WWW-Authenticate", "Keystone uri=\"" + uri + "\""));
    }

    private Optional<Caller> authenticate(Call c) throws IOException {
        String token = c.header("X-Auth-Token");
        switch (authMode) {
            case NONE:
                return Optional.of(Caller.NOAUTH);
            case EXTERNAL:
                return external.validate(token);
            default:
                return identity.validate(token).map(t -> new Caller(t.user().id(), t.user().projectId(),
                        t.user().roles(), t.user().admin()));
        }
    }

    private Map<String, Object> versions() {
        List<Object> list = new ArrayList<>();
        for (int i = 16; i >= 0; i--) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("id", "v2." + i);
            v.put("status", i == 16 ? "CURRENT" : "SUPPORTED");
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("rel", "self");
            link.put("href", baseUrl + "/v2/");
            v.put("links", List.of(link));
            list.add(v);
        }
        if (advertiseV1) {
            for (String id : List.of("v1.1", "v1.0")) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("id", id);
                v.put("status", "DEPRECATED");
                Map<String, Object> link = new LinkedHashMap<>();
                link.put("rel", "self");
                link.put("href", baseUrl + "/v1/");
                v.put("links", List.of(link));
                list.add(v);
            }
        }
        return Map.of("versions", list);
    }
}
