package io.tokensniped.billing.ledger.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

import io.tokensniped.billing.config.BillingConfig;
import io.tokensniped.billing.ledger.LedgerEntry;
import io.tokensniped.billing.outbox.BillingOutbox;
import io.tokensniped.events.billing.BalanceChanged;
import io.tokensniped.events.billing.BalanceLow;
import io.tokensniped.events.billing.BillingEvent;
import io.tokensniped.events.billing.CreditsCharged;
import io.tokensniped.events.billing.CreditsGranted;
import io.tokensniped.events.billing.CreditsPurchased;
import io.tokensniped.events.billing.CreditsRefunded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The only writer of balances: every change of an account's credits is one immutable {@link LedgerEntry} and the
 * same change of {@code account_balance}, in the caller's transaction. The entry's unique reference makes a change
 * happen at most once; the table's checks keep the balance (and what is held of it) non-negative.
 */
@ApplicationScoped
public class CreditLedger {

    public static final String DAILY_GRANT = "daily_grant";
    public static final String PURCHASE = "purchase";
    public static final String SOLVE_CHARGE = "solve_charge";
    public static final String REFUND = "refund";
    public static final String ADJUSTMENT = "adjustment";
    /** A solve's charge is referenced by its solve id. */
    public static final String SOLVE_REFERENCE = "solve:";

    private final TimeBasedEpochGenerator ids = Generators.timeBasedEpochGenerator();
    private final EntityManager em;
    private final BillingOutbox outbox;
    private final long lowThreshold;

    public CreditLedger(EntityManager em, BillingOutbox outbox, BillingConfig config) {
        this.em = em;
        this.outbox = outbox;
        this.lowThreshold = config.balanceLowThreshold();
    }

    /** Creates the account's balance row (zero) if it has none yet. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void open(UUID accountId) {
        em.createNativeQuery("insert into account_balance (account_id, credits, held, updated_at) values (?1, 0, 0, now())"
                + " on conflict (account_id) do nothing")
                .setParameter(1, accountId).executeUpdate();
    }

    /** Locks the account's balance row until the transaction ends; serialises checks that span several statements. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lock(UUID accountId) {
        em.createNativeQuery("select credits from account_balance where account_id = ?1 for update")
                .setParameter(1, accountId).getResultList();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public boolean recorded(String reference) {
        return LedgerEntry.count("reference", reference) > 0;
    }

    /**
     * Appends an entry of {@code amount} credits and applies it (with {@code heldChange} to the held part, for a
     * captured hold) to the balance. Returns the balance after the entry.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long record(UUID accountId, String type, long amount, long heldChange, String description, String reference) {
        Object[] balance = (Object[]) em.createNativeQuery("update account_balance set credits = credits + ?2, held = held + ?3,"
                + " updated_at = now() where account_id = ?1 returning credits, held")
                .setParameter(1, accountId).setParameter(2, amount).setParameter(3, heldChange).getSingleResult();
        long after = ((Number) balance[0]).longValue();
        long held = ((Number) balance[1]).longValue();
        LedgerEntry entry = new LedgerEntry();
        entry.id = ids.generate();
        entry.accountId = accountId;
        entry.type = type;
        entry.amount = amount;
        entry.balanceAfter = after;
        entry.description = description;
        entry.reference = reference;
        entry.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        entry.persist();
        announce(entry, held);
        return entry.balanceAfter;
    }

    /** The entry's billing events, in the same transaction (outbox): what happened, the new balance, a low balance. */
    private void announce(LedgerEntry entry, long held) {
        entryEvent(entry).ifPresent(outbox::add);
        outbox.add(new BalanceChanged(ids.generate(), entry.createdAt, entry.accountId, entry.balanceAfter, held,
                entry.balanceAfter - held, entry.type));
        long before = entry.balanceAfter - entry.amount;
        if (before >= lowThreshold && entry.balanceAfter < lowThreshold) {
            outbox.add(new BalanceLow(ids.generate(), entry.createdAt, entry.accountId, entry.balanceAfter, lowThreshold));
        }
    }

    private Optional<BillingEvent> entryEvent(LedgerEntry e) {
        UUID id = ids.generate();
        return switch (e.type) {
            case DAILY_GRANT -> Optional.of(new CreditsGranted(id, e.createdAt, e.accountId, e.id, e.amount, e.balanceAfter, e.reference, e.type));
            case ADJUSTMENT -> e.amount > 0
                    ? Optional.of(new CreditsGranted(id, e.createdAt, e.accountId, e.id, e.amount, e.balanceAfter, e.reference, e.type))
                    : Optional.empty();
            case PURCHASE -> Optional.of(new CreditsPurchased(id, e.createdAt, e.accountId, e.id, e.amount, e.balanceAfter,
                    e.reference, e.reference.substring(0, e.reference.indexOf(':'))));
            case SOLVE_CHARGE -> Optional.of(new CreditsCharged(id, e.createdAt, e.accountId, e.id, -e.amount, e.balanceAfter,
                    e.reference, UUID.fromString(e.reference.substring(SOLVE_REFERENCE.length()))));
            case REFUND -> Optional.of(new CreditsRefunded(id, e.createdAt, e.accountId, e.id, e.amount, e.balanceAfter,
                    e.reference, e.description));
            default -> Optional.empty();
        };
    }
}
