package dev.imagesdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.auth.TokenProvider;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.event.ImageServiceListener;
import dev.imagesdk.exception.ConfigurationException;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.internal.auth.KeystoneAuthenticator;
import dev.imagesdk.internal.auth.KeystoneTokenProvider;
import dev.imagesdk.internal.auth.StaticTokenProvider;
import dev.imagesdk.internal.http.BuildOverlap;
import dev.imagesdk.internal.http.CallExecutor;
import dev.imagesdk.internal.http.ClientContext;
import dev.imagesdk.internal.http.ErrorMapper;
import dev.imagesdk.internal.http.FeignFactory;
import dev.imagesdk.internal.http.HttpStack;
import dev.imagesdk.internal.http.SharedHttpClients;
import dev.imagesdk.internal.http.RequestDecoration;
import dev.imagesdk.internal.http.VersionDiscovery;
import dev.imagesdk.internal.http.WireLogger;
import dev.imagesdk.internal.log.Redactor;
import dev.imagesdk.internal.regions.RegionGroup;
import dev.imagesdk.internal.retry.RetryPolicy;
import dev.imagesdk.internal.retry.Sleeper;
import dev.imagesdk.internal.spi.ProviderContexts;
import dev.imagesdk.spi.ImageServiceProvider;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Builds an {@link ImageService}: configuration, authentication, endpoint discovery and API version.
 *
 * <p>{@link #build()} runs, in order: authentication (Keystone, unless a static token or no-auth is
 * configured, which never call Keystone; with an explicit image endpoint the first token is obtained
 * lazily, at the first call, unless version discovery is needed: then it is obtained while discovery runs),
 * the image endpoint (the explicit one, else the service catalog by type {@code image}, interface and
 * region), the API version (the pinned one, else the one the endpoint names when its path ends in {@code /v2}
 * or {@code /v1} and that version's module is on the classpath, else {@code GET /} version discovery: the
 * highest CURRENT/SUPPORTED v2.x if image-sdk-v2 is on the classpath, else v1), then the
 * {@link ImageServiceProvider} of that version found through {@link ServiceLoader}.
 *
 * <p>Failures: {@link InvalidInputException} or {@link ConfigurationException} for bad or missing
 * settings (naming the setting); {@link dev.imagesdk.exception.UnauthorizedException} if Keystone refuses
 * the credentials; {@link dev.imagesdk.exception.TransportException} if a service cannot be reached;
 * {@link ImageSdkClientException} naming the module to add if no implementation of the chosen version is
 * on the classpath. Not thread-safe; each {@code build()} creates an independent service. Services built with
 * the same connection settings (connect timeout, proxy selector instance, CA bundle, {@code insecure}) share one
 * pooled JDK HTTP client, so building and closing many services does not pile up selector threads or
 * connections; closing the last one shuts the client down where the JDK allows it (21 and later).
 */
public final class ImageServiceBuilder {

    private ClientConfig config;
    private ApiVersion pinned;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private List<ImageServiceProvider> providers;
    private RegionGroup regionGroup;
    private ImageServiceListener listener = ImageServiceListener.NONE;

    ImageServiceBuilder() {
    }

    /**
     * Uses {@link ClientConfig#fromEnvironment()}: {@code OS_CLOUD} + {@code clouds.yaml}, and the
     * {@code OS_*} variables.
     *
     * @return this builder
     * @throws ConfigurationException naming the variable or key at fault
     */
    public ImageServiceBuilder fromEnvironment() {
        this.config = ClientConfig.fromEnvironment();
        return this;
    }

    /**
     * Uses this configuration.
     *
     * @param config the configuration (authentication, endpoint, timeouts, retries); not null
     * @return this builder
     */
    public ImageServiceBuilder config(ClientConfig config) {
        this.config = config;
        return this;
    }

    /**
     * Pins the API version (overrides the configuration's and skips discovery); null to discover.
     *
     * @param apiVersion the API version, or null to let version discovery decide
     * @return this builder
     */
    public ImageServiceBuilder apiVersion(ApiVersion apiVersion) {
        this.pinned = apiVersion;
        return this;
    }

    /**
     * Registers the listener that receives the events of every call of the service (Keystone calls included):
     * start, attempts, answers, retries, re-authentications, end or failure, bytes moved and checksum results.
     * See {@link ImageServiceListener} for the guarantees; a listener that throws is logged and ignored.
     *
     * @param listener the listener; {@link ImageServiceListener#NONE} (the default) for none
     * @return this builder
     * @throws InvalidInputException naming {@code listener} if it is null
     */
    public ImageServiceBuilder listener(ImageServiceListener listener) {
        if (listener == null) {
            throw new InvalidInputException("listener", null, "use ImageServiceListener.NONE for no listener");
        }
        this.listener = listener;
        return this;
    }

    // Test hooks (package-private): a clock, a sleeper that records waits, explicit providers.
    ImageServiceBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    ImageServiceBuilder sleeper(Sleeper sleeper) {
        this.sleeper = sleeper;
        return this;
    }

    ImageServiceBuilder providers(List<ImageServiceProvider> providers) {
        this.providers = List.copyOf(providers);
        return this;
    }

    /**
     * Authenticates, resolves the endpoint and version, and creates the service.
     *
     * @return the service, ready for calls; close it when done
     * @throws InvalidInputException naming {@code config} if neither {@link #config(ClientConfig)} nor
     *         {@link #fromEnvironment()} was called
     * @throws ImageSdkException if authentication, endpoint resolution or version discovery fails (a service
     *         error keeps its status; anything else becomes an {@code ImageSdkClientException})
     */
    public ImageService build() {
        if (config == null) {
            throw new InvalidInputException("config", null, "call config(...) or fromEnvironment() first");
        }
        try {
            return doBuild();
        } catch (ImageSdkException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ImageSdkClientException("Could not build the image service: " + e, e);
        }
    }

    private ImageService doBuild() {
        // Shared with every service of the same connection settings; released when the service is closed.
        SharedHttpClients.Lease lease = SharedHttpClients.acquire(config);
        try {
            return doBuild(lease);
        } catch (RuntimeException e) {
            lease.release();
            throw e;
        }
    }

    private ImageService doBuild(SharedHttpClients.Lease lease) {
        ObjectMapper json = HttpStack.objectMapper();
        ErrorMapper errors = new ErrorMapper(json, clock);
        WireLogger wire = new WireLogger();
        SSLContext ssl = lease.sslContext();
        HttpClient http = lease.client();
        // Decides every header and connection setting of both paths (the shared client was built from the same).
        RequestDecoration decoration = RequestDecoration.of(config, ssl);
        String userAgent = decoration.userAgent();
        FeignFactory feign = new FeignFactory(http, json, errors, wire, decoration, config.requestTimeout());
        RetryPolicy policy = new RetryPolicy(config.maxAttempts(), config.initialBackoff(), 2.0, 0.5,
                config.maxBackoff(), config.maxTotalRetryWait());
        CallExecutor unauthenticated = newExecutor(null, policy);

        AuthMethod auth = config.auth();
        TokenProvider tokens;
        if (auth instanceof AuthMethod.NoAuth) {
            tokens = null;
        } else if (auth instanceof AuthMethod.StaticToken) {
            tokens = new StaticTokenProvider(((AuthMethod.StaticToken) auth).token());
        } else {
            KeystoneAuthenticator keystone = new KeystoneAuthenticator(auth, config.authUrl(), feign,
                    unauthenticated, json, errors);
            tokens = shared(new KeystoneTokenProvider(keystone, clock, config.tokenRefreshSkew()));
        }

        Map<ApiVersion, ImageServiceProvider> byVersion = providers();
        ApiVersion configured = pinned != null ? pinned : config.apiVersion().orElse(null);
        // User-info in an endpoint URL is never sent (neither HTTP stack of the SDK sends it) and must not
        // show up in messages, logs or toString(): it is dropped here, before anything uses the endpoint.
        URI endpoint;
        if (config.imageEndpoint().isPresent()) {
            endpoint = Redactor.withoutUserInfo(config.imageEndpoint().get());
        } else {
            endpoint = Redactor.withoutUserInfo(tokens.token().catalog()
                    .endpoint("image", config.endpointInterface(), config.regionName().orElse(null),
                            config.regionNameSetting()));
        }
        ApiVersion version = configured != null ? configured
                : VersionDiscovery.fromEndpoint(endpoint, byVersion.keySet()).orElse(null);
        String versionId = null;
        if (version == null) {
            if (byVersion.isEmpty()) {
                throw noProvider(null);
            }
            VersionDiscovery discovery = new VersionDiscovery(feign, unauthenticated, errors, json);
            VersionDiscovery.Result r;
            String setting = config.imageEndpoint().isPresent()
                    ? "OS_IMAGE_URL (image_endpoint_override)" : "the service catalog's image endpoint";
            if (config.imageEndpoint().isPresent() && auth.usesKeystone()) {
                // Both wait on the network and neither needs the other: the first token is fetched now, during
                // discovery, instead of at the first call.
                java.util.function.Supplier<VersionDiscovery.Result> discovered = BuildOverlap.start(
                        "image-sdk-version-discovery", () -> discovery.discover(endpoint, byVersion.keySet(), setting));
                tokens.token();
                r = discovered.get();
            } else {
                r = discovery.discover(endpoint, byVersion.keySet(), setting);
            }
            version = r.apiVersion();
            versionId = r.versionId();
        }
        ImageServiceProvider provider = byVersion.get(version);
        if (provider == null) {
            throw noProvider(version);
        }
        ClientContext context = ClientContext.builder()
                .config(config)
                .imageEndpoint(VersionDiscovery.root(endpoint))
                .catalogedEndpoint(endpoint)
                .apiVersion(version)
                .versionId(versionId)
                .callExecutor(newExecutor(tokens, policy))
                .listener(listener)
                .tokenProvider(tokens)
                .httpClient(http)
                .feignFactory(feign)
                .sslContext(ssl)
                .objectMapper(json)
                .errorMapper(errors)
                .wireLogger(wire)
                .userAgent(userAgent)
                .clock(clock)
                .onRelease(lease::release)
                .build();
        return provider.create(ProviderContexts.wrap(context));
    }

    /**
     * Builds one service per region from the same configuration: one Keystone authentication (and later one
     * refresh) whose token and catalog serve every region, the image endpoint of each region from that
     * catalog (the configured interface), and the API version of each endpoint as {@link #build()} chooses it.
     * The configuration's own region, if any, is ignored.
     *
     * @param regions the region ids as the catalog names them, at least one, no duplicates
     * @return the services by region, in the order given; closing it closes each
     * @throws InvalidInputException if no region is given, one is blank or given twice
     * @throws ConfigurationException naming {@code buildForRegions(regions)} and listing the catalog's regions if a
     *         requested region has no image endpoint (nothing is built then); naming {@code OS_IMAGE_URL} or
     *         {@code OS_AUTH_TYPE} if the configuration has an explicit endpoint or no Keystone catalog
     * @throws ImageSdkException as {@link #build()} for the rest; services already built are closed first
     */
    public ImageServices buildForRegions(String... regions) {
        return buildForRegions(regions == null ? null : java.util.Arrays.asList(regions));
    }

    /**
     * {@link #buildForRegions(String...)} with a list.
     *
     * @param regions the region ids as the catalog names them, at least one, no duplicates
     * @return the services by region, in the order given; closing it closes each
     */
    public ImageServices buildForRegions(List<String> regions) {
        if (config == null) {
            throw new InvalidInputException("config", null, "call config(...) or fromEnvironment() first");
        }
        if (regions == null || regions.isEmpty()) {
            throw new InvalidInputException("regions", regions, "at least one region is needed");
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String r : regions) {
            if (r == null || r.isBlank()) {
                throw new InvalidInputException("regions", regions, "a region must not be blank");
            }
            if (!seen.add(r)) {
                throw new InvalidInputException("regions", regions, "region '" + r + "' is given twice");
            }
        }
        if (config.imageEndpoint().isPresent()) {
            throw new ConfigurationException("OS_IMAGE_URL (image_endpoint_override)",
                    "an explicit image endpoint serves one region; leave it out to take each region's endpoint "
                            + "from the service catalog");
        }
        if (!config.auth().usesKeystone()) {
            throw new ConfigurationException("OS_AUTH_TYPE (auth_type)", "several regions need a Keystone "
                    + "service catalog, which " + config.auth().getClass().getSimpleName() + " does not have");
        }
        ClientConfig original = config;
        Map<String, ImageService> built = new java.util.LinkedHashMap<>();
        regionGroup = new RegionGroup(regions);
        try {
            for (String region : regions) {
                config = original.toBuilder().regionName(region).build();
                built.put(region, build());
            }
            return ImageServices.of(built);
        } catch (RuntimeException e) {
            built.values().forEach(ImageService::close);
            throw e;
        } finally {
            config = original;
            regionGroup = null;
        }
    }

    private CallExecutor newExecutor(TokenProvider tokens, RetryPolicy policy) {
        return new CallExecutor(tokens, policy, sleeper, listener, config.callTimeout(),
                config.attemptTimeout().orElse(null));
    }

    /** In {@link #buildForRegions}: the one token provider of every region; else {@code fresh}. */
    private TokenProvider shared(TokenProvider fresh) {
        return regionGroup == null ? fresh : regionGroup.share(fresh, config);
    }

    private Map<ApiVersion, ImageServiceProvider> providers() {
        List<ImageServiceProvider> found = providers;
        if (found == null) {
            found = new ArrayList<>();
            ClassLoader cl = Thread.currentThread().getContextClassLoader();
            for (ImageServiceProvider p : ServiceLoader.load(ImageServiceProvider.class,
                    cl != null ? cl : ImageServiceBuilder.class.getClassLoader())) {
                found.add(p);
            }
        }
        Map<ApiVersion, ImageServiceProvider> map = new EnumMap<>(ApiVersion.class);
        for (ImageServiceProvider p : found) {
            map.putIfAbsent(p.apiVersion(), p);
        }
        return map;
    }

    private static ImageSdkClientException noProvider(ApiVersion version) {
        if (version == null) {
            return new ImageSdkClientException("No image API implementation is on the classpath: add the "
                    + "dependency dev.imagesdk:image-sdk-v2 (or dev.imagesdk:image-sdk-v1 for API v1)");
        }
        String module = version == ApiVersion.V2 ? "image-sdk-v2" : "image-sdk-v1";
        return new ImageSdkClientException("Image API " + version + " was chosen but its implementation is not "
                + "on the classpath: add the dependency dev.imagesdk:" + module);
    }
}
