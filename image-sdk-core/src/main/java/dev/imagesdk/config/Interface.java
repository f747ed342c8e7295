package dev.imagesdk.config;

import dev.imagesdk.exception.ConfigurationException;
import dev.imagesdk.internal.log.Redactor;

import java.util.Locale;

/**
 * Which of a service's catalog endpoints to use, as Keystone names them. Parsing also accepts the
 * Keystone v2.0 spellings ({@code publicURL}, {@code internalURL}, {@code adminURL}).
 */
public enum Interface {
    /** The endpoint for users outside the cloud; the default. */
    PUBLIC,
    /** The endpoint on the cloud's internal network. */
    INTERNAL,
    /** The administrative endpoint. */
    ADMIN;

    /** {@return the name Keystone v3 uses ({@code public}, {@code internal}, {@code admin})} */
    public String keystoneName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code public}, {@code internal}, {@code admin}, any case, with or without a {@code URL} suffix.
     *
     * @param value the interface name, any case, with or without the {@code URL} suffix
     * @param setting the variable or key the value came from, named in the error
     * @return the interface
     * @throws ConfigurationException if the value is none of those
     */
    public static Interface parse(String value, String setting) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (v.endsWith("url")) {
            v = v.substring(0, v.length() - 3);
        }
        switch (v) {
            case "public": return PUBLIC;
            case "internal": return INTERNAL;
            case "admin": return ADMIN;
            default:
                throw new ConfigurationException(setting,
                        Redactor.refusedValue(value) + " is not an interface; use public, internal or admin");
        }
    }
}
