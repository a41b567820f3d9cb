package io.tokensniped.keys.session;

import java.time.Duration;
import java.time.Instant;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.ValueCommands;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Signed-out sessions, in Redis until they would have expired anyway. The gateways read the same keys
 * ({@code session:revoked:<id>}) before accepting a session.
 */
@ApplicationScoped
public class RevokedSessions {

    public static final String PREFIX = "session:revoked:";

    private final ValueCommands<String, String> values;

    public RevokedSessions(RedisDataSource redis) {
        this.values = redis.value(String.class);
    }

    public void revoke(String sessionId, Instant expiresAt) {
        long seconds = Math.max(1, Duration.between(Instant.now(), expiresAt).toSeconds());
        values.setex(PREFIX + sessionId, seconds, "1");
    }
}
