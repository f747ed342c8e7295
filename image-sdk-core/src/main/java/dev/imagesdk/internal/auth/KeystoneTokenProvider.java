package dev.imagesdk.internal.auth;

import dev.imagesdk.auth.Token;
import dev.imagesdk.auth.TokenProvider;

import java.time.Clock;
import java.time.Duration;
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
 */
public final class KeystoneTokenProvider implements TokenProvider {

    private final Supplier<Token> authenticator;
    private final Clock clock;
    private final Duration skew;
    private final AtomicReference<Token> current = new AtomicReference<>();
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
        Token seen = current.get();
        if (seen != null && seen.isValidFor(clock.instant(), margin)) {
            return seen;
        }
        renewal.lock();
        try {
            Token now = current.get();
            if (now != null && (now != seen || now.isValidFor(clock.instant(), margin))) {
                // Renewed by another thread while we waited: the freshest token there is.
                return now;
            }
            Token fresh = Objects.requireNonNull(authenticator.get(), "authenticator returned null");
            authentications.increment();
            current.set(fresh);
            return fresh;
        } finally {
            renewal.unlock();
        }
    }

    @Override
    public void invalidate(String staleToken) {
        Token t = current.get();
        if (t != null && t.value().equals(staleToken)) {
            current.compareAndSet(t, null);
        }
    }

    /** How many tokens were obtained so far. */
    public long authenticationCount() {
        return authentications.sum();
    }

    @Override
    public String toString() {
        return "KeystoneTokenProvider{skew=" + skew + ", current=" + current.get() + '}';
    }
}
