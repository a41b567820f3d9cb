package io.tokensniped.events.billing;

import java.time.Instant;
import java.util.UUID;

/** A succeeded solve was charged its admitted price; {@code amount} is positive, the credits taken. {@code entryId} and {@code reference} name the ledger entry. */
public record CreditsCharged(
        UUID eventId,
        Instant occurredAt,
        UUID accountId,
        UUID entryId,
        long amount,
        long balanceAfter,
        String reference,
        UUID solveId) implements BillingEvent {
}
