package io.tokensniped.gateway.auth;

import java.time.Instant;
import java.util.UUID;

/** Who is calling: an API key, or a signed-in session (with its id and expiry, for sign-out). */
public record Principal(UUID accountId, KnownKey apiKey, String sessionId, Instant sessionExpiresAt) {

    public static Principal of(KnownKey key) {
        return new Principal(key.accountId(), key, null, null);
    }

    public static Principal session(UUID accountId, String sessionId, Instant expiresAt) {
        return new Principal(accountId, null, sessionId, expiresAt);
    }

    public boolean isSession() {
        return sessionId != null;
    }
}
