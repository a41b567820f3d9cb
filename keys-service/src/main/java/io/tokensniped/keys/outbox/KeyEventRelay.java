package io.tokensniped.keys.outbox;

import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tokensniped.keys.config.KeysConfig;
import io.tokensniped.support.outbox.OutboxRelay;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Relays the keys outbox to {@code keys.api-keys} and {@code keys.verified-hosts}. Both are compacted, so a key's
 * records must arrive in the order they were made or an older state would win: the shared relay keeps write order.
 */
@ApplicationScoped
public class KeyEventRelay {

    /** The same in every keys-service instance: elects the one relaying. */
    private static final long RELAY_LOCK = 0x6b657973L;

    private final OutboxRelay relay;
    private final ManagedExecutor executor;
    /** A round is already asked for: commits in a burst share it. */
    private final AtomicBoolean woken = new AtomicBoolean();

    public KeyEventRelay(@Channel("keys-events") MutinyEmitter<String> kafka, EntityManager em, KeysConfig config,
            ManagedExecutor executor) {
        this.executor = executor;
        KeysConfig.Outbox outbox = config.outbox();
        this.relay = new OutboxRelay(em, RELAY_LOCK,
                new OutboxRelay.Settings(outbox.batchSize(), outbox.sendTimeout(), outbox.retention()),
                (topic, key, payload) -> kafka.sendMessage(Message.of(payload).addMetadata(OutgoingKafkaRecordMetadata
                        .<String>builder().withKey(key).withTopic(topic).build())).subscribeAsCompletionStage(),
                "key events");
    }

    @Scheduled(every = "${tokensniped.outbox.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void relay() {
        relay.relayPending();
        relay.forgetPublished();
    }

    /** Runs a round soon, off the committing thread. Should another round hold the lock, the next scheduled one relays. */
    void wake() {
        if (woken.compareAndSet(false, true)) {
            executor.execute(() -> {
                woken.set(false);
                relay.relayPending();
            });
        }
    }
}
