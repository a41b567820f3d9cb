package io.tokensniped.billing.ledger.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

import io.tokensniped.billing.config.BillingConfig;
import io.tokensniped.billing.ledger.LedgerEntry;
import io.tokensniped.billing.ledger.LedgerEntryType;
import io.tokensniped.billing.ledger.LedgerReference;
import io.tokensniped.billing.outbox.BillingOutbox;
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

    private final TimeBasedEpochGenerator ids = Generators.timeBasedEpochGenerator();
    private final EntityManager em;
    private final BillingOutbox outbox;
    private final LedgerEvents events;

    public CreditLedger(EntityManager em, BillingOutbox outbox, BillingConfig config) {
        this.em = em;
        this.outbox = outbox;
        this.events = new LedgerEvents(config.balanceLowThreshold(), ids::generate);
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
    public boolean recorded(LedgerReference reference) {
        return LedgerEntry.count("reference", reference.toString()) > 0;
    }

    /**
     * Appends an entry of {@code amount} credits and applies it (with {@code heldChange} to the held part, for a
     * captured hold) to the balance. Returns the balance after the entry.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long record(UUID accountId, LedgerEntryType type, long amount, long heldChange, String description,
            LedgerReference reference) {
        Object[] balance = (Object[]) em
                .createNativeQuery("update account_balance set credits = credits + ?2, held = held + ?3,"
                        + " updated_at = now() where account_id = ?1 returning credits, held")
                .setParameter(1, accountId).setParameter(2, amount).setParameter(3, heldChange).getSingleResult();
        long after = ((Number) balance[0]).longValue();
        long held = ((Number) balance[1]).longValue();
        LedgerEntry entry = new LedgerEntry();
        entry.id = ids.generate();
        entry.accountId = accountId;
        entry.type = type.wireName();
        entry.amount = amount;
        entry.balanceAfter = after;
        entry.description = description;
        entry.reference = reference.toString();
        entry.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        entry.persist();
        // The entry's billing events, in the same transaction (outbox).
        events.of(entry, type, reference, held).forEach(outbox::add);
        return entry.balanceAfter;
    }
}
