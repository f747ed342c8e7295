package dev.imagesdk.internal.log;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text that is about to be logged or put in a message: query parameters and
 * headers that carry tokens, passwords or secrets, and user-info in URLs. The one place that knows what a
 * secret looks like: every exception message of the SDK passes through {@link #url(String)} (in
 * {@link dev.imagesdk.exception.ImageSdkException}'s constructors), as do the wire log, the configuration's
 * {@code toString()} and the log lines that name an endpoint.
 */
public final class Redactor {

    /** What a secret is replaced with. */
    public static final String MASK = "***";

    private static final Set<String> SECRET_HEADERS = Set.of(
            "x-auth-token", "x-subject-token", "x-service-token", "authorization", "proxy-authorization",
            "cookie", "set-cookie");

    // Query parameters whose value is secret: a name containing token, password, secret, signature or
    // credential (case-insensitive). Not "key": Glance's sort_key=name is no secret and must stay readable.
    // A value ends at whitespace too (a URL has none): the text after a URL in a message stays readable.
    private static final Pattern SECRET_QUERY = Pattern.compile(
            "([?&][^=&#\\s]*(?:token|passw(?:or)?d|secret|signature|credential)[^=&#\\s]*=)([^&#\\s]*)",
            Pattern.CASE_INSENSITIVE);

    // user-info of any URL in the text: after "scheme://", up to the last '@' before the host's end.
    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/?#\\s]*@");

    private static final Pattern ABSOLUTE_URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://\\S+$");
    private static final Pattern FILE_PATH = Pattern.compile("^(?:[/~.\\\\]|[A-Za-z]:[\\\\/]).*");

    private Redactor() {
    }

    /** {@code true} if a header of this name carries a secret and must never be logged. */
    public static boolean isSecretHeader(String name) {
        return name != null && SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT));
    }

    /** The header value as it may be logged. */
    public static String headerValue(String name, String value) {
        return isSecretHeader(name) ? MASK : value;
    }

    /**
     * The URL, or any text with URLs in it (a message), with every URL's user-info
     * ({@code user:password@}) and secret query parameters masked. Null-safe.
     */
    public static String url(String url) {
        if (url == null) {
            return null;
        }
        if (url.indexOf('@') < 0 && url.indexOf('=') < 0) {
            return url; // nothing to mask (the common case, kept cheap: every exception message comes here)
        }
        String noUser = USER_INFO.matcher(url).replaceAll(MASK + "@");
        Matcher m = SECRET_QUERY.matcher(noUser);
        return m.replaceAll(mr -> Matcher.quoteReplacement(mr.group(1) + MASK));
    }

    /** The URI without user-info: neither HTTP stack of the SDK sends it, and it must not be shown. Null-safe. */
    public static URI withoutUserInfo(URI uri) {
        if (uri == null || uri.getRawUserInfo() == null) {
            return uri;
        }
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getRawPath() == null ? null
                    : uri.getPath(), uri.getQuery(), uri.getFragment());
        } catch (URISyntaxException e) {
            return URI.create(url(uri.toString()));
        }
    }

    /**
     * How a refused value of a non-secret setting may be shown in a message. A secret put in the wrong
     * variable (a password in {@code OS_INSECURE}) must not be echoed, so a value is shown only when it has
     * the shape of what such settings hold: an absolute URL (with its user-info masked) or a file path.
     * Anything else, in particular any refused value of an enumerated setting (boolean, version, auth type,
     * interface; the message lists the accepted values instead), is described by its length only:
     * {@code (8 characters, not shown)}.
     *
     * @return the value quoted, or its description; {@code null} for null
     */
    public static String refusedValue(String value) {
        if (value == null) {
            return "null";
        }
        String v = value.strip();
        if (ABSOLUTE_URL.matcher(v).matches()) {
            return "'" + url(v) + "'";
        }
        if (FILE_PATH.matcher(v).matches()) {
            return "'" + v + "'";
        }
        return "(" + value.length() + " characters, not shown)";
    }
}
