package io.tokensniped.support.outbox;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;

/**
 * The relaying half of a transactional outbox, for a service whose {@code outbox_event} table (this module's
 * {@code db/outbox} migration; the service adds that location to {@code quarkus.flyway.locations}) is written in the
 * transactions of the changes it announces. A round publishes the
 * committed rows not yet published in {@code seq} order and marks them only once the broker has acknowledged them;
 * a failure leaves them for the next round. One relay runs at a time across a service's instances (a
 * transaction-scoped advisory lock), so an aggregate's events are never overtaken by later ones relayed elsewhere. A
 * crash between the send and the mark sends rows again: delivery is at least once, consumers deduplicate on eventId.
 */
public final class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    public record Settings(int batchSize, Duration sendTimeout, Duration retention) {
    }

    /** Sends one record; completes when the broker has acknowledged it. */
    @FunctionalInterface
    public interface Sender {

        CompletionStage<Void> send(String topic, String key, String payload);
    }

    private final EntityManager em;
    private final long lockId;
    private final Settings settings;
    private final Sender sender;
    private final String events;

    /**
     * @param lockId the advisory lock electing the relaying instance: the same in every instance of a service
     * @param events what the rows are, for the log ("key events")
     */
    public OutboxRelay(EntityManager em, long lockId, Settings settings, Sender sender, String events) {
        this.em = em;
        this.lockId = lockId;
        this.settings = settings;
        this.sender = sender;
        this.events = events;
    }

    /** Publishes everything committed and pending; a failure is logged and left to the next round. */
    public void relayPending() {
        try {
            while (QuarkusTransaction.requiringNew().call(this::publishBatch) == settings.batchSize()) {
                // A full batch: more may be waiting.
            }
        } catch (RuntimeException e) {
            LOG.warnf("%s are not being published (will retry): %s", events, e.getMessage());
        }
    }

    /** Forgets published rows older than the retention (kept until then for diagnosis). */
    public void forgetPublished() {
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "delete from outbox_event where published_at < now() - make_interval(secs => ?1)")
                    .setParameter(1, settings.retention().toSeconds()).executeUpdate());
        } catch (RuntimeException e) {
            LOG.warnf("published %s could not be forgotten (will retry): %s", events, e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private int publishBatch() {
        boolean relaying = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(?1)").setParameter(1, lockId)
                .getSingleResult();
        if (!relaying) {
            return 0;
        }
        List<Object[]> batch = em.createNativeQuery("select seq, topic, event_key, payload from outbox_event"
                + " where published_at is null order by seq limit ?1").setParameter(1, settings.batchSize()).getResultList();
        if (batch.isEmpty()) {
            return 0;
        }
        // Sent in order on one producer (idempotent, so its retries keep each partition's order).
        CompletableFuture<?>[] sends = batch.stream()
                .map(row -> sender.send((String) row[1], (String) row[2], (String) row[3]).toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(sends).get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not acknowledge the batch: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while relaying", e);
        }
        List<Long> published = batch.stream().map(row -> ((Number) row[0]).longValue()).toList();
        em.createNativeQuery("update outbox_event set published_at = now() where seq in (:published)")
                .setParameter("published", published).executeUpdate();
        return batch.size();
    }
}
