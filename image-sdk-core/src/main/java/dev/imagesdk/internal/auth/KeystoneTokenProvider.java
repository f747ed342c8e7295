package dev.imagesdk.internal.auth;

import dev.imagesdk.auth.Token;
import dev.imagesdk.auth.TokenProvider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A {@link TokenProvider} that obtains tokens from an authenticator (Keystone) and keeps them fresh.
 *
 * <p>Reads are lock-free (an {@link AtomicReference}); renewal happens under a {@link ReentrantLock}
 * (not {@code synchronized}, which pins virtual threads). A thread that waited for the lock returns the
 * token another thread obtained meanwhile instead of calling Keystone again: N threads needing a token
 * cause one Keystone call.
 *
 * <p>Short-lived tokens: a demand for validity (the refresh skew, or a transfer's {@code ensureValidFor})
 * is capped at {@link #LIFETIME_FRACTION_DENOMINATOR 1/2} of the token's own lifetime (measured when it was
 * obtained). Without the cap, a demand longer than the lifetime (a 10 minute transfer validity with 5 minute
 * tokens, or the 120 s skew with 60 s tokens) could never be met and every call would authenticate again;
 * with it, a token is renewed once half of its lifetime has passed, about two tokens per lifetime however
 * many calls run. Tokens of normal lifetime (an hour) are unaffected.
 */
public final class KeystoneTokenProvider implements TokenProvider {

    private final Supplier<Token> authenticator;
    private final Clock clock;
    private final Duration skew;
    /** Demands are capped at lifetime / this. */
    static final int LIFETIME_FRACTION_DENOMINATOR = 2;

    /** The current token and its lifetime when it was obtained (null: unknown expiry). */
    private record Held(Token token, Duration lifetime) {
        Duration cap(Duration margin) {
            if (lifetime == null) {
                return margin;
            }
            Duration limit = lifetime.dividedBy(LIFETIME_FRACTION_DENOMINATOR);
            return margin.compareTo(limit) > 0 ? limit : margin;
        }

        boolean isValidFor(Instant now, Duration margin) {
            if (lifetime != null && (lifetime.isZero() || lifetime.isNegative())) {
                // Expired on arrival by our clock: the clocks disagree and ours cannot judge this token.
                // Renewing would not help (the next one looks the same); a 401 invalidates it instead.
                return true;
            }
            return token.isValidFor(now, cap(margin));
        }
    }

    private final AtomicReference<Held> current = new AtomicReference<>();
    private final ReentrantLock renewal = new ReentrantLock();
    private final LongAdder authentications = new LongAdder();

    /**
     * @param authenticator performs one authentication (one Keystone call)
     * @param skew renew once less than this remains before expiry
     */
    public KeystoneTokenProvider(Supplier<Token> authenticator, Clock clock, Duration skew) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.skew = Objects.requireNonNull(skew, "skew");
    }

    @Override
    public Token token() {
        return validFor(skew);
    }

    @Override
    public Token ensureValidFor(Duration minRemaining) {
        Objects.requireNonNull(minRemaining, "minRemaining");
        return validFor(minRemaining.compareTo(skew) > 0 ? minRemaining : skew);
    }

    private Token validFor(Duration margin) {
        Held seen = current.get();
        if (seen != null && seen.isValidFor(clock.instant(), margin)) {
            return seen.token();
        }
        renewal.lock();
        try {
            Held now = current.get();
            if (now != null && (now != seen || now.isValidFor(clock.instant(), margin))) {
                // Renewed by another thread while we waited: the freshest token there is.
                return now.token();
            }
            Token fresh = Objects.requireNonNull(authenticator.get(), "authenticator returned null");
            authentications.increment();
            Instant obtained = clock.instant();
            Duration lifetime = fresh.expiresAt().map(exp -> Duration.between(obtained, exp)).orElse(null);
            current.set(new Held(fresh, lifetime));
            return fresh;
        } finally {
            renewal.unlock();
        }
    }

    @Override
    public void invalidate(String staleToken) {
        Held t = current.get();
        if (t != null && t.token().value().equals(staleToken)) {
            current.compareAndSet(t, null);
        }
    }

    /** How many tokens were obtained so far. */
    public long authenticationCount() {
        return authentications.sum();
    }

    @Override
    public String toString() {
        return "KeystoneTokenProvider{skew=" + skew + ", current=" + current.get() + '}'; // Held prints the Token, which masks its value
    }
}
