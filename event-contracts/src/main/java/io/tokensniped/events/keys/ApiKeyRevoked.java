package io.tokensniped.events.keys;

import java.time.Instant;
import java.util.UUID;

/** The key was deleted; it must never authenticate again. */
public record ApiKeyRevoked(UUID eventId, Instant occurredAt, UUID apiKeyId, UUID accountId, String keyHash)
        implements
            ApiKeyEvent {
}
