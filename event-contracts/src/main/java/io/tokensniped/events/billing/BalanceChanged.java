package io.tokensniped.events.billing;

import java.time.Instant;
import java.util.UUID;

/**
 * The account's balance or the part of it held by solves in flight changed: {@code credits} is the ledger balance,
 * {@code heldCredits} what open holds reserve, {@code availableCredits} the difference. {@code cause} is the ledger
 * entry type, or {@code hold_placed} / {@code hold_released}. {@code solveId} names the solve whose hold or charge
 * changed it (null for other causes): the gateways use it to tell which of the prices they reserved the balance now
 * reflects.
 */
public record BalanceChanged(
        UUID eventId,
        Instant occurredAt,
        UUID accountId,
        long credits,
        long heldCredits,
        long availableCredits,
        String cause,
        UUID solveId) implements BillingEvent {

    /** A change no solve caused. */
    public BalanceChanged(UUID eventId, Instant occurredAt, UUID accountId, long credits, long heldCredits,
            long availableCredits, String cause) {
        this(eventId, occurredAt, accountId, credits, heldCredits, availableCredits, cause, null);
    }
}
