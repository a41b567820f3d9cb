package io.tokensniped.gateway.auth;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps {@code lastUsedAt} current without a write per request: uses are coalesced in memory (newest time per key)
 * and written to the Redis hash keys-service reads, once per flush interval.
 */
@ApplicationScoped
public class ApiKeyUsageRecorder {

    static final String HASH = "apikey:last-used";
    private static final Logger LOG = Logger.getLogger(ApiKeyUsageRecorder.class);

    private final Map<UUID, Long> pending = new ConcurrentHashMap<>();
    private final HashCommands<String, String, String> hash;

    public ApiKeyUsageRecorder(RedisDataSource redis) {
        this.hash = redis.hash(String.class);
    }

    void used(UUID apiKeyId) {
        pending.merge(apiKeyId, System.currentTimeMillis(), Math::max);
    }

    @Scheduled(every = "${tokensniped.keys.usage-flush-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<String, String> batch = new java.util.HashMap<>();
        pending.keySet().forEach(id -> {
            Long at = pending.remove(id);
            if (at != null) {
                batch.put(id.toString(), String.valueOf(at));
            }
        });
        try {
            hash.hset(HASH, batch);
        } catch (RuntimeException e) {
            // Redis away: last-use times are a convenience, never worth failing a request for.
            LOG.debugf("last-use flush skipped: %s", e.toString());
        }
    }
}
