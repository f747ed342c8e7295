package dev.imagesdk.internal.http;

/** The {@code User-Agent} every request carries: {@code image-sdk/<version>}. */
public final class UserAgent {

    private UserAgent() {
    }

    /** The SDK version from the jar manifest; "dev" when running from classes (tests, IDE). */
    public static String version() {
        String v = UserAgent.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    public static String value() {
        return "image-sdk/" + version();
    }
}
