package io.tokensniped.gateway.ratelimit;

import java.time.Duration;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tokensniped.gateway.auth.KnownKey;
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

    private static final long MILLIS_PER_SECOND = 1000;

    private final ReactiveRedisDataSource redis;
    private final RedisScript script;
    private final Duration timeout;

    public RateLimitPolicy(ReactiveRedisDataSource redis, GatewayConfig config) {
        this.redis = redis;
        this.script = RedisScript.load("/ratelimit/gcra.lua");
        this.timeout = config.rateLimit().redisTimeout();
    }

    public Uni<RateLimitDecision> acquire(KnownKey key) {
        int rpm = key.state().rateLimitRpm();
        int rpd = key.state().rateLimitRpd();
        String id = key.apiKeyId().toString();
        return script.run(redis, java.util.List.of("rl:" + id + ":m", "rl:" + id + ":d"), String.valueOf(rpm), String.valueOf(rpd))
                .ifNoItem().after(timeout).fail()
                .map(r -> decide(r, rpm, rpd));
    }

    static RateLimitDecision decide(Response r, int rpm, int rpd) {
        boolean allowed = r.get(0).toLong() == 1;
        long retryAfter = ceilSeconds(r.get(1).toLong());
        long minuteRemaining = r.get(2).toLong();
        long dayRemaining = r.get(4).toLong();
        // Report the window closest to its limit, relative to its size.
        boolean dayCloser = (double) dayRemaining / rpd < (double) minuteRemaining / rpm;
        return dayCloser
                ? new RateLimitDecision(allowed, retryAfter, rpd, dayRemaining, ceilSeconds(r.get(5).toLong()))
                : new RateLimitDecision(allowed, retryAfter, rpm, minuteRemaining, ceilSeconds(r.get(3).toLong()));
    }

    private static long ceilSeconds(long millis) {
        return (millis + MILLIS_PER_SECOND - 1) / MILLIS_PER_SECOND;
    }
}
