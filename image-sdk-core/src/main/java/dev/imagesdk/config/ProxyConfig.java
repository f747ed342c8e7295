package dev.imagesdk.config;

import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.internal.log.Redactor;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP proxy every request of a service goes through (JSON calls and image data alike), optionally with
 * credentials for it. Build one from a proxy URL such as the {@code https_proxy} / {@code HTTPS_PROXY} variables
 * hold: {@code http://[user[:password]@]host[:port]} (port 80 when absent; user and password percent-decoded).
 * Immutable; {@code toString()} never shows the password.
 *
 * <p>With credentials the SDK answers the proxy's {@code 407 Proxy Authentication Required} with {@code Basic}
 * credentials, for that proxy only (never for the target). For {@code https} targets the credentials go with the
 * tunnel's {@code CONNECT}, which the JDK refuses to do with {@code Basic} unless the system property
 * {@code jdk.http.auth.tunneling.disabledSchemes} is set without {@code Basic} (e.g. to the empty string) before the
 * first connection: the JDK's default disables it because Basic credentials sent before the TLS handshake are
 * readable on the network path to the proxy. Plain {@code http} targets need no such setting.
 */
public final class ProxyConfig {

    private final String host;
    private final int port;
    private final String username;
    private final String password;

    private ProxyConfig(String host, int port, String username, String password) {
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
    }

    /**
     * A proxy from its URL.
     *
     * @param proxyUrl {@code http://[user[:password]@]host[:port]}
     * @return the proxy settings
     * @throws InvalidInputException naming {@code proxy} (its password masked) if the URL is not an {@code http}
     *         URL with a host, has a path, query or fragment, or a control character in its user or password
     */
    public static ProxyConfig of(String proxyUrl) {
        if (proxyUrl == null || proxyUrl.isBlank()) {
            throw new InvalidInputException("proxy", null, "a proxy URL http://[user[:password]@]host[:port] is "
                    + "required");
        }
        URI uri;
        try {
            uri = new URI(proxyUrl.strip());
        } catch (java.net.URISyntaxException e) {
            throw new InvalidInputException("proxy", Redactor.url(proxyUrl), "is not a URL");
        }
        return of(uri);
    }

    /**
     * A proxy from its URL.
     *
     * @param proxyUrl {@code http://[user[:password]@]host[:port]}
     * @return the proxy settings
     * @throws InvalidInputException as {@link #of(String)}
     */
    public static ProxyConfig of(URI proxyUrl) {
        Objects.requireNonNull(proxyUrl, "proxyUrl");
        String shown = Redactor.url(proxyUrl.toString());
        String scheme = proxyUrl.getScheme() == null ? "" : proxyUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http")) {
            throw new InvalidInputException("proxy", shown, "must be an http:// URL (the JDK speaks plain HTTP to a "
                    + "proxy; https targets are tunnelled through it)");
        }
        if (proxyUrl.getHost() == null) {
            throw new InvalidInputException("proxy", shown, "has no host");
        }
        String path = proxyUrl.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || proxyUrl.getRawQuery() != null
                || proxyUrl.getRawFragment() != null) {
            throw new InvalidInputException("proxy", shown, "must have no path, query or fragment");
        }
        String user = null;
        String pass = null;
        String info = proxyUrl.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            pass = colon < 0 ? null : decode(info.substring(colon + 1));
            checkNoControl("proxy user", user, shown);
            if (pass != null && hasControl(pass)) {
                throw new InvalidInputException("proxy", shown, "its password contains a control character");
            }
        }
        int port = proxyUrl.getPort() < 0 ? 80 : proxyUrl.getPort();
        return new ProxyConfig(proxyUrl.getHost(), port, user == null || user.isEmpty() ? null : user, pass);
    }

    /**
     * The proxy the environment names for targets of {@code scheme}, as curl and Python's requests read it:
     * {@code <scheme>_proxy}, else {@code <SCHEME>_PROXY} (e.g. {@code https_proxy} then {@code HTTPS_PROXY}).
     * Nothing is read unless the caller asks (the JDK ignores these variables, and an SDK that started obeying them
     * would silently reroute existing applications). {@code no_proxy} is not applied: a configured proxy carries
     * every request of the service.
     *
     * @param env the environment variables (name to value), e.g. {@code System.getenv()}
     * @param scheme {@code https} or {@code http}: the scheme of the service's endpoints
     * @return the proxy, or empty when neither variable is set (or is blank)
     * @throws InvalidInputException naming {@code proxy} (its password masked) if the value is not usable
     */
    public static Optional<ProxyConfig> fromEnvironment(java.util.Map<String, String> env, String scheme) {
        Objects.requireNonNull(env, "env");
        String s = Objects.requireNonNull(scheme, "scheme").toLowerCase(Locale.ROOT);
        String value = env.get(s + "_proxy");
        if (value == null || value.isBlank()) {
            value = env.get(s.toUpperCase(Locale.ROOT) + "_PROXY");
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(of(value));
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static void checkNoControl(String what, String value, String shown) {
        if (value != null && hasControl(value)) {
            throw new InvalidInputException("proxy", shown, what + " contains a control character");
        }
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    /** {@return the proxy's host name or address} */
    public String host() {
        return host;
    }

    /** {@return the proxy's port} */
    public int port() {
        return port;
    }

    /** {@return the user name for the proxy, if the URL had one} */
    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /**
     * The password for the proxy. A secret: the SDK never logs it nor puts it in a message.
     *
     * @return the password, if the URL had one
     */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProxyConfig p && p.port == port && p.host.equals(host) && Objects.equals(p.username, username)
                && Objects.equals(p.password, password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, username, password);
    }

    /** {@return {@code http://user:***@host:port}: the password masked} */
    @Override
    public String toString() {
        return "http://" + (username == null ? "" : username + (password == null ? "" : ":" + Redactor.MASK) + "@")
                + host + ":" + port;
    }
}
