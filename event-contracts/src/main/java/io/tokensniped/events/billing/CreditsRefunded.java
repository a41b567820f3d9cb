package io.tokensniped.events.billing;

import java.time.Instant;
import java.util.UUID;

/** Credits were given back for an earlier charge. {@code entryId} and {@code reference} name the ledger entry. */
public record CreditsRefunded(
        UUID eventId,
        Instant occurredAt,
        UUID accountId,
        UUID entryId,
        long amount,
        long balanceAfter,
        String reference,
        String reason) implements BillingEvent {
}
