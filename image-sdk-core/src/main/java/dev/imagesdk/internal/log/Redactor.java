package dev.imagesdk.internal.log;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text that is about to be logged or put in a message: query parameters and
 * headers that carry tokens, passwords or secrets, and user-info in URLs.
 */
public final class Redactor {

    /** What a secret is replaced with. */
    public static final String MASK = "***";

    private static final Set<String> SECRET_HEADERS = Set.of(
            "x-auth-token", "x-subject-token", "x-service-token", "authorization", "proxy-authorization",
            "cookie", "set-cookie");

    // Query parameters whose value is secret: a name containing token, password, secret, signature or
    // credential (case-insensitive). Not "key": Glance's sort_key=name is no secret and must stay readable.
    private static final Pattern SECRET_QUERY = Pattern.compile(
            "([?&][^=&#]*(?:token|passw(?:or)?d|secret|signature|credential)[^=&#]*=)([^&#]*)",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@?#]+@");

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

    /** The URL with user-info and secret query parameters masked. Null-safe. */
    public static String url(String url) {
        if (url == null) {
            return null;
        }
        String noUser = USER_INFO.matcher(url).replaceFirst(MASK + "@");
        Matcher m = SECRET_QUERY.matcher(noUser);
        return m.replaceAll(mr -> Matcher.quoteReplacement(mr.group(1) + MASK));
    }
}
