package io.tokensniped.gateway.ratelimit;

import java.time.Duration;

import io.smallrye.mutiny.Uni;
import io.tokensniped.gateway.common.RedisPipeline;
import io.tokensniped.gateway.common.RedisScript;
import io.tokensniped.gateway.config.GatewayConfig;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Per-key {@code rateLimitRpm} and {@code rateLimitRpd}, enforced atomically across every gateway instance: one Redis
 * round trip (a Lua script, GCRA) per request. When Redis cannot answer within the timeout the request is refused
 * with 503 and Retry-After rather than admitted unmetered (see docs/architecture.md, Rate limits).
 */
@ApplicationScoped
public class RateLimitPolicy {

    private final RedisPipeline redis;
    private final RedisScript script;
    private final Duration timeout;

    public RateLimitPolicy(RedisPipeline redis, GatewayConfig config) {
        this.redis = redis;
        this.script = RedisScript.load("/ratelimit/gcra.lua");
        this.timeout = config.rateLimit().redisTimeout();
    }

    public Uni<RateLimitDecision> acquire(LimitedKey key) {
        int rpm = key.rateLimitRpm();
        int rpd = key.rateLimitRpd();
        String id = key.apiKeyId().toString();
        return script
                .run(redis, java.util.List.of("rl:" + id + ":m", "rl:" + id + ":d"), String.valueOf(rpm), String.valueOf(rpd))
                .ifNoItem().after(timeout).fail()
                .map(r -> decide(r, rpm, rpd));
    }

    static RateLimitDecision decide(Response r, int rpm, int rpd) {
        return RateLimitDecision.closestWindow(r.get(0).toLong() == 1, r.get(1).toLong(), rpm, r.get(2).toLong(),
                r.get(3).toLong(), rpd, r.get(4).toLong(), r.get(5).toLong());
    }
}
