package io.tokensniped.gateway.auth;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tokensniped.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps {@code lastUsedAt} current without a write per request: uses are coalesced in memory (newest time per key)
 * and written to the Redis hash keys-service reads, once per flush interval, without blocking a worker thread on it.
 */
@ApplicationScoped
public class ApiKeyUsageRecorder {

    static final String HASH = "apikey:last-used";
    private static final Logger LOG = Logger.getLogger(ApiKeyUsageRecorder.class);

    private final Map<UUID, Long> pending = new ConcurrentHashMap<>();
    private final ReactiveHashCommands<String, String, String> hash;
    private final Duration timeout;

    public ApiKeyUsageRecorder(ReactiveRedisDataSource redis, GatewayConfig config) {
        this.hash = redis.hash(String.class);
        this.timeout = config.rateLimit().redisTimeout();
    }

    void used(UUID apiKeyId) {
        pending.merge(apiKeyId, System.currentTimeMillis(), Math::max);
    }

    @Scheduled(every = "${tokensniped.keys.usage-flush-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> flush() {
        if (pending.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, String> batch = new java.util.HashMap<>();
        pending.keySet().forEach(id -> {
            Long at = pending.remove(id);
            if (at != null) {
                batch.put(id.toString(), String.valueOf(at));
            }
        });
        return hash.hset(HASH, batch).ifNoItem().after(timeout).fail().replaceWithVoid()
                // Redis away: last-use times are a convenience, never worth failing a request for.
                .onFailure().invoke(e -> LOG.debugf("last-use flush skipped: %s", e.toString()))
                .onFailure().recoverWithNull();
    }
}
