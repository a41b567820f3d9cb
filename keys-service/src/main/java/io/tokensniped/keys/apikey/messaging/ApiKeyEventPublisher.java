package io.tokensniped.keys.apikey.messaging;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tokensniped.events.keys.ApiKeyEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Publishes key lifecycle events to {@code keys.api-keys}, keyed by key id so compaction keeps each key's newest
 * state. Sent after the database commit, so no gateway ever learns of a key that was rolled back.
 */
@ApplicationScoped
public class ApiKeyEventPublisher {

    private final MutinyEmitter<ApiKeyEvent> emitter;
    private final TransactionSynchronizationRegistry transactions;

    public ApiKeyEventPublisher(@Channel("api-keys") MutinyEmitter<ApiKeyEvent> emitter,
            TransactionSynchronizationRegistry transactions) {
        this.emitter = emitter;
        this.transactions = transactions;
    }

    public void publishAfterCommit(ApiKeyEvent event) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    send(event);
                }
            }
        });
    }

    void send(ApiKeyEvent event) {
        emitter.sendMessageAndForget(Message.of(event).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(event.apiKeyId().toString()).build()));
    }
}
