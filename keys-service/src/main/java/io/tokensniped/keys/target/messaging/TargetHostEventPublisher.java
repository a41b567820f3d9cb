package io.tokensniped.keys.target.messaging;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tokensniped.events.targets.TargetHostEvent;
import io.tokensniped.keys.messaging.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;

/** Publishes verified-host changes to {@code keys.verified-hosts} after commit, keyed by account/host. */
@ApplicationScoped
public class TargetHostEventPublisher {

    private final MutinyEmitter<TargetHostEvent> emitter;
    private final AfterCommit afterCommit;

    public TargetHostEventPublisher(@Channel("verified-hosts") MutinyEmitter<TargetHostEvent> emitter, AfterCommit afterCommit) {
        this.emitter = emitter;
        this.afterCommit = afterCommit;
    }

    public void publishAfterCommit(TargetHostEvent event) {
        afterCommit.run(() -> emitter.sendMessageAndForget(Message.of(event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.recordKey()).build())));
    }
}
