package dev.imagesdk.config;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.exception.ConfigurationException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.internal.log.Redactor;

import java.net.ProxySelector;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Everything an {@link dev.imagesdk.ImageService} needs to reach and authenticate to Glance. Immutable;
 * build one with {@link #builder()}, copy with {@link #toBuilder()}, or read the environment the way
 * openstacksdk and the {@code glance} CLI do with {@link #fromEnvironment()}.
 *
 * <p>{@link Builder#build()} validates the combination: a Keystone {@link AuthMethod} needs an
 * {@link #authUrl()}; a static token or no-auth needs an {@link #imageEndpoint()}. Failures are
 * {@link InvalidInputException}s naming the field. {@code toString()} masks every secret.
 *
 * <p>One file over 400 lines because it is one concept: the immutable settings and their builder, each
 * setting documented with its default where it is set.
 */
public final class ClientConfig {

    /** {@link #regionNameSetting()} of a region set on the builder. */
    private static final String BUILDER_REGION = "ClientConfig.Builder.regionName(...)";

    private final AuthMethod auth;
    private final URI authUrl;
    private final String regionName;
    private final String regionNameSetting;
    private final Interface endpointInterface;
    private final URI imageEndpoint;
    private final ApiVersion apiVersion;
    private final Path caCert;
    private final boolean insecure;
    private final ProxySelector proxySelector;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Duration idleTimeout;
    private final Duration tokenRefreshSkew;
    private final Duration transferTokenValidity;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration maxTotalRetryWait;
    private final boolean deleteImageOnChecksumMismatch;
    private final Duration callTimeout;
    private final Duration attemptTimeout;
    private final String applicationName;
    private final ProxyConfig proxy;
    private final Executor transferExecutor;

    private ClientConfig(Builder b) {
        this.auth = b.auth;
        this.authUrl = b.authUrl;
        this.regionName = b.regionName;
        this.regionNameSetting = b.regionNameSetting;
        this.endpointInterface = b.endpointInterface;
        this.imageEndpoint = b.imageEndpoint;
        this.apiVersion = b.apiVersion;
        this.caCert = b.caCert;
        this.insecure = b.insecure;
        this.proxySelector = b.proxySelector;
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.idleTimeout = b.idleTimeout;
        this.tokenRefreshSkew = b.tokenRefreshSkew;
        this.transferTokenValidity = b.transferTokenValidity;
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.maxTotalRetryWait = b.maxTotalRetryWait;
        this.deleteImageOnChecksumMismatch = b.deleteImageOnChecksumMismatch;
        this.callTimeout = b.callTimeout;
        this.attemptTimeout = b.attemptTimeout;
        this.applicationName = b.applicationName;
        this.proxy = b.proxy;
        this.transferExecutor = b.transferExecutor;
    }

    /**
     * A builder with the defaults documented on each setter; {@link Builder#auth} and the endpoint
     * (an auth URL for Keystone methods, an image endpoint otherwise) must be set.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this configuration's values, to derive a changed copy.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Reads the process environment: {@code OS_CLOUD} with {@code clouds.yaml} (+ {@code secure.yaml})
     * looked up where openstacksdk looks ({@code OS_CLIENT_CONFIG_FILE}, the current directory,
     * {@code ~/.config/openstack}, {@code /etc/openstack}), then the {@code OS_*} variables, which
     * override the file's values (as the {@code openstack} CLI does).
     *
     * @return the configuration the environment describes
     * @throws ConfigurationException naming the variable or {@code clouds.yaml} key that is missing,
     *         malformed or contradicts another one
     */
    public static ClientConfig fromEnvironment() {
        return fromEnvironment(System.getenv(), defaultSearchDirs(System.getenv()));
    }

    /**
     * Like {@link #fromEnvironment()}, with the environment and the directories searched for
     * {@code clouds.yaml} / {@code secure.yaml} given explicitly ({@code OS_CLIENT_CONFIG_FILE} and
     * {@code OS_CLIENT_SECURE_FILE} in {@code env} still come first).
     *
     * @param env the environment variables (name to value)
     * @param searchDirs the directories searched for {@code clouds.yaml}, in order
     * @return the configuration the environment describes
     */
    public static ClientConfig fromEnvironment(Map<String, String> env, List<Path> searchDirs) {
        return new EnvironmentLoader(env, searchDirs).load();
    }

    /**
     * {@return the directories openstacksdk looks in: the current directory, the user's config dir, then {@code
     * /etc/openstack}}
     *
     * @param env the environment variables (name to value)
     */
    public static List<Path> defaultSearchDirs(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path userDir = xdg != null && !xdg.isBlank()
                ? Path.of(xdg, "openstack")
                : Path.of(System.getProperty("user.home"), ".config", "openstack");
        return List.of(Path.of("").toAbsolutePath(), userDir, Path.of("/etc/openstack"));
    }

    /** {@return how to authenticate} */
    public AuthMethod auth() {
        return auth;
    }

    /** {@return the Keystone URL ({@code OS_AUTH_URL}); null for a static token or no-auth} */
    public URI authUrl() {
        return authUrl;
    }

    /** {@return the region to pick from the catalog; empty to take the first image endpoint listed} */
    public Optional<String> regionName() {
        return Optional.ofNullable(regionName);
    }

    /**
     * Where {@link #regionName()} was set, as messages name it: {@code OS_REGION_NAME} when it came from the
     * environment, the {@code clouds.yaml} key (e.g. {@code clouds.mycloud.region_name}) when it came from there,
     * {@code ClientConfig.Builder.regionName(...)} when it was set on the builder.
     *
     * @return the setting's name, never null (the builder method's when no region is set)
     */
    public String regionNameSetting() {
        return regionNameSetting;
    }

    /** {@return which catalog endpoint interface to use; public by default} */
    public Interface endpointInterface() {
        return endpointInterface;
    }

    /** {@return an explicit image endpoint, which overrides the catalog ({@code OS_IMAGE_URL})} */
    public Optional<URI> imageEndpoint() {
        return Optional.ofNullable(imageEndpoint);
    }

    /** {@return a pinned API version; empty means version discovery decides} */
    public Optional<ApiVersion> apiVersion() {
        return Optional.ofNullable(apiVersion);
    }

    /** {@return a PEM bundle of CA certificates to trust instead of the JDK's ({@code OS_CACERT})} */
    public Optional<Path> caCert() {
        return Optional.ofNullable(caCert);
    }

    /** {@return whether TLS verification is off ({@code OS_INSECURE}); false by default} */
    public boolean insecure() {
        return insecure;
    }

    /** {@return the proxy selector; the JDK's default ({@code http(s).proxyHost} ...) unless set} */
    public ProxySelector proxySelector() {
        return proxySelector != null ? proxySelector : ProxySelector.getDefault();
    }

    /**
     * Timeout for opening a TCP (and TLS) connection; 10 s by default.
     *
     * @return the timeout
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * {@return the timeout of a JSON/header call until its response headers arrive; for the image GET and list pages,
     * until the whole answer has arrived}
     */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** {@return the idle timeout: a data transfer that moves no byte for this long is aborted} */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /**
     * {@return the refresh skew: a token is renewed once less than this remains before its expiry; 120 s by default}
     * Capped at half the token's lifetime, so tokens that live less than twice this are renewed at half their
     * lifetime.
     */
    public Duration tokenRefreshSkew() {
        return tokenRefreshSkew;
    }

    /**
     * {@return the token validity ensured before an upload or download starts; 10 min by default} Capped at half the
     * token's lifetime (a demand a token cannot meet would re-authenticate every transfer).
     */
    public Duration transferTokenValidity() {
        return transferTokenValidity;
    }

    /** {@return attempts per call, the first included; 4 by default (1 disables retries)} */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * The first backoff between attempts when the service gave no {@code Retry-After}; it doubles (with
     * jitter) up to {@link #maxBackoff()}. 500 ms by default.
     *
     * @return the backoff
     */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /** {@return the longest backoff between attempts when the service gave no {@code Retry-After}} */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /**
     * {@return the most time one call may spend waiting between attempts; a longer {@code Retry-After} ends the
     * retries}
     */
    public Duration maxTotalRetryWait() {
        return maxTotalRetryWait;
    }

    /**
     * {@return whether an upload whose stored checksum differs from the bytes sent deletes the image (so a corrupt
     * image is never left looking valid); {@code true} by default} {@code false} leaves it for inspection.
     * Either way the upload fails with {@link dev.imagesdk.exception.ChecksumMismatchException}.
     */
    public boolean deleteImageOnChecksumMismatch() {
        return deleteImageOnChecksumMismatch;
    }

    /**
     * {@return the call timeout: the most time one metadata call may take, its attempts, re-authentication and the
     * waits between attempts included; 10 min by default} A call that runs out throws
     * {@link dev.imagesdk.exception.CallTimeoutException}. Image data calls (upload, stage, download) are bounded by
     * the {@link #idleTimeout()} instead (by progress), unless a call's {@link dev.imagesdk.CallOptions} set one.
     */
    public Duration callTimeout() {
        return callTimeout;
    }

    /**
     * {@return the attempt timeout: the most time one attempt of a metadata call may take until its whole answer
     * has arrived, if set} Unset (the default), the {@link #requestTimeout()} bounds each attempt; either way never
     * longer than what remains of the {@link #callTimeout()}.
     */
    public Optional<Duration> attemptTimeout() {
        return Optional.ofNullable(attemptTimeout);
    }

    /**
     * {@return the caller's application name, appended to the SDK's {@code User-Agent}
     * ({@code image-sdk/<version> <name>}) on every request; empty by default}
     */
    public Optional<String> applicationName() {
        return Optional.ofNullable(applicationName);
    }

    /**
     * {@return the HTTP proxy every request goes through, with its credentials; empty by default (then
     * {@link #proxySelector()} decides)} When set it takes precedence over the proxy selector.
     */
    public Optional<ProxyConfig> proxy() {
        return Optional.ofNullable(proxy);
    }

    /**
     * The executor that runs the transfers' helper tasks (the second hashing thread of an upload or download,
     * and the loop of a download to a file or stream, which lets an interrupt end the caller's call at once),
     * if the caller supplied one; empty by default: each service then uses daemon threads of its own, stopped
     * by its {@code close()}.
     *
     * <p>A supplied executor is used as given and is <em>never shut down by the SDK</em>: the caller shuts it
     * down, after closing the services that use it. It must start every task without waiting for another
     * task to end, since a transfer runs up to two tasks at once and one waits for the other: e.g.
     * {@code Executors.newVirtualThreadPerTaskExecutor()} (JDK 21+) or a cached thread pool; a fixed-size
     * pool can deadlock once all its threads wait.
     *
     * @return the caller's executor, or empty for the SDK's own threads
     */
    public Optional<Executor> transferExecutor() {
        return Optional.ofNullable(transferExecutor);
    }

    @Override
    public String toString() {
        return "ClientConfig{auth=" + auth + ", authUrl=" + Redactor.url(String.valueOf(authUrl))
                + ", regionName=" + regionName + ", interface=" + endpointInterface.keystoneName()
                + ", imageEndpoint=" + Redactor.url(String.valueOf(imageEndpoint))
                + ", apiVersion=" + apiVersion + ", caCert=" + caCert + ", insecure=" + insecure
                + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
                + ", idleTimeout=" + idleTimeout + ", callTimeout=" + callTimeout + ", attemptTimeout=" + attemptTimeout
                + ", tokenRefreshSkew=" + tokenRefreshSkew
                + ", maxAttempts=" + maxAttempts + ", deleteImageOnChecksumMismatch=" + deleteImageOnChecksumMismatch
                + (applicationName != null ? ", applicationName=" + applicationName : "")
                + (proxy != null ? ", proxy=" + proxy : "") // ProxyConfig masks its password
                + '}';
    }

    /** Builds a {@link ClientConfig}. Not thread-safe. */
    public static final class Builder {
        private AuthMethod auth;
        private URI authUrl;
        private String regionName;
        private String regionNameSetting = BUILDER_REGION;
        private Interface endpointInterface = Interface.PUBLIC;
        private URI imageEndpoint;
        private ApiVersion apiVersion;
        private Path caCert;
        private boolean insecure;
        private ProxySelector proxySelector;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private Duration idleTimeout = Duration.ofSeconds(60);
        private Duration tokenRefreshSkew = Duration.ofSeconds(120);
        private Duration transferTokenValidity = Duration.ofMinutes(10);
        private int maxAttempts = 4;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private Duration maxTotalRetryWait = Duration.ofMinutes(2);
        private boolean deleteImageOnChecksumMismatch = true;
        private Duration callTimeout = Duration.ofMinutes(10);
        private Duration attemptTimeout;
        private String applicationName;
        private ProxyConfig proxy;
        private Executor transferExecutor;

        private Builder() {
        }

        private Builder(ClientConfig c) {
            auth = c.auth;
            authUrl = c.authUrl;
            regionName = c.regionName;
            regionNameSetting = c.regionNameSetting;
            endpointInterface = c.endpointInterface;
            imageEndpoint = c.imageEndpoint;
            apiVersion = c.apiVersion;
            caCert = c.caCert;
            insecure = c.insecure;
            proxySelector = c.proxySelector;
            connectTimeout = c.connectTimeout;
            requestTimeout = c.requestTimeout;
            idleTimeout = c.idleTimeout;
            tokenRefreshSkew = c.tokenRefreshSkew;
            transferTokenValidity = c.transferTokenValidity;
            maxAttempts = c.maxAttempts;
            initialBackoff = c.initialBackoff;
            maxBackoff = c.maxBackoff;
            maxTotalRetryWait = c.maxTotalRetryWait;
            deleteImageOnChecksumMismatch = c.deleteImageOnChecksumMismatch;
            callTimeout = c.callTimeout;
            attemptTimeout = c.attemptTimeout;
            applicationName = c.applicationName;
            proxy = c.proxy;
            transferExecutor = c.transferExecutor;
        }

        /**
         * How to authenticate (required): a Keystone method ({@link AuthMethod.V3Password} ...), a static
         * token or no auth.
         *
         * @param auth the method; null is refused by {@link #build()}
         * @return this builder
         */
        public Builder auth(AuthMethod auth) {
            this.auth = auth;
            return this;
        }

        /**
         * The Keystone URL, e.g. {@code https://keystone.example.com/v3}; required for Keystone methods.
         *
         * @param authUrl the URL; {@link #build()} throws {@link InvalidInputException} unless it is absolute http(s)
         * @return this builder
         */
        public Builder authUrl(URI authUrl) {
            this.authUrl = authUrl;
            return this;
        }

        /**
         * {@link #authUrl(URI)} from a string.
         *
         * @param authUrl the URL, or null to unset
         * @return this builder
         * @throws InvalidInputException naming {@code authUrl} if the string is not a URI
         */
        public Builder authUrl(String authUrl) {
            this.authUrl = authUrl == null ? null : uri("authUrl", authUrl);
            return this;
        }

        /**
         * The region whose image endpoint to take from the service catalog; null (default) accepts any.
         *
         * @param regionName the region, or null
         * @return this builder
         */
        public Builder regionName(String regionName) {
            return regionName(regionName, BUILDER_REGION);
        }

        /** The region and the setting it came from ({@link #regionNameSetting()}), for the environment loader. */
        Builder regionName(String regionName, String setting) {
            this.regionName = regionName;
            this.regionNameSetting = setting;
            return this;
        }

        /**
         * Which catalog interface to use; {@link Interface#PUBLIC} by default.
         *
         * @param endpointInterface the interface
         * @return this builder
         * @throws NullPointerException if it is null
         */
        public Builder endpointInterface(Interface endpointInterface) {
            this.endpointInterface = Objects.requireNonNull(endpointInterface, "endpointInterface");
            return this;
        }

        /**
         * The image service URL, used instead of the catalog; required for a static token or no auth.
         *
         * @param imageEndpoint the URL, or null to use the catalog; {@link #build()} throws
         *        {@link InvalidInputException} unless it is absolute http(s)
         * @return this builder
         */
        public Builder imageEndpoint(URI imageEndpoint) {
            this.imageEndpoint = imageEndpoint;
            return this;
        }

        /**
         * {@link #imageEndpoint(URI)} from a string.
         *
         * @param imageEndpoint the URL, or null to unset
         * @return this builder
         * @throws InvalidInputException naming {@code imageEndpoint} if the string is not a URI
         */
        public Builder imageEndpoint(String imageEndpoint) {
            this.imageEndpoint = imageEndpoint == null ? null : uri("imageEndpoint", imageEndpoint);
            return this;
        }

        /**
         * Pins the API version (no discovery); null lets discovery decide.
         *
         * @param apiVersion the API version, or null to let version discovery decide
         * @return this builder
         */
        public Builder apiVersion(ApiVersion apiVersion) {
            this.apiVersion = apiVersion;
            return this;
        }

        /**
         * A PEM file of CA certificates to trust instead of the JDK's; null (default) uses the JDK's.
         *
         * @param caCert the file, read when the service is built
         * @return this builder
         */
        public Builder caCert(Path caCert) {
            this.caCert = caCert;
            return this;
        }

        /**
         * Turns TLS verification off. Logged as a warning; use only against test clouds.
         *
         * @param insecure {@code true} to turn TLS verification off
         * @return this builder
         */
        public Builder insecure(boolean insecure) {
            this.insecure = insecure;
            return this;
        }

        /**
         * The proxy selector for every connection; null (default) uses {@link ProxySelector#getDefault()}.
         *
         * @param proxySelector the selector, or null
         * @return this builder
         */
        public Builder proxySelector(ProxySelector proxySelector) {
            this.proxySelector = proxySelector;
            return this;
        }

        /**
         * Timeout for opening a connection; 10 s by default.
         *
         * @param d the timeout; {@link #build()} throws {@link InvalidInputException} unless positive
         * @return this builder
         */
        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        /**
         * See {@link ClientConfig#requestTimeout()}; 60 s by default.
         *
         * @param d the timeout; {@link #build()} throws {@link InvalidInputException} unless positive
         * @return this builder
         */
        public Builder requestTimeout(Duration d) {
            this.requestTimeout = d;
            return this;
        }

        /**
         * See {@link ClientConfig#idleTimeout()}; 60 s by default.
         *
         * @param d the timeout; {@link #build()} throws {@link InvalidInputException} unless positive
         * @return this builder
         */
        public Builder idleTimeout(Duration d) {
            this.idleTimeout = d;
            return this;
        }

        /**
         * See {@link ClientConfig#tokenRefreshSkew()}; 120 s by default.
         *
         * @param d the skew; {@link #build()} throws {@link InvalidInputException} if it is negative
         * @return this builder
         */
        public Builder tokenRefreshSkew(Duration d) {
            this.tokenRefreshSkew = d;
            return this;
        }

        /**
         * See {@link ClientConfig#transferTokenValidity()}; 10 min by default.
         *
         * @param d the validity; {@link #build()} throws {@link InvalidInputException} if it is negative
         * @return this builder
         */
        public Builder transferTokenValidity(Duration d) {
            this.transferTokenValidity = d;
            return this;
        }

        /**
         * See {@link ClientConfig#maxAttempts()}; 4 by default.
         *
         * @param maxAttempts attempts per call; {@link #build()} throws {@link InvalidInputException} below 1
         * @return this builder
         */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * See {@link ClientConfig#initialBackoff()}; 500 ms by default.
         *
         * @param d the backoff; {@link #build()} throws {@link InvalidInputException} unless positive
         * @return this builder
         */
        public Builder initialBackoff(Duration d) {
            this.initialBackoff = d;
            return this;
        }

        /**
         * See {@link ClientConfig#maxBackoff()}; 30 s by default.
         *
         * @param d the backoff; {@link #build()} throws {@link InvalidInputException} unless positive
         * @return this builder
         */
        public Builder maxBackoff(Duration d) {
            this.maxBackoff = d;
            return this;
        }

        /**
         * See {@link ClientConfig#maxTotalRetryWait()}; 2 min by default.
         *
         * @param d the wait; {@link #build()} throws {@link InvalidInputException} if it is negative
         * @return this builder
         */
        public Builder maxTotalRetryWait(Duration d) {
            this.maxTotalRetryWait = d;
            return this;
        }

        /**
         * See {@link ClientConfig#deleteImageOnChecksumMismatch()}.
         *
         * @param delete {@code true} to delete an image whose stored checksum differs from the bytes sent
         * @return this builder
         */
        public Builder deleteImageOnChecksumMismatch(boolean delete) {
            this.deleteImageOnChecksumMismatch = delete;
            return this;
        }

        /**
         * See {@link ClientConfig#callTimeout()}; 10 min by default.
         *
         * @param d the timeout; {@link #build()} throws {@link InvalidInputException} unless positive
         * @return this builder
         */
        public Builder callTimeout(Duration d) {
            this.callTimeout = d;
            return this;
        }

        /**
         * Names the calling application in the {@code User-Agent} of every request, JSON and image data alike:
         * {@code image-sdk/<version> <name>}, so that operators can tell its requests apart in Glance's logs.
         * By convention {@code product/version}, e.g. {@code partner-publisher/2.1}.
         *
         * @param applicationName the name, or null (default) for none
         * @return this builder
         * @throws InvalidInputException naming {@code applicationName} if it is blank, longer than 200 characters,
         *         or holds a character outside printable ASCII (CR, LF and other control characters would split or
         *         corrupt the header)
         */
        public Builder applicationName(String applicationName) {
            if (applicationName != null) {
                if (applicationName.isBlank() || applicationName.length() > 200) {
                    throw new InvalidInputException("applicationName", applicationName,
                            "must be 1 to 200 characters and not blank");
                }
                for (int i = 0; i < applicationName.length(); i++) {
                    char c = applicationName.charAt(i);
                    if (c < 0x20 || c > 0x7e) {
                        throw new InvalidInputException("applicationName", applicationName.replaceAll("\\p{Cntrl}",
                                "?"), "must be printable ASCII; character " + (i + 1) + " is U+"
                                + String.format("%04X", (int) c));
                    }
                }
            }
            this.applicationName = applicationName;
            return this;
        }

        /**
         * See {@link ClientConfig#attemptTimeout()}; unset by default (the request timeout bounds each attempt).
         *
         * @param d the timeout, or null to unset it; {@link #build()} throws {@link InvalidInputException} unless
         *          null or positive
         * @return this builder
         */
        public Builder attemptTimeout(Duration d) {
            this.attemptTimeout = d;
            return this;
        }

        /**
         * An HTTP proxy for every request, with optional credentials; it takes precedence over
         * {@link #proxySelector(ProxySelector)}. See {@link ProxyConfig} for the URL form and for {@code https}
         * targets behind a proxy that demands {@code Basic} credentials.
         *
         * @param proxy the proxy, or null (default) to let the proxy selector decide
         * @return this builder
         */
        public Builder proxy(ProxyConfig proxy) {
            this.proxy = proxy;
            return this;
        }

        /**
         * {@link #proxy(ProxyConfig)} from a URL such as {@code https_proxy} holds:
         * {@code http://[user[:password]@]host[:port]}.
         *
         * @param proxyUrl the URL, or null to unset
         * @return this builder
         * @throws InvalidInputException naming {@code proxy} (its password masked) if the URL is not usable
         */
        public Builder proxy(String proxyUrl) {
            this.proxy = proxyUrl == null ? null : ProxyConfig.of(proxyUrl);
            return this;
        }

        /**
         * See {@link ClientConfig#transferExecutor()}: runs the transfers' helper tasks; the caller keeps
         * ownership and shuts it down (the SDK never does).
         *
         * @param executor an executor that starts every task without waiting for others (e.g. one virtual thread
         *                 per task), or null for the SDK's own threads (the default)
         * @return this builder
         */
        public Builder transferExecutor(Executor executor) {
            this.transferExecutor = executor;
            return this;
        }

        /**
         * Validates the settings and creates the configuration.
         *
         * @return the immutable configuration
         * @throws InvalidInputException naming the field that is missing or invalid
         */
        public ClientConfig build() {
            if (auth == null) {
                throw new InvalidInputException("auth", null, "an authentication method is required "
                        + "(AuthMethod.V3Password, ..., StaticToken, NoAuth)");
            }
            if (auth.usesKeystone() && authUrl == null) {
                throw new InvalidInputException("authUrl", null, "is required for " + kind(auth));
            }
            if (!auth.usesKeystone() && imageEndpoint == null) {
                throw new InvalidInputException("imageEndpoint", null,
                        "is required for " + kind(auth) + " (Keystone is not called, so there is no catalog)");
            }
            checkHttp("authUrl", authUrl);
            checkHttp("imageEndpoint", imageEndpoint);
            positive("connectTimeout", connectTimeout);
            positive("requestTimeout", requestTimeout);
            positive("idleTimeout", idleTimeout);
            positive("callTimeout", callTimeout);
            if (attemptTimeout != null) {
                positive("attemptTimeout", attemptTimeout);
            }
            positive("initialBackoff", initialBackoff);
            positive("maxBackoff", maxBackoff);
            notNegative("tokenRefreshSkew", tokenRefreshSkew);
            notNegative("transferTokenValidity", transferTokenValidity);
            notNegative("maxTotalRetryWait", maxTotalRetryWait);
            if (maxAttempts < 1) {
                throw new InvalidInputException("maxAttempts", maxAttempts, "must be at least 1");
            }
            return new ClientConfig(this);
        }

        private static String kind(AuthMethod auth) {
            return auth.getClass().getSimpleName();
        }

        private static URI uri(String field, String value) {
            try {
                return URI.create(value.trim());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(field, value, "is not a URL: " + e.getMessage());
            }
        }

        private static void checkHttp(String field, URI uri) {
            if (uri == null) {
                return;
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new InvalidInputException(field, uri, "must be an absolute http:// or https:// URL");
            }
        }

        private static void positive(String field, Duration d) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new InvalidInputException(field, d, "must be positive");
            }
        }

        private static void notNegative(String field, Duration d) {
            if (d == null || d.isNegative()) {
                throw new InvalidInputException(field, d, "must not be negative");
            }
        }
    }
}
