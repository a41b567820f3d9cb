package io.tokensniped.gateway.capacity;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.tokensniped.gateway.common.RedisPipeline;
import io.tokensniped.gateway.common.RedisScript;
import io.tokensniped.gateway.config.GatewayConfig;
import io.tokensniped.support.error.ApiException;
import io.tokensniped.support.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * One account cannot hold more than its share of the solvers: each account's live solves in flight are counted in
 * Redis (shared by every gateway) and a live solve beyond the account's cap is refused with 429 and Retry-After, so
 * one customer's burst never fills the queue that every other customer's solves wait in. A slot is freed when the
 * solve ends (by the gateway that admitted it), or lapses at its deadline should that gateway be gone.
 */
@ApplicationScoped
public class InFlightSolves {

    private static final Logger LOG = Logger.getLogger(InFlightSolves.class);

    private final RedisPipeline redis;
    private final SolverCapacity capacity;
    private final RedisScript script;
    private final GatewayConfig.Capacity settings;
    private final Duration redisTimeout;
    private final int unavailableRetryAfter;

    public InFlightSolves(RedisPipeline redis, SolverCapacity capacity, GatewayConfig config) {
        this.redis = redis;
        this.capacity = capacity;
        this.script = RedisScript.load("/capacity/in-flight.lua");
        this.settings = config.capacity();
        this.redisTimeout = config.rateLimit().redisTimeout();
        this.unavailableRetryAfter = config.rateLimit().unavailableRetryAfterSeconds();
    }

    /** Takes a slot for the solve until {@code lapsesAt}; fails with 429 when the account has all its share in flight. */
    public Uni<Void> claim(UUID accountId, UUID solveId, Instant lapsesAt) {
        long cap = capacity.accountCap();
        return script.run(redis, java.util.List.of(key(accountId)), solveId.toString(), String.valueOf(lapsesAt.toEpochMilli()),
                String.valueOf(cap))
                .ifNoItem().after(redisTimeout).fail()
                .onFailure().transform(e -> ApiException.unavailable("solve admission is unavailable, retry shortly",
                        unavailableRetryAfter))
                .flatMap(r -> r.get(0).toLong() == 1
                        ? Uni.createFrom().voidItem()
                        : Uni.createFrom()
                                .failure(new ApiException(ErrorCode.RATE_LIMITED,
                                        "this account already has " + r.get(1).toLong()
                                                + " live solves in flight, its share of the solvers now (" + cap
                                                + "); retry when one ends",
                                        settings.accountRetryAfterSeconds())));
    }

    /** Best effort: a slot that cannot be freed now lapses at its solve's deadline. */
    public void release(UUID accountId, UUID solveId) {
        redis.execute("ZREM", key(accountId), solveId.toString()).ifNoItem().after(redisTimeout).fail().subscribe().with(
                removed -> {
                },
                e -> LOG.debugf("could not free the slot of solve %s (it lapses at its deadline): %s", solveId, e.toString()));
    }

    private static String key(UUID accountId) {
        return "inflight:" + accountId;
    }
}
