package io.tokensniped.events.billing;

import java.time.Instant;
import java.util.UUID;

/** The balance fell below the configured threshold (published when it crosses it, not while it stays below). */
public record BalanceLow(
        UUID eventId,
        Instant occurredAt,
        UUID accountId,
        long credits,
        long threshold) implements BillingEvent {
}
