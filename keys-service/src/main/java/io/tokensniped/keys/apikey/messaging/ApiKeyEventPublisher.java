package io.tokensniped.keys.apikey.messaging;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tokensniped.events.keys.ApiKeyEvent;
import io.tokensniped.keys.messaging.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Publishes key lifecycle events to {@code keys.api-keys}, keyed by key id so compaction keeps each key's newest
 * state. Sent after the database commit, so no gateway ever learns of a key that was rolled back.
 */
@ApplicationScoped
public class ApiKeyEventPublisher {

    private final MutinyEmitter<ApiKeyEvent> emitter;
    private final AfterCommit afterCommit;

    public ApiKeyEventPublisher(@Channel("api-keys") MutinyEmitter<ApiKeyEvent> emitter, AfterCommit afterCommit) {
        this.emitter = emitter;
        this.afterCommit = afterCommit;
    }

    public void publishAfterCommit(ApiKeyEvent event) {
        afterCommit.run(() -> emitter.sendMessageAndForget(Message.of(event).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(event.apiKeyId().toString()).build())));
    }
}
