package io.tokensniped.billing.hold.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jboss.logging.Logger;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

import io.tokensniped.billing.config.BillingConfig;
import io.tokensniped.billing.hold.CreditHold;
import io.tokensniped.billing.ledger.LedgerEntryType;
import io.tokensniped.billing.ledger.LedgerReference;
import io.tokensniped.billing.ledger.service.CreditLedger;
import io.tokensniped.billing.outbox.BillingOutbox;
import io.tokensniped.events.billing.BalanceChanged;
import io.tokensniped.support.error.ApiException;
import io.tokensniped.support.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Credit holds, the one mechanism that keeps concurrent admissions within the balance (docs/architecture.md,
 * "Credits"). Placing a hold is a single guarded UPDATE of the account's balance row ({@code credits - held >=
 * price}); PostgreSQL's row lock serialises concurrent placements, so the sum of open holds never exceeds the
 * balance. A hold ends exactly once: captured into a {@code solve_charge} ledger entry when the solve succeeds,
 * released when it fails, when its admission is withdrawn, or when it expires without news of the solve.
 */
@ApplicationScoped
public class CreditHolds {

    private static final Logger LOG = Logger.getLogger(CreditHolds.class);

    public record Placed(UUID solveId, long amount, long availableCredits) {
    }

    private static final String HOLD_PLACED = "hold_placed";
    private static final String HOLD_RELEASED = "hold_released";

    private final TimeBasedEpochGenerator ids = Generators.timeBasedEpochGenerator();
    private final EntityManager em;
    private final CreditLedger ledger;
    private final BillingOutbox outbox;

    private final Duration provisionalGrace;

    public CreditHolds(EntityManager em, CreditLedger ledger, BillingOutbox outbox, BillingConfig config) {
        this.em = em;
        this.ledger = ledger;
        this.outbox = outbox;
        this.provisionalGrace = config.holds().provisionalGrace();
    }

    /** Reserves {@code amount} credits for the solve, or fails with 402 INSUFFICIENT_CREDITS. Idempotent per solve. */
    @Transactional
    public Placed place(UUID solveId, UUID accountId, long amount, Instant expiresAt) {
        CreditHold existing = CreditHold.findById(solveId);
        if (existing != null) {
            return alreadyPlaced(existing, accountId);
        }
        // Unlocked read first: when the balance is already short, answer without queueing for the row lock (a
        // burst against an empty balance then costs no lock waits). The guarded UPDATE below decides otherwise.
        long visible = availableCredits(accountId);
        if (visible < amount) {
            throw insufficientCredits(amount, visible);
        }
        if (!insert(solveId, accountId, amount, CreditHold.OPEN, expiresAt)) {
            // The same solve's hold placed concurrently by a retry.
            return alreadyPlaced(CreditHold.findById(solveId), accountId);
        }
        List<?> balance = guardedHold(accountId, amount);
        if (balance.isEmpty()) {
            // Throwing rolls the hold row back with it.
            throw insufficientCredits(amount, availableCredits(accountId));
        }
        long available = announce(accountId, (Object[]) balance.get(0), HOLD_PLACED, solveId);
        return new Placed(solveId, amount, available);
    }

    /**
     * The hold of a solve the gateway admitted while billing was away ({@code SolveRequested.provisionalHold}): the
     * gateway reserved the price against this account's last announced available balance, so the guarded UPDATE
     * succeeds unless that reservation was wrong. If it was, the solve runs without a hold and is never charged: the
     * balance is never overspent. Nothing happens when the solve already has a hold, or has already ended
     * ({@link #capture} or {@link #release} of a solve not yet held leave a row behind).
     */
    @Transactional
    public void placeProvisional(UUID solveId, UUID accountId, long amount, Instant expiresAt) {
        Instant expiry = expiresAt.isAfter(Instant.now().plus(provisionalGrace))
                ? expiresAt
                : Instant.now().plus(provisionalGrace);
        if (!insert(solveId, accountId, amount, CreditHold.OPEN, expiry)) {
            return;
        }
        List<?> balance = guardedHold(accountId, amount);
        if (balance.isEmpty()) {
            LOG.errorf("solve %s was admitted while billing was away with a price of %d credits the balance of account %s"
                    + " no longer covers: it runs without a hold and will not be charged", solveId, amount, accountId);
            end(solveId, CreditHold.RELEASED);
            return;
        }
        announce(accountId, (Object[]) balance.get(0), HOLD_PLACED, solveId);
    }

    private boolean insert(UUID solveId, UUID accountId, long amount, String status, Instant expiresAt) {
        return em.createNativeQuery("insert into credit_hold (solve_id, account_id, amount, status, expires_at, created_at,"
                + " settled_at) values (?1, ?2, ?3, ?4, ?5, now(), case when ?4 = 'open' then null else now() end)"
                + " on conflict (solve_id) do nothing")
                .setParameter(1, solveId).setParameter(2, accountId).setParameter(3, amount).setParameter(4, status)
                .setParameter(5, expiresAt).executeUpdate() == 1;
    }

    private List<?> guardedHold(UUID accountId, long amount) {
        return em.createNativeQuery("update account_balance set held = held + ?2, updated_at = now()"
                + " where account_id = ?1 and credits - held >= ?2 returning credits, held")
                .setParameter(1, accountId).setParameter(2, amount).getResultList();
    }

    private Placed alreadyPlaced(CreditHold hold, UUID accountId) {
        if (!hold.accountId.equals(accountId) || CreditHold.RELEASED.equals(hold.status)) {
            throw ApiException.conflict("solve " + hold.solveId + " already had a hold that has ended");
        }
        return new Placed(hold.solveId, hold.amount, availableCredits(accountId));
    }

    private long availableCredits(UUID accountId) {
        List<?> row = em.createNativeQuery("select credits - held from account_balance where account_id = ?1")
                .setParameter(1, accountId).getResultList();
        return row.isEmpty() ? 0 : ((Number) row.get(0)).longValue();
    }

    /**
     * The solve succeeded: its hold becomes a {@code solve_charge} of the admitted price. A hold that is no longer
     * open (already captured, or released because it expired or was withdrawn) is left alone, so redelivered events
     * charge once. A solve with no hold at all was admitted while billing was away and its provisional hold is not
     * placed yet (its SolveRequested is read apart from its outcome): it is charged now, if the balance covers it, and
     * the row left behind makes the later {@link #placeProvisional} do nothing.
     */
    @Transactional
    public boolean capture(UUID solveId, UUID accountId, long price, String description) {
        Object[] hold = end(solveId, CreditHold.CAPTURED);
        if (hold == null) {
            if (!insert(solveId, accountId, price, CreditHold.CAPTURED, Instant.now())) {
                // Held or ended meanwhile; the insert waited for that transaction, so an open hold is visible now.
                hold = end(solveId, CreditHold.CAPTURED);
                if (hold == null) {
                    LOG.debugf("no open hold to capture for solve %s", solveId);
                    return false;
                }
            }
            // Locked after the hold row, in the order placing a hold takes them.
            ledger.lock(accountId);
            if (availableCredits(accountId) < price) {
                LOG.errorf("solve %s succeeded without a hold and its price of %d credits is more than account %s has"
                        + " available: it is not charged", solveId, price, accountId);
                em.createNativeQuery("update credit_hold set status = 'released' where solve_id = ?1")
                        .setParameter(1, solveId).executeUpdate();
                return false;
            } else {
                ledger.record(accountId, LedgerEntryType.SOLVE_CHARGE, -price, 0, description, LedgerReference.solve(solveId));
                return true;
            }
        }
        long amount = ((Number) hold[1]).longValue();
        ledger.record((UUID) hold[0], LedgerEntryType.SOLVE_CHARGE, -amount, -amount, description,
                LedgerReference.solve(solveId));
        return true;
    }

    /** The solve failed, was withdrawn or never reported back: its credits are free again. Idempotent. */
    @Transactional
    public boolean release(UUID solveId) {
        Object[] hold = end(solveId, CreditHold.RELEASED);
        if (hold == null) {
            return false;
        }
        Object[] balance = (Object[]) em.createNativeQuery("update account_balance set held = held - ?2, updated_at = now()"
                + " where account_id = ?1 returning credits, held")
                .setParameter(1, hold[0]).setParameter(2, hold[1]).getSingleResult();
        announce((UUID) hold[0], balance, HOLD_RELEASED, solveId);
        return true;
    }

    /**
     * As {@link #release(UUID)}, and when the solve has no hold yet, remembers that it ended (a released row), so a
     * provisional hold read later ({@link #placeProvisional}) is never placed for a solve that failed or was withdrawn.
     */
    @Transactional
    public boolean release(UUID solveId, UUID accountId) {
        if (release(solveId)) {
            return true;
        }
        if (accountId != null) {
            // Nothing was held: the row records the end only (amount 0).
            insert(solveId, accountId, 0, CreditHold.RELEASED, Instant.now());
        }
        return false;
    }

    /** Publishes (through the outbox) the balance after a hold changed it; returns the available credits. */
    private long announce(UUID accountId, Object[] balance, String cause, UUID solveId) {
        long credits = ((Number) balance[0]).longValue();
        long held = ((Number) balance[1]).longValue();
        outbox.add(new BalanceChanged(ids.generate(), Instant.now(), accountId, credits, held, credits - held, cause,
                solveId));
        return credits - held;
    }

    /** Ends an open hold; null when it is not open (or unknown). Returns {account_id, amount}. */
    private Object[] end(UUID solveId, String status) {
        List<?> ended = em.createNativeQuery("update credit_hold set status = ?2, settled_at = now()"
                + " where solve_id = ?1 and status = 'open' returning account_id, amount")
                .setParameter(1, solveId).setParameter(2, status).getResultList();
        return ended.isEmpty() ? null : (Object[]) ended.get(0);
    }

    /** Open holds whose expiry has passed: their solve will not report back any more. */
    @Transactional
    public List<UUID> overdue(int limit) {
        return em.createQuery(
                "select h.solveId from CreditHold h where h.status = 'open' and h.expiresAt < :now order by h.expiresAt",
                UUID.class).setParameter("now", Instant.now()).setMaxResults(limit).getResultList();
    }

    private static ApiException insufficientCredits(long price, long available) {
        return new ApiException(ErrorCode.INSUFFICIENT_CREDITS,
                "this solve costs " + price + " credits and " + available + " are available");
    }
}
