package io.tokensniped.billing.ledger.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

import io.tokensniped.billing.ledger.LedgerEntry;
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

    private final TimeBasedEpochGenerator ids = Generators.timeBasedEpochGenerator();
    private final EntityManager em;

    public CreditLedger(EntityManager em) {
        this.em = em;
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
        Number after = (Number) em.createNativeQuery("update account_balance set credits = credits + ?2, held = held + ?3,"
                + " updated_at = now() where account_id = ?1 returning credits")
                .setParameter(1, accountId).setParameter(2, amount).setParameter(3, heldChange).getSingleResult();
        LedgerEntry entry = new LedgerEntry();
        entry.id = ids.generate();
        entry.accountId = accountId;
        entry.type = type;
        entry.amount = amount;
        entry.balanceAfter = after.longValue();
        entry.description = description;
        entry.reference = reference;
        entry.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        entry.persist();
        return entry.balanceAfter;
    }
}
