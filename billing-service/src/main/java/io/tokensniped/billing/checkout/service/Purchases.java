package io.tokensniped.billing.checkout.service;

import java.util.UUID;

import io.tokensniped.billing.ledger.LedgerEntryType;
import io.tokensniped.billing.ledger.LedgerReference;
import io.tokensniped.billing.ledger.service.CreditLedger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Credits a paid purchase exactly once: the payment's reference (a Stripe Checkout Session id, a crypto payment id)
 * is the ledger entry's unique reference, checked under the account's row lock, so retried and reordered provider
 * callbacks credit once.
 */
@ApplicationScoped
public class Purchases {

    private final CreditLedger ledger;

    public Purchases(CreditLedger ledger) {
        this.ledger = ledger;
    }

    /** True when this call credited; false when the reference was credited before. */
    @Transactional
    public boolean credit(UUID accountId, long credits, String description, LedgerReference reference) {
        ledger.open(accountId);
        ledger.lock(accountId);
        if (ledger.recorded(reference)) {
            return false;
        }
        ledger.record(accountId, LedgerEntryType.PURCHASE, credits, 0, description, reference);
        return true;
    }
}
