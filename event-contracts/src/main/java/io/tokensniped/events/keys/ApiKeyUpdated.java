package io.tokensniped.events.keys;

import java.time.Instant;
import java.util.UUID;

public record ApiKeyUpdated(UUID eventId, Instant occurredAt, UUID apiKeyId, UUID accountId, String keyHash,
        ApiKeyState state) implements ApiKeyEvent {
}
