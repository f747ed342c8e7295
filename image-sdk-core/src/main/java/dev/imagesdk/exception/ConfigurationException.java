package dev.imagesdk.exception;

import java.util.Objects;

/**
 * A setting is missing, malformed or contradicts another one. {@link #setting()} names the environment
 * variable or {@code clouds.yaml} key at fault (e.g. {@code OS_AUTH_URL} or
 * {@code clouds.mycloud.auth.auth_url}); the message says what was expected. Secret values are never
 * included.
 */
public class ConfigurationException extends ImageSdkClientException {
    private static final long serialVersionUID = 1L;

    private final String setting;

    public ConfigurationException(String setting, String message) {
        super(setting + ": " + message);
        this.setting = Objects.requireNonNull(setting, "setting");
    }

    public ConfigurationException(String setting, String message, Throwable cause) {
        super(setting + ": " + message, cause);
        this.setting = Objects.requireNonNull(setting, "setting");
    }

    /** The environment variable or configuration key at fault. */
    public String setting() {
        return setting;
    }
}
