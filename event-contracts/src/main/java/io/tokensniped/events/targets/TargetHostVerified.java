package io.tokensniped.events.targets;

import java.time.Instant;
import java.util.UUID;

/** The account proved it controls the host: solves may open pages there. */
public record TargetHostVerified(UUID eventId, Instant occurredAt, UUID accountId, String host) implements TargetHostEvent {
}
