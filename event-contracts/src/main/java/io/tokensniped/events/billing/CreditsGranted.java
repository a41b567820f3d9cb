package io.tokensniped.events.billing;

import java.time.Instant;
import java.util.UUID;

/** Free or operator-granted credits were added (a daily grant or a positive adjustment). {@code entryId} and {@code reference} name the ledger entry. */
public record CreditsGranted(
        UUID eventId,
        Instant occurredAt,
        UUID accountId,
        UUID entryId,
        long amount,
        long balanceAfter,
        String reference,
        String reason) implements BillingEvent {
}
