package io.tokensniped.history.solve.service;

import java.time.Instant;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.tokensniped.history.config.HistoryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Deletes what is older than the configured retention: solves (by when they were created), their stream events,
 * and the ids of events already applied. In batches, each its own transaction, so a large backlog never holds long
 * locks against the projection.
 */
@ApplicationScoped
public class HistoryRetention {

    private static final Logger LOG = Logger.getLogger(HistoryRetention.class);

    private final EntityManager em;
    private final HistoryConfig.Retention config;

    public HistoryRetention(EntityManager em, HistoryConfig config) {
        this.em = em;
        this.config = config.retention();
    }

    @Scheduled(every = "${tokensniped.retention.sweep-interval}", delayed = "${tokensniped.retention.sweep-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledSweep() {
        sweep(Instant.now().minus(config.solves()));
    }

    /** Deletes everything older than {@code cutoff}; returns how many solves went. */
    public long sweep(Instant cutoff) {
        long solves = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> deleteBatch(cutoff));
            solves += deleted;
        } while (deleted == config.batchSize());
        int applied;
        do {
            applied = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                    "delete from applied_event where event_id in (select event_id from applied_event where applied_at < ?1 limit ?2)")
                    .setParameter(1, cutoff).setParameter(2, config.batchSize()).executeUpdate());
        } while (applied == config.batchSize());
        if (solves > 0) {
            LOG.infof("retention: deleted %d solves created before %s", solves, cutoff);
        }
        return solves;
    }

    private int deleteBatch(Instant cutoff) {
        // Stream events first, for exactly the solves this batch deletes.
        em.createNativeQuery("create temporary table if not exists expired_solve (id uuid primary key) on commit delete rows")
                .executeUpdate();
        em.createNativeQuery(
                "insert into expired_solve select id from solve where coalesce(created_at, updated_at) < ?1 limit ?2")
                .setParameter(1, cutoff).setParameter(2, config.batchSize()).executeUpdate();
        em.createNativeQuery("delete from stream_event where solve_id in (select id from expired_solve)").executeUpdate();
        return em.createNativeQuery("delete from solve where id in (select id from expired_solve)").executeUpdate();
    }
}
