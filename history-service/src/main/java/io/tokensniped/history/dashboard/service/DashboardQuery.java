package io.tokensniped.history.dashboard.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** The dashboard's figures for an account, computed from its solves and its latest balance. */
@ApplicationScoped
public class DashboardQuery {

    /**
     * The contract's dashboard event. {@code successRate24h} (0..1) and {@code avgElapsedMs24h} are null while no solve
     * ended (or succeeded) in the last 24 hours; {@code balance} is the ledger balance, 0 before billing reported one.
     */
    public record Dashboard(long balance, long solvesToday, Double successRate24h, Long avgElapsedMs24h, long inFlight) {
    }

    private final EntityManager em;

    public DashboardQuery(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public Dashboard of(UUID accountId) {
        Object[] r = (Object[]) em.createNativeQuery("""
                select (select credits from account_balance_view where account_id = ?1),
                  count(*) filter (where created_at >= date_trunc('day', now() at time zone 'UTC') at time zone 'UTC'),
                  count(*) filter (where status = 'solved' and completed_at >= now() - interval '24 hours'),
                  count(*) filter (where status in ('solved', 'failed') and completed_at >= now() - interval '24 hours'),
                  avg(elapsed_ms) filter (where status = 'solved' and completed_at >= now() - interval '24 hours'),
                  count(*) filter (where status in ('pending', 'processing'))
                from solve where account_id = ?1 and created_at is not null
                """).setParameter(1, accountId).getSingleResult();
        long solved = ((Number) r[2]).longValue();
        long ended = ((Number) r[3]).longValue();
        return new Dashboard(r[0] == null ? 0 : ((Number) r[0]).longValue(), ((Number) r[1]).longValue(),
                ended == 0 ? null : (double) solved / ended, r[4] == null ? null : Math.round(((Number) r[4]).doubleValue()),
                ((Number) r[5]).longValue());
    }
}
