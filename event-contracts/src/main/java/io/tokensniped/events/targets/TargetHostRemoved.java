package io.tokensniped.events.targets;

import java.time.Instant;
import java.util.UUID;

/** The account removed the host: solves may no longer target it. */
public record TargetHostRemoved(UUID eventId, Instant occurredAt, UUID accountId, String host) implements TargetHostEvent {
}
