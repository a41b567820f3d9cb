package io.tokensniped.billing.outbox;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tokensniped.billing.config.BillingConfig;
import io.tokensniped.support.outbox.OutboxRelay;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Relays the billing outbox to {@code billing.events}, each account's events in the order they were written. */
@ApplicationScoped
public class BillingEventRelay {

    /** The same in every billing-service instance: elects the one relaying. */
    private static final long RELAY_LOCK = 0x62696c6cL;

    private final OutboxRelay relay;

    public BillingEventRelay(@Channel("billing-events") MutinyEmitter<String> kafka, EntityManager em, BillingConfig config) {
        BillingConfig.Outbox outbox = config.outbox();
        this.relay = new OutboxRelay(em, RELAY_LOCK,
                new OutboxRelay.Settings(outbox.batchSize(), outbox.sendTimeout(), outbox.retention()),
                (topic, key, payload) -> kafka.sendMessage(Message.of(payload).addMetadata(OutgoingKafkaRecordMetadata
                        .<String>builder().withKey(key).withTopic(topic).build())).subscribeAsCompletionStage(),
                "billing events");
    }

    @Scheduled(every = "${tokensniped.outbox.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void relay() {
        relay.relayPending();
        relay.forgetPublished();
    }
}
