package io.tokensniped.billing.outbox;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tokensniped.billing.config.BillingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Relays committed outbox rows to Kafka in the order they were written, marking them published only once the broker
 * has acknowledged them. One relay runs at a time across all billing instances (a transaction-scoped advisory lock),
 * so an account's events are never overtaken by later ones relayed elsewhere; a crash between the send and the mark
 * publishes a row again, which consumers absorb by deduplicating on {@code eventId}.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Any number, the same in every instance: the advisory lock that elects the relaying instance. */
    private static final long RELAY_LOCK = 0x62696c6cL;

    private final MutinyEmitter<String> kafka;
    private final EntityManager em;
    private final BillingConfig.Outbox settings;

    public OutboxRelay(@Channel("billing-events") MutinyEmitter<String> kafka, EntityManager em, BillingConfig config) {
        this.kafka = kafka;
        this.em = em;
        this.settings = config.outbox();
    }

    @Scheduled(every = "${tokensniped.outbox.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void relay() {
        try {
            while (QuarkusTransaction.requiringNew().call(this::publishBatch) == settings.batchSize()) {
                // A full batch: more may be waiting.
            }
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "delete from outbox_event where published_at < now() - make_interval(secs => ?1)")
                    .setParameter(1, settings.retention().toSeconds()).executeUpdate());
        } catch (RuntimeException e) {
            LOG.warnf("billing events are not being published (will retry): %s", e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    int publishBatch() {
        boolean relaying = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                .setParameter(1, RELAY_LOCK).getSingleResult();
        if (!relaying) {
            return 0;
        }
        List<OutboxEvent> batch = em.createNativeQuery("select * from outbox_event where published_at is null"
                + " order by created_at, id limit ?1", OutboxEvent.class)
                .setParameter(1, settings.batchSize()).getResultList();
        if (batch.isEmpty()) {
            return 0;
        }
        List<Uni<Void>> sends = batch.stream().map(row -> kafka.sendMessage(Message.of(row.payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(row.key).withTopic(row.topic).build())))
                .toList();
        Uni.join().all(sends).andFailFast().await().atMost(settings.sendTimeout());
        Instant published = Instant.now();
        batch.forEach(row -> row.publishedAt = published);
        return batch.size();
    }
}
