package io.tokensniped.billing.ledger.service;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import io.tokensniped.billing.ledger.LedgerEntry;
import io.tokensniped.billing.ledger.LedgerEntryType;
import io.tokensniped.billing.ledger.LedgerReference;
import io.tokensniped.events.billing.BalanceChanged;
import io.tokensniped.events.billing.BalanceLow;
import io.tokensniped.events.billing.BillingEvent;
import io.tokensniped.events.billing.CreditsCharged;
import io.tokensniped.events.billing.CreditsGranted;
import io.tokensniped.events.billing.CreditsPurchased;
import io.tokensniped.events.billing.CreditsRefunded;

/**
 * What one ledger entry announces, in order: what happened (granted, purchased, charged, refunded; nothing for a
 * negative adjustment), the new balance, and a low balance when the entry crossed the threshold. A plain decision,
 * tested without a database ({@code LedgerEventsTest}); {@link CreditLedger} writes the result to the outbox.
 */
final class LedgerEvents {

    private final long lowThreshold;
    private final Supplier<UUID> ids;

    LedgerEvents(long lowThreshold, Supplier<UUID> ids) {
        this.lowThreshold = lowThreshold;
        this.ids = ids;
    }

    /** @param held the credits held of the balance after the entry */
    List<BillingEvent> of(LedgerEntry e, LedgerEntryType type, LedgerReference reference, long held) {
        List<BillingEvent> events = new ArrayList<>(3);
        switch (type) {
            case DAILY_GRANT -> events.add(granted(e));
            case ADJUSTMENT -> {
                if (e.amount > 0) {
                    events.add(granted(e));
                }
            }
            case PURCHASE -> events.add(new CreditsPurchased(ids.get(), e.createdAt, e.accountId, e.id, e.amount,
                    e.balanceAfter, e.reference, reference.source()));
            case SOLVE_CHARGE -> events.add(new CreditsCharged(ids.get(), e.createdAt, e.accountId, e.id, -e.amount,
                    e.balanceAfter, e.reference, reference.solveId()));
            case REFUND -> events.add(new CreditsRefunded(ids.get(), e.createdAt, e.accountId, e.id, e.amount,
                    e.balanceAfter, e.reference, e.description));
        }
        events.add(new BalanceChanged(ids.get(), e.createdAt, e.accountId, e.balanceAfter, held, e.balanceAfter - held,
                e.type, type == LedgerEntryType.SOLVE_CHARGE ? reference.solveId() : null));
        long before = e.balanceAfter - e.amount;
        if (before >= lowThreshold && e.balanceAfter < lowThreshold) {
            events.add(new BalanceLow(ids.get(), e.createdAt, e.accountId, e.balanceAfter, lowThreshold));
        }
        return events;
    }

    private CreditsGranted granted(LedgerEntry e) {
        return new CreditsGranted(ids.get(), e.createdAt, e.accountId, e.id, e.amount, e.balanceAfter, e.reference, e.type);
    }
}
