package io.tokensniped.gateway.credit.service;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.tokensniped.events.billing.BalanceChanged;
import io.tokensniped.gateway.common.RedisPipeline;
import io.tokensniped.gateway.common.RedisScript;
import io.tokensniped.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the gateways know of each account's credits, so a live solve can be admitted while billing is away (a
 * restart, a deploy) without ever spending more than the account has (docs/architecture.md, "Credits while billing is
 * away"). Kept in Redis, shared by every gateway:
 * <ul>
 * <li>the available balance billing last announced ({@code BalanceChanged} on billing.events), and
 * <li>the prices reserved since that billing has not announced yet: every live solve's price is noted before its hold
 * is asked for ({@link #expect}), and cleared when billing announces the balance that reflects it (the event names
 * the solve) or the solve's withdrawal is confirmed.
 * </ul>
 * While billing cannot answer, {@link #reserve} admits a solve only if the announced balance less those prices covers
 * it; billing then places that hold from the solve's SolveRequested ({@code provisionalHold}).
 */
@ApplicationScoped
public class CreditReservations {

    private static final Logger LOG = Logger.getLogger(CreditReservations.class);

    /** How {@link #reserve} ended. {@code left} is the announced balance less the other reservations. */
    public record Reservation(Outcome outcome, long left) {
    }

    public enum Outcome {
        RESERVED, NOT_COVERED, BALANCE_UNKNOWN
    }

    private final RedisPipeline redis;
    private final RedisScript expect = RedisScript.load("/credit/expect.lua");
    private final RedisScript reserve = RedisScript.load("/credit/reserve.lua");
    private final RedisScript announced = RedisScript.load("/credit/announced.lua");
    private final Duration redisTimeout;
    private final String reservationTtl;
    private final String snapshotTtl;

    public CreditReservations(RedisPipeline redis, GatewayConfig config) {
        this.redis = redis;
        this.redisTimeout = config.rateLimit().redisTimeout();
        this.reservationTtl = String.valueOf(config.credit().reservationTtl().toMillis());
        this.snapshotTtl = String.valueOf(config.credit().snapshotTtl().toMillis());
    }

    /**
     * Notes the price of a live solve whose hold is about to be asked for. Never fails: without Redis nothing can be
     * reserved later either, and billing's own hold still guards the balance.
     */
    public Uni<Void> expect(UUID accountId, UUID solveId, long price) {
        return expect.run(redis, List.of(reservations(accountId)), solveId.toString(), String.valueOf(price), reservationTtl)
                .ifNoItem().after(redisTimeout).fail()
                .onFailure().invoke(e -> LOG.debugf("could not note the price of solve %s: %s", solveId, e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Reserves the solve's price against the account's announced balance; fails only when Redis cannot answer. */
    public Uni<Reservation> reserve(UUID accountId, UUID solveId, long price) {
        return reserve.run(redis, List.of(balance(accountId), reservations(accountId)), solveId.toString(),
                String.valueOf(price), reservationTtl)
                .ifNoItem().after(redisTimeout).fail()
                .map(r -> new Reservation(switch (r.get(0).toInteger()) {
                    case 1 -> Outcome.RESERVED;
                    case 0 -> Outcome.NOT_COVERED;
                    default -> Outcome.BALANCE_UNKNOWN;
                }, r.get(1).toLong()));
    }

    /** Best effort: a reservation that is not cleared now only lowers what may be reserved until it lapses. */
    public void forget(UUID accountId, UUID solveId) {
        redis.execute("HDEL", reservations(accountId), solveId.toString()).ifNoItem().after(redisTimeout).fail()
                .subscribe().with(done -> {
                }, e -> LOG.debugf("could not clear the reservation of solve %s: %s", solveId, e.toString()));
    }

    /** Applies a balance billing announced (in order per account: billing.events is keyed by account). */
    public Uni<Void> announced(BalanceChanged change) {
        return announced.run(redis, List.of(balance(change.accountId()), reservations(change.accountId())),
                String.valueOf(change.availableCredits()), String.valueOf(change.occurredAt().toEpochMilli()),
                change.solveId() == null ? "" : change.solveId().toString(), snapshotTtl)
                .ifNoItem().after(redisTimeout).fail()
                .replaceWithVoid();
    }

    // The braces are a Redis Cluster hash tag: both keys of an account live on one shard, as a script needs.
    private static String balance(UUID accountId) {
        return "credit:{" + accountId + "}";
    }

    private static String reservations(UUID accountId) {
        return "credit:{" + accountId + "}:reserved";
    }
}
