package dev.imagesdk.internal.auth;

import dev.imagesdk.auth.ServiceCatalog;
import dev.imagesdk.auth.Token;
import dev.imagesdk.auth.TokenProvider;

import java.time.Duration;

/** A token given by the user: never renewed, so a 401 is final. Keystone is never called. */
public final class StaticTokenProvider implements TokenProvider {

    private final Token token;

    public StaticTokenProvider(String token) {
        this.token = new Token(token, null, ServiceCatalog.EMPTY, null);
    }

    @Override
    public Token token() {
        return token;
    }

    @Override
    public void invalidate(String staleToken) {
        // nothing to renew
    }

    @Override
    public Token ensureValidFor(Duration minRemaining) {
        return token;
    }

    @Override
    public boolean canReauthenticate() {
        return false;
    }

    @Override
    public String toString() {
        return "StaticTokenProvider{token=***}";
    }
}
