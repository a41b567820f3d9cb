package io.tokensniped.keys.apikey.service;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * When each key was last used. The gateways coalesce uses in memory and write the newest time per key to the Redis
 * hash {@code apikey:last-used} about once a second; nothing is written to PostgreSQL per request.
 */
@ApplicationScoped
public class ApiKeyUsage {

    public static final String HASH = "apikey:last-used";

    private final HashCommands<String, String, String> hash;

    public ApiKeyUsage(RedisDataSource redis) {
        this.hash = redis.hash(String.class);
    }

    public Map<UUID, Instant> lastUsed(List<UUID> keyIds) {
        Map<UUID, Instant> out = new HashMap<>();
        if (keyIds.isEmpty()) {
            return out;
        }
        Map<String, String> values = hash.hmget(HASH, keyIds.stream().map(UUID::toString).toArray(String[]::new));
        values.forEach((id, at) -> {
            if (at != null) {
                out.put(UUID.fromString(id), Instant.ofEpochMilli(Long.parseLong(at)));
            }
        });
        return out;
    }
}
