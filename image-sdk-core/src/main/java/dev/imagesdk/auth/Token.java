package dev.imagesdk.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A Keystone token (or a static token the user supplied): its secret value, its expiry when known and
 * the service catalog that came with it. Immutable. {@link #toString()} never shows the value.
 */
public final class Token {

    private final String value;
    private final Instant expiresAt;
    private final ServiceCatalog catalog;
    private final String projectId;

    /**
     * @param value the token (secret)
     * @param expiresAt when it expires, or null when unknown (a static token)
     * @param catalog the service catalog, {@link ServiceCatalog#EMPTY} when none
     * @param projectId the project the token is scoped to, or null
     */
    public Token(String value, Instant expiresAt, ServiceCatalog catalog, String projectId) {
        this.value = Objects.requireNonNull(value, "value");
        this.expiresAt = expiresAt;
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.projectId = projectId;
    }

    /** {@return the secret token, to send as {@code X-Auth-Token}} Never log it. */
    public String value() {
        return value;
    }

    /** {@return when the token expires; empty for a token whose expiry is unknown} */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    /**
     * The service catalog that came with the token.
     *
     * @return the catalog; empty (never null) for unscoped tokens and static tokens
     */
    public ServiceCatalog catalog() {
        return catalog;
    }

    /** {@return the project the token is scoped to, when Keystone said} */
    public Optional<String> projectId() {
        return Optional.ofNullable(projectId);
    }

    /**
     * {@return {@code true} if the token is still valid for at least {@code margin} after {@code now} (always, when the
     * expiry is unknown)}
     *
     * @param now the current time
     * @param margin how long the token must still be valid after {@code now}
     */
    public boolean isValidFor(Instant now, Duration margin) {
        return expiresAt == null || now.plus(margin).isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "Token{value=***, expiresAt=" + expiresAt + ", projectId=" + projectId + ", " + catalog + '}';
    }
}
