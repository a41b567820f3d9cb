package io.tokensniped.keys.apikey.messaging;

import io.tokensniped.events.Topics;
import io.tokensniped.events.keys.ApiKeyEvent;
import io.tokensniped.keys.outbox.KeysOutbox;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Publishes key lifecycle events to {@code keys.api-keys}, keyed by key id so compaction keeps each key's newest
 * state. Written to the outbox in the caller's transaction: a gateway learns of a key if and only if it committed.
 */
@ApplicationScoped
public class ApiKeyEventPublisher {

    private final KeysOutbox outbox;

    public ApiKeyEventPublisher(KeysOutbox outbox) {
        this.outbox = outbox;
    }

    public void publish(ApiKeyEvent event) {
        outbox.add(Topics.API_KEYS, event.apiKeyId().toString(), ApiKeyEvent.class, event);
    }
}
