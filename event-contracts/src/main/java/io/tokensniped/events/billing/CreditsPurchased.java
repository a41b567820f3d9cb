package io.tokensniped.events.billing;

import java.time.Instant;
import java.util.UUID;

/** A paid purchase was credited. {@code entryId} and {@code reference} name the ledger entry. */
public record CreditsPurchased(
        UUID eventId,
        Instant occurredAt,
        UUID accountId,
        UUID entryId,
        long amount,
        long balanceAfter,
        String reference,
        String provider) implements BillingEvent {
}
