package io.tokensniped.events.billing;

import java.time.Instant;
import java.util.UUID;

/**
 * The account's balance or the part of it held by solves in flight changed: {@code credits} is the ledger balance,
 * {@code heldCredits} what open holds reserve, {@code availableCredits} the difference. {@code cause} is the ledger
 * entry type, or {@code hold_placed} / {@code hold_released}.
 */
public record BalanceChanged(
        UUID eventId,
        Instant occurredAt,
        UUID accountId,
        long credits,
        long heldCredits,
        long availableCredits,
        String cause) implements BillingEvent {
}
