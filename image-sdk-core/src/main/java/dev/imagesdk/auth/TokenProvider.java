package dev.imagesdk.auth;

import java.time.Duration;

/**
 * Supplies the token every request carries. Thread-safe.
 *
 * <p>The Keystone implementation renews the token proactively once less than the configured skew
 * (default 120 s) remains (or, for a token whose lifetime is short, once half of its lifetime has passed:
 * a validity demand is never longer than half the token's lifetime, so short-lived tokens do not cause
 * one authentication per call), performs at most one Keystone call at a time however many threads need a
 * token (single-flight), and after a 401 drops the token only if it is still the one that was refused
 * ({@link #invalidate(String)} is compare-and-invalidate), so concurrent 401s cause one renewal.
 *
 * <p>Failures: Keystone's refusal surfaces as {@link dev.imagesdk.exception.UnauthorizedException} (or
 * another {@link dev.imagesdk.exception.ImageServiceException}); an unreachable Keystone as
 * {@link dev.imagesdk.exception.TransportException}.
 */
public interface TokenProvider {

    /** {@return a token valid for at least the refresh skew, renewing it first if needed} */
    Token token();

    /**
     * Forgets {@code staleToken} if it is still the current token, so the next {@link #token()} renews it.
     * Does nothing if the token has already been replaced.
     *
     * @param staleToken the token the service refused (401)
     */
    void invalidate(String staleToken);

    /**
     * {@return a token valid for at least {@code minRemaining} (e.g. before a long upload), renewing it first if
     * less remains} The demand is capped at half the token's lifetime: if Keystone issues tokens with a
     * shorter lifetime than {@code minRemaining}, a token is renewed once half of its lifetime has passed and
     * may then expire during a long transfer (which then fails with
     * {@link dev.imagesdk.exception.UnauthorizedException} if the service checks the token again).
     *
     * @param minRemaining how long the token must remain valid
     */
    Token ensureValidFor(Duration minRemaining);

    /**
     * {@return whether {@link #invalidate} followed by {@link #token()} can yield a different token} {@code false}
     * for a static token, so a 401 is reported at once instead of replayed with the same token.
     */
    default boolean canReauthenticate() {
        return true;
    }
}
