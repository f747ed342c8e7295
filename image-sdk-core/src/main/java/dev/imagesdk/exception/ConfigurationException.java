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

    /** The environment variable or configuration key at fault. */
    private final String setting;

    /**
     * Creates the exception; the message becomes {@code "<setting>: <message>"}.
     *
     * @param setting the variable or key at fault (never null)
     * @param message what was expected (never a secret value)
     * @throws NullPointerException if {@code setting} is null
     */
    public ConfigurationException(String setting, String message) {
        super(setting + ": " + message);
        this.setting = Objects.requireNonNull(setting, "setting");
    }

    /**
     * Creates the exception with its cause; the message becomes {@code "<setting>: <message>"}.
     *
     * @param setting the variable or key at fault (never null)
     * @param message what was expected (never a secret value)
     * @param cause the underlying failure (e.g. a YAML parse error)
     * @throws NullPointerException if {@code setting} is null
     */
    public ConfigurationException(String setting, String message, Throwable cause) {
        super(setting + ": " + message, cause);
        this.setting = Objects.requireNonNull(setting, "setting");
    }

    /** {@return the environment variable or configuration key at fault} */
    public String setting() {
        return setting;
    }
}
