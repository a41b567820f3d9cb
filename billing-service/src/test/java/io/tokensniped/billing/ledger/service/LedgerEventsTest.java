package io.tokensniped.billing.ledger.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

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

/** What each kind of ledger entry announces, decided without a database. */
@Tag("fast")
class LedgerEventsTest {

    private static final long THRESHOLD = 100;
    private final LedgerEvents events = new LedgerEvents(THRESHOLD, UUID::randomUUID);

    @Test
    void aSolveChargeAnnouncesTheChargedSolveAndTheNewBalance() {
        UUID solve = UUID.randomUUID();
        List<BillingEvent> out = events.of(entry(LedgerEntryType.SOLVE_CHARGE, -2, 500, LedgerReference.solve(solve)),
                LedgerEntryType.SOLVE_CHARGE, LedgerReference.solve(solve), 10);
        assertEquals(2, out.size());
        CreditsCharged charged = assertInstanceOf(CreditsCharged.class, out.get(0));
        assertEquals(solve, charged.solveId());
        assertEquals(2, charged.amount());
        BalanceChanged balance = assertInstanceOf(BalanceChanged.class, out.get(1));
        assertEquals(490, balance.availableCredits());
        assertEquals("solve_charge", balance.cause());
    }

    @Test
    void aPurchaseNamesItsProviderFromTheReference() {
        LedgerReference reference = LedgerReference.stripe("cs_1");
        List<BillingEvent> out = events.of(entry(LedgerEntryType.PURCHASE, 1000, 1500, reference), LedgerEntryType.PURCHASE,
                reference, 0);
        assertEquals("stripe", assertInstanceOf(CreditsPurchased.class, out.get(0)).provider());
    }

    @Test
    void grantsAndPositiveAdjustmentsAreGrantsANegativeAdjustmentOnlyMovesTheBalance() {
        LedgerReference reference = new LedgerReference("adjustment", "ticket-1");
        assertInstanceOf(CreditsGranted.class, events.of(entry(LedgerEntryType.ADJUSTMENT, 5, 505, reference),
                LedgerEntryType.ADJUSTMENT, reference, 0).get(0));
        List<BillingEvent> negative = events.of(entry(LedgerEntryType.ADJUSTMENT, -5, 495, reference),
                LedgerEntryType.ADJUSTMENT, reference, 0);
        assertEquals(1, negative.size());
        assertInstanceOf(BalanceChanged.class, negative.get(0));
        assertInstanceOf(CreditsRefunded.class, events.of(entry(LedgerEntryType.REFUND, 2, 502, reference),
                LedgerEntryType.REFUND, reference, 0).get(0));
    }

    @Test
    void crossingTheThresholdDownwardsIsALowBalanceOnce() {
        UUID solve = UUID.randomUUID();
        LedgerReference reference = LedgerReference.solve(solve);
        List<BillingEvent> crossing = events.of(entry(LedgerEntryType.SOLVE_CHARGE, -2, THRESHOLD - 1, reference),
                LedgerEntryType.SOLVE_CHARGE, reference, 0);
        assertEquals(THRESHOLD - 1, assertInstanceOf(BalanceLow.class, crossing.get(2)).credits());
        List<BillingEvent> below = events.of(entry(LedgerEntryType.SOLVE_CHARGE, -2, THRESHOLD - 3, reference),
                LedgerEntryType.SOLVE_CHARGE, reference, 0);
        assertEquals(2, below.size());
    }

    private static LedgerEntry entry(LedgerEntryType type, long amount, long balanceAfter, LedgerReference reference) {
        LedgerEntry e = new LedgerEntry();
        e.id = UUID.randomUUID();
        e.accountId = UUID.randomUUID();
        e.type = type.wireName();
        e.amount = amount;
        e.balanceAfter = balanceAfter;
        e.description = "test";
        e.reference = reference.toString();
        e.createdAt = Instant.parse("2026-12-03T12:00:00Z");
        return e;
    }
}
