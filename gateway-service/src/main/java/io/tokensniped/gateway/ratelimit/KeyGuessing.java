package io.tokensniped.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.smallrye.mutiny.Uni;
import io.tokensniped.gateway.common.RedisPipeline;
import io.tokensniped.gateway.common.RedisScript;
import io.tokensniped.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Brute force of API keys, limited per client address: failed key authentications are counted in Redis (shared by
 * every gateway, one round trip per failure, none per success), and an address past the limit is refused with 429
 * for the rest of the window, whatever key it sends. Each gateway remembers the addresses it found blocked, so the
 * hot path of a good key stays one Redis round trip (its own rate limit).
 */
@ApplicationScoped
public class KeyGuessing {

    private static final long MILLIS_PER_SECOND = 1000;

    private final RedisPipeline redis;
    private final RedisScript script;
    private final int maxFailures;
    private final Duration window;
    private final Duration timeout;
    /** Blocked addresses and until when (epoch millis), as this instance learnt them. */
    private final Map<String, Long> blockedUntil = new ConcurrentHashMap<>();

    public KeyGuessing(RedisPipeline redis, GatewayConfig config) {
        this.redis = redis;
        this.script = RedisScript.load("/ratelimit/failures.lua");
        this.maxFailures = config.keyGuessing().maxFailures();
        this.window = config.keyGuessing().window();
        this.timeout = config.rateLimit().redisTimeout();
    }

    /** Seconds until {@code address} may try keys again, or 0 when it may now. */
    public long blockedFor(String address) {
        Long until = blockedUntil.get(address);
        if (until == null) {
            return 0;
        }
        long left = until - System.currentTimeMillis();
        if (left <= 0) {
            blockedUntil.remove(address, until);
            return 0;
        }
        return (left + MILLIS_PER_SECOND - 1) / MILLIS_PER_SECOND;
    }

    /** Counts a failed authentication; emits the seconds the address is now blocked for (0 while under the limit). */
    public Uni<Long> failed(String address) {
        return script.run(redis, java.util.List.of("kg:" + address), String.valueOf(window.toMillis()))
                .ifNoItem().after(timeout).fail()
                .map(r -> {
                    long failures = r.get(0).toLong();
                    long leftMillis = Math.max(0, r.get(1).toLong());
                    if (failures <= maxFailures) {
                        return 0L;
                    }
                    long now = System.currentTimeMillis();
                    // Only addresses over the limit are remembered; forgetting the expired ones here bounds the map.
                    blockedUntil.values().removeIf(until -> until <= now);
                    blockedUntil.put(address, now + leftMillis);
                    return Math.max(1, (leftMillis + MILLIS_PER_SECOND - 1) / MILLIS_PER_SECOND);
                });
    }
}
