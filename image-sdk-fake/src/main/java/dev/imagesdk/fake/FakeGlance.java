package dev.imagesdk.fake;

import dev.imagesdk.fake.internal.engine.Caller;
import dev.imagesdk.fake.internal.engine.Engine;
import dev.imagesdk.fake.internal.engine.EngineConfig;
import dev.imagesdk.fake.internal.engine.FakeClock;
import dev.imagesdk.fake.internal.engine.FaultPlan;
import dev.imagesdk.fake.internal.engine.GlanceException;
import dev.imagesdk.fake.internal.engine.Identity;
import dev.imagesdk.fake.internal.engine.Image;
import dev.imagesdk.fake.internal.engine.Journal;
import dev.imagesdk.fake.internal.engine.Metadefs;
import dev.imagesdk.fake.internal.engine.TransitionMode;
import dev.imagesdk.fake.internal.http.ControlRoutes;
import dev.imagesdk.fake.internal.http.HttpAdapter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A fake Glance (image API v2) with its own Keystone, served over real HTTP on 127.0.0.1.
 *
 * <pre>{@code
 * try (FakeGlance glance = FakeGlance.builder().start()) {
 *     URI auth = glance.keystoneUrl();      // http://127.0.0.1:PORT/v3, users admin/demo/alt_demo
 *     URI images = glance.url();            // the image endpoint of the catalog
 * }
 * }</pre>
 *
 * <p>Guarantees: behaviour follows real Glance 25 (status codes, headers, error bodies by
 * {@code Accept}); the state is thread-safe; image bytes above the memory threshold live in temp
 * files that {@link #close()} removes. Control methods (seed, inspect, journal, reset, clock,
 * transitions, faults) act immediately and are also reachable over {@code /_fake/*}.
 *
 * <p>Failure modes: {@link Builder#start()} throws {@link UncheckedIOException} if the port cannot be
 * bound; control methods throw {@link IllegalArgumentException} for unknown images or bad input.
 *
 * <p>Over 400 lines as one concept: the fake's whole public surface (builder, endpoints, seeding,
 * inspection, journal, clock, transitions, faults) in one place, each method delegating to the engine.
 */
public final class FakeGlance implements AutoCloseable {
    private final FakeClock clock;
    private final Identity identity;
    private final String regionName;
    /** Every region of this fake's cloud by id, this one included, in order (shared by all of them). */
    private final Map<String, FakeGlance> regions;
    private final FaultPlan faults = new FaultPlan();
    private final Journal journal = new Journal();
    private final Engine engine;
    private final Metadefs metadefs;
    private final HttpAdapter http;
    private final AuthMode authMode;

    private FakeGlance(Builder b) {
        this(b, null, "RegionOne");
    }

    /** @param first the first region of the cloud, whose clock and Keystone users this one shares; null if it is the first */
    private FakeGlance(Builder b, FakeGlance first, String regionName) {
        this.regionName = regionName;
        this.clock = first == null ? new FakeClock() : first.clock;
        this.identity = first == null ? new Identity(clock) : first.identity;
        this.regions = first == null ? new LinkedHashMap<>() : first.regions;
        this.regions.put(regionName, this);
        this.engine = new Engine(b.config, clock);
        this.metadefs = new Metadefs(clock);
        this.authMode = b.authMode;
        List<FakeUser> users = b.users.isEmpty() ? defaultUsers() : b.users;
        for (FakeUser u : first == null ? users : List.<FakeUser>of()) {
            identity.addUser(u.name(), u.password(), u.project(), u.admin());
        }
        HttpAdapter.ExternalAuth ext = null;
        if (b.authMode == AuthMode.EXTERNAL) {
            if (b.keystoneUrl == null || b.serviceUser == null) {
                throw new IllegalArgumentException("external auth needs keystoneUrl and serviceUser");
            }
            ext = new HttpAdapter.ExternalAuth(b.keystoneUrl, b.serviceUser.name(), b.serviceUser.password(),
                    b.serviceUser.project());
        }
        try {
            this.http = new HttpAdapter(engine, metadefs, identity, faults, journal, b.authMode, ext,
                    first == null ? b.port : 0,
                    new HttpAdapter.ServerSettings(b.readTimeout, b.idleTimeout, b.maxPlatformThreads), new ControlRoutes.Hooks() {
                @Override
                public void reset() {
                    FakeGlance.this.reset();
                }

                @Override
                public Image seed(String project, Map<String, Object> attributes, byte[] data) {
                    return FakeGlance.this.seed(project, attributes, data == null ? null : new ByteArrayInputStream(data));
                }
            });
        } catch (IOException e) {
            engine.close();
            throw new UncheckedIOException("cannot bind 127.0.0.1:" + b.port, e);
        }
        http.advertiseV1(b.advertiseV1);
        http.start();
    }

    private static List<FakeUser> defaultUsers() {
        return List.of(new FakeUser("admin", "admin", "admin", true), new FakeUser("demo", "demo", "demo", false),
                new FakeUser("alt_demo", "alt_demo", "alt_demo", false));
    }

    /**
     * A builder for a fake with the default users and Keystone auth; call {@link Builder#start()}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the image endpoint (no version suffix), e.g. {@code http://127.0.0.1:43117}} */
    public URI url() {
        return URI.create(http.baseUrl());
    }

    /**
     * {@return the fake Keystone v3 endpoint ({@code url() + "/v3"})} With several {@link Builder#regions regions},
     * every region's fake serves the same Keystone (users and tokens are shared), and the first region's is
     * the one the catalog lists.
     */
    public URI keystoneUrl() {
        return URI.create(http.baseUrl() + "/v3");
    }

    /**
     * {@return the region this fake serves in its catalog ({@code RegionOne} unless {@link Builder#regions} named
     * them)}
     */
    public String regionName() {
        return regionName;
    }

    /** {@return the regions of this fake's cloud, in catalog order (just {@link #regionName()} for a single fake)} */
    public List<String> regions() {
        return List.copyOf(regions.keySet());
    }

    /**
     * {@return the fake Glance of one region of this cloud: its own images, faults and journal, behind the shared
     * Keystone}
     *
     * @param name the region name
     * @throws IllegalArgumentException naming the known regions if there is no such region
     */
    public FakeGlance region(String name) {
        FakeGlance g = regions.get(name);
        if (g == null) {
            throw new IllegalArgumentException("no region " + name + "; regions: " + regions.keySet());
        }
        return g;
    }

    /**
     * The port the fake listens on (on 127.0.0.1).
     *
     * @return the port
     */
    public int port() {
        return http.port();
    }

    /**
     * Client connections currently open to this fake (kept-alive ones included).
     *
     * @return the number of open connections
     */
    public int openConnections() {
        return http.openConnections();
    }

    /**
     * How clients authenticate against this fake.
     *
     * @return the auth mode chosen at build time
     */
    public AuthMode authMode() {
        return authMode;
    }

    /**
     * {@return the project id of a project name (ids are stable: derived from the name)}
     *
     * @param projectName the name of the project
     */
    public String projectId(String projectName) {
        return identity.projectId(projectName)
                .orElseThrow(() -> new IllegalArgumentException("unknown project " + projectName));
    }

    /**
     * {@return the project name of a user of the fake Keystone}
     *
     * @param userName a user of the fake Keystone
     */
    public String projectOf(String userName) {
        return identity.user(userName).map(Identity.User::projectName)
                .orElseThrow(() -> new IllegalArgumentException("unknown user " + userName));
    }

    /**
     * {@return the password of a user of the fake Keystone (for building clients in tests)}
     *
     * @param userName a user of the fake Keystone
     */
    public String passwordOf(String userName) {
        return identity.user(userName).map(Identity.User::password)
                .orElseThrow(() -> new IllegalArgumentException("unknown user " + userName));
    }

    /**
     * Issues a token for a user as {@code POST /v3/auth/tokens} would, for tests that skip Keystone.
     *
     * @param userName a user of the fake Keystone
     * @return the token id
     */
    public String issueToken(String userName) {
        return identity.user(userName).map(identity::issue).map(Identity.Token::id)
                .orElseThrow(() -> new IllegalArgumentException("unknown user " + userName));
    }

    /**
     * Creates a Keystone application credential for a user (scoped to the user's project), for
     * clients that authenticate with {@code application_credential}.
     *
     * @param userName a user of the fake Keystone
     * @param name the credential's name
     * @param secret the credential's secret
     * @return the credential id
     */
    public String addApplicationCredential(String userName, String name, String secret) {
        return identity.addApplicationCredential(userName, name, secret);
    }

    /**
     * {@return every token id this fake has issued since it started, revoked and expired ones included (for
     * tests that check no token leaked into logs or messages)}
     */
    public java.util.Set<String> issuedTokens() {
        return identity.issuedTokenIds();
    }

    /** Revokes every token (clients see 401 and must authenticate again). */
    public void revokeTokens() {
        identity.revokeAll();
    }

    /**
     * How long new tokens live (default 24 h, measured on the fake's clock).
     *
     * @param d the lifetime of tokens issued from now on
     */
    public void tokenLifetime(Duration d) {
        identity.tokenLifetime(d);
    }

    // ------------------------------------------------------------ state

    /**
     * Creates an image owned by {@code project} as its owner would, with optional data
     * (uploaded immediately, so the image is {@code active}).
     *
     * @param project the name of the owning project
     * @param attributes v2 attributes ({@code name}, {@code disk_format}, {@code visibility},
     *                   custom string properties, ...); {@code public} is allowed
     * @param data the image data to store
     * @return the image id
     * @throws IllegalArgumentException if Glance would reject the attributes
     */
    public String seedImage(String project, Map<String, ?> attributes, InputStream data) {
        return seed(project, new LinkedHashMap<>(attributes), data).id();
    }

    private Image seed(String project, Map<String, Object> attributes, InputStream data) {
        String pid = projectId(project);
        Caller owner = new Caller(null, pid, List.of("admin"), true);
        Map<String, Object> attrs = new LinkedHashMap<>(attributes);
        attrs.putIfAbsent("owner", pid);
        try {
            Image img = engine.images().create(owner, attrs);
            if (data != null) {
                engine.data().upload(owner, img.id(), data);
                engine.transitions().completeTransition(img.id());
            }
            return engine.images().peek(img.id()).orElseThrow();
        } catch (GlanceException e) {
            throw new IllegalArgumentException("Glance rejects the seed: " + e.body(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@return the image's v2 attributes as {@code GET /v2/images/{id}} would show them to an admin (no poll)}
     *
     * @param id the image id
     */
    public Optional<Map<String, Object>> image(String id) {
        return engine.images().peek(id).map(FakeGlance::view);
    }

    /** {@return every image (any owner, any visibility), in creation order} */
    public List<Map<String, Object>> images() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Image i : engine.images().all()) {
            out.add(view(i));
        }
        return out;
    }

    private static Map<String, Object> view(Image i) {
        Map<String, Object> m = new LinkedHashMap<>(i.properties());
        m.put("id", i.id());
        m.put("name", i.name());
        m.put("status", i.status());
        m.put("visibility", i.visibility());
        m.put("owner", i.owner());
        m.put("disk_format", i.diskFormat());
        m.put("container_format", i.containerFormat());
        m.put("min_disk", i.minDisk());
        m.put("min_ram", i.minRam());
        m.put("size", i.size());
        m.put("virtual_size", i.virtualSize());
        m.put("checksum", i.checksum());
        m.put("os_hash_algo", i.osHashAlgo());
        m.put("os_hash_value", i.osHashValue());
        m.put("protected", i.isProtected());
        m.put("os_hidden", i.osHidden());
        m.put("tags", List.copyOf(i.tags()));
        m.put("stores", List.copyOf(i.stores()));
        m.put("members", i.members().values().stream().map(mb -> mb.memberId() + ":" + mb.status()).toList());
        return m;
    }

    /** {@return the number of image blobs currently spilled to temp files} */
    public long blobsOnDisk() {
        return engine.blobs().filesOnDisk();
    }

    // ------------------------------------------------------------ journal

    /** {@return the requests answered so far (oldest first, at most 10,000), tokens redacted} */
    public List<RecordedRequest> requests() {
        return journal.all();
    }

    /** Empties the request journal ({@link #requests()}). */
    public void clearRequests() {
        journal.clear();
    }

    // ------------------------------------------------------------ transitions, clock, faults

    /**
     * How saving -> active completes after an upload (default immediately).
     *
     * @param t when an uploaded image becomes {@code active}
     */
    public void uploadTransitions(Transition t) {
        engine.uploadTransitions(t.mode);
    }

    /**
     * How importing -> active completes after an import (default immediately).
     *
     * @param t when an imported image becomes {@code active}
     */
    public void importTransitions(Transition t) {
        engine.importTransitions(t.mode);
    }

    /**
     * Completes a pending transition now; false if the image has none.
     *
     * @param imageId the id of the image
     * @return {@code true} if a pending transition was completed
     */
    public boolean completeTransition(String imageId) {
        return engine.transitions().completeTransition(imageId);
    }

    /**
     * Forces an image's status (e.g. {@code killed}).
     *
     * @param imageId the id of an existing image
     * @param status the status as Glance spells it; not null
     * @throws IllegalArgumentException if no image has this id
     */
    public void forceStatus(String imageId, String status) {
        try {
            engine.transitions().forceStatus(imageId, Objects.requireNonNull(status));
        } catch (GlanceException e) {
            throw new IllegalArgumentException("no image " + imageId, e);
        }
    }

    /**
     * Freezes the fake's clock at {@code now} (timestamps, token expiry).
     *
     * @param now the instant the clock shows from now on
     */
    public void setClock(Instant now) {
        clock.set(now);
    }

    /**
     * Moves the fake's clock forward (timestamps, token expiry); from then on the clock stands still
     * until set or advanced again.
     *
     * @param d how far; a negative duration moves it back
     */
    public void advanceClock(Duration d) {
        clock.advance(d);
    }

    /**
     * The fake's current time.
     *
     * @return the fake clock's instant (the system clock's unless set or advanced)
     */
    public Instant now() {
        return clock.now();
    }

    /**
     * Arms a fault for the next calls of an operation.
     *
     * @param op the operation whose calls fail
     * @param fault the fault to apply
     */
    public void inject(Operation op, Fault fault) {
        faults.inject(Objects.requireNonNull(op), Objects.requireNonNull(fault));
    }

    /** Disarms every fault not yet applied and releases stalled requests. */
    public void clearFaults() {
        faults.clear();
    }

    /**
     * {@return how many times each kind of fault was applied to a request since the start or the last
     * {@link #reset()} (kinds never applied are absent)}
     */
    public java.util.Map<Fault.Kind, Long> faultsApplied() {
        return faults.fired();
    }

    /**
     * Waits until {@code n} requests are held by a {@link Fault#stall()} (for tests that must act
     * while a request hangs).
     *
     * @param n how many stalled requests to wait for
     * @param timeout the longest wait
     * @return false if the timeout passed first
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public boolean awaitStalled(int n, Duration timeout) throws InterruptedException {
        return faults.awaitStalled(n, timeout);
    }

    /** Lets stalled requests proceed. */
    public void releaseStalls() {
        faults.releaseStalls();
    }

    /**
     * Back to a fresh fake: no images, tasks, faults or journal entries, system clock,
     * immediate transitions. Users and issued tokens stay valid. On the first region of a fake with
     * several, every region is reset.
     */
    public void reset() {
        if (isFirstRegion()) {
            for (FakeGlance other : regions.values()) {
                if (other != this) {
                    other.resetThis();
                }
            }
        }
        resetThis();
    }

    private boolean isFirstRegion() {
        return regions.values().iterator().next() == this;
    }

    private void resetThis() {
        faults.clear();
        faults.resetCounts();
        engine.reset();
        metadefs.reset();
        journal.clear();
        clock.useSystem();
    }

    /**
     * Stops the server (in-flight requests are cut) and deletes all temp files; on the first region of a
     * fake with several, every region is closed.
     */
    @Override
    public void close() {
        if (isFirstRegion()) {
            for (FakeGlance other : List.copyOf(regions.values())) {
                if (other != this) {
                    other.closeThis();
                }
            }
        }
        closeThis();
    }

    private void closeThis() {
        http.close();
        engine.close();
    }

    /** How a controlled status transition completes. */
    public static final class Transition {
        private final TransitionMode mode;

        private Transition(TransitionMode mode) {
            this.mode = mode;
        }

        /** {@return a transition within the request that caused it (default)} */
        public static Transition immediate() {
            return new Transition(TransitionMode.IMMEDIATE);
        }

        /**
         * {@return a transition after the image has been read {@code n} times ({@code GET /v2/images/{id}})}
         *
         * @param n the number of reads before the transition completes
         */
        public static Transition afterPolls(int n) {
            return new Transition(TransitionMode.afterPolls(n));
        }

        /**
         * Only when {@link FakeGlance#completeTransition(String)} is called.
         *
         * @return a transition that waits for {@link FakeGlance#completeTransition(String)}
         */
        public static Transition manual() {
            return new Transition(TransitionMode.MANUAL);
        }
    }

    /** Configures and starts a {@link FakeGlance}. */
    public static final class Builder {
        private int port;
        private AuthMode authMode = AuthMode.KEYSTONE;
        private final List<FakeUser> users = new ArrayList<>();
        private EngineConfig config = EngineConfig.defaults();
        private String keystoneUrl;
        private FakeUser serviceUser;
        private boolean advertiseV1;
        private Duration readTimeout = HttpAdapter.ServerSettings.defaults().readTimeout();
        private Duration idleTimeout = HttpAdapter.ServerSettings.defaults().idleTimeout();
        private int maxPlatformThreads = HttpAdapter.ServerSettings.defaults().maxPlatformThreads();
        private List<String> regions = List.of();

        private Builder() {
        }

        /**
         * Serves several regions of one cloud: one fake Glance per region (each its own port, images, faults
         * and journal; the {@link #port} applies to the first), behind one Keystone whose catalog lists every
         * region's image endpoint. {@link #start()} returns the first region's fake; the others are reached
         * with {@link FakeGlance#region(String)} and are reset and closed with it. Without this call the fake
         * serves one region, {@code RegionOne}.
         *
         * @param names the region names, in catalog order
         * @return this builder
         * @throws IllegalArgumentException if no region is given, one is blank or given twice
         */
        public Builder regions(String... names) {
            List<String> list = List.of(names);
            if (list.isEmpty() || list.stream().anyMatch(String::isBlank) || new java.util.HashSet<>(list).size() != list.size()) {
                throw new IllegalArgumentException("regions must be distinct non-blank names: " + list);
            }
            this.regions = list;
            return this;
        }

        /**
         * How long a client may stall (default 30 s): the request line and headers must arrive
         * within it, and every read of a request body and every write of a response must make
         * progress within it (a long transfer is bounded by progress, not by its total time). The
         * fake closes a connection that exceeds it.
         *
         * @param d the read timeout
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder readTimeout(Duration d) {
            this.readTimeout = positive(d, "readTimeout");
            return this;
        }

        /**
         * How long a kept-alive connection may wait for its next request before the fake closes it
         * (default 120 s; clients such as urllib3 and the JDK's reconnect transparently).
         *
         * @param d the idle timeout of a kept-alive connection
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder idleTimeout(Duration d) {
            this.idleTimeout = positive(d, "idleTimeout");
            return this;
        }

        /**
         * Connections served at once on a JDK without virtual threads (default 2,000; on JDK 21+
         * each connection has its own virtual thread and there is no such bound). A connection
         * beyond it is answered 503 and closed.
         *
         * @param n the most connections served at once
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder maxPlatformThreads(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxPlatformThreads must be at least 1: " + n);
            }
            this.maxPlatformThreads = n;
            return this;
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(name + " must be positive and below 24 days: " + d);
            }
            return d;
        }

        /**
         * Also lists v1.1 and v1.0 (DEPRECATED) in the version document, as Glance before Rocky
         * did, so that version discovery can pick v1. The v1 API is served either way; real
         * Glance 25 lists only v2 (the default).
         *
         * @param on {@code true} to list the v1 versions too
         * @return this builder
         */
        public Builder advertiseV1(boolean on) {
            this.advertiseV1 = on;
            return this;
        }

        /**
         * Port on 127.0.0.1; 0 (default) picks an ephemeral one.
         *
         * @param port the port, or 0 for an ephemeral one
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * How clients authenticate; Keystone tokens by default.
         *
         * @param mode the auth mode
         * @return this builder
         * @throws NullPointerException if {@code mode} is null
         */
        public Builder auth(AuthMode mode) {
            this.authMode = Objects.requireNonNull(mode);
            return this;
        }

        /**
         * Adds a user; if none is added the defaults are admin/admin, demo/demo, alt_demo/alt_demo.
         *
         * @param user the user to add
         * @return this builder
         */
        public Builder user(FakeUser user) {
            users.add(Objects.requireNonNull(user));
            return this;
        }

        /**
         * For {@link AuthMode#EXTERNAL}: the Keystone to validate tokens with, and service credentials.
         *
         * @param url the Keystone URL; not null
         * @param serviceUser the service user the fake authenticates as; not null
         * @return this builder
         */
        public Builder externalKeystone(String url, FakeUser serviceUser) {
            this.keystoneUrl = Objects.requireNonNull(url);
            this.serviceUser = Objects.requireNonNull(serviceUser);
            return this;
        }

        /**
         * {@code image_size_cap}: uploads larger than this are 413 (default 1 TiB).
         *
         * @param bytes the largest image accepted, in bytes
         * @return this builder
         */
        public Builder imageSizeCap(long bytes) {
            config = config.withImageSizeCap(bytes);
            return this;
        }

        /**
         * {@code user_storage_quota}: bytes per project, 0 = unlimited (default).
         *
         * @param bytes the bytes each project may store; 0 for no limit
         * @return this builder
         */
        public Builder userStorageQuota(long bytes) {
            config = config.withUserStorageQuota(bytes);
            return this;
        }

        /**
         * Blobs larger than this go to temp files (default 8 MiB).
         *
         * @param bytes the largest blob kept in memory, in bytes
         * @return this builder
         */
        public Builder memoryThreshold(long bytes) {
            config = config.withMemoryThreshold(bytes);
            return this;
        }

        /**
         * {@code use_keystone_limits}: when on, {@code GET /v2/info/usage} reports the project's usage of the
         * four image quotas (limit -1 = unlimited, {@code image_size_total} from {@link #userStorageQuota});
         * off by default, when it answers {@code {"usage": {}}} as Glance does without unified limits.
         *
         * @param on {@code true} to report usage as with unified limits
         * @return this builder
         */
        public Builder keystoneLimits(boolean on) {
            config = config.withKeystoneLimits(on);
            return this;
        }

        /**
         * Enabled stores, the first is the default (default {@code file1, file2}).
         *
         * @param ids the store ids, the default first
         * @return this builder
         */
        public Builder stores(String... ids) {
            if (ids.length == 0) {
                throw new IllegalArgumentException("at least one store");
            }
            config = config.withStores(List.of(ids));
            return this;
        }

        /**
         * Binds and starts serving (every region's fake, with {@link #regions}).
         *
         * @return the running fake; with several regions, the first region's
         */
        public FakeGlance start() {
            if (regions.isEmpty()) {
                return new FakeGlance(this);
            }
            FakeGlance first = new FakeGlance(this, null, regions.get(0));
            try {
                for (String r : regions.subList(1, regions.size())) {
                    new FakeGlance(this, first, r);
                }
            } catch (RuntimeException e) {
                first.close();
                throw e;
            }
            Map<String, String> catalog = new LinkedHashMap<>();
            first.regions.forEach((name, g) -> catalog.put(name, g.http.baseUrl()));
            first.regions.values().forEach(g -> g.http.catalogImageEndpoints(catalog));
            return first;
        }
    }
}
