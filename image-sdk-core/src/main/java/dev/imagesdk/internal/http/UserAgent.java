package dev.imagesdk.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The {@code User-Agent} every request carries: {@code image-sdk/<version>}. The version comes from
 * {@code version.properties} next to this class, which Maven's resource filtering writes at build time; it
 * is read with {@link Class#getResourceAsStream}, which finds it on the class path and, from this module's
 * own package, on the module path too.
 */
public final class UserAgent {

    private static final String VERSION = load();

    private UserAgent() {
    }

    /**
     * The SDK version the build wrote; "dev" only when the resource is missing or unfiltered (classes
     * compiled outside Maven, e.g. by an IDE).
     */
    public static String version() {
        return VERSION;
    }

    /** {@return {@code image-sdk/<version>}} */
    public static String value() {
        return "image-sdk/" + version();
    }

    /**
     * {@return {@code image-sdk/<version> <applicationName>}, or {@link #value()} without a name} The name was
     * validated by {@link dev.imagesdk.config.ClientConfig.Builder#applicationName(String)}.
     *
     * @param applicationNameOrNull the caller's application name (e.g. {@code partner-publisher/2.1}), or null
     */
    public static String value(String applicationNameOrNull) {
        return applicationNameOrNull == null ? value() : value() + " " + applicationNameOrNull;
    }

    private static String load() {
        try (InputStream in = UserAgent.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "").trim();
            return v.isEmpty() || v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the SDK version resource", e);
        }
    }
}
