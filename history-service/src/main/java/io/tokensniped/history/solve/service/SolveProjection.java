package io.tokensniped.history.solve.service;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tokensniped.events.EventContract;
import io.tokensniped.events.solve.SolveEvent;
import io.tokensniped.events.solve.SolveFailed;
import io.tokensniped.events.solve.SolveRequested;
import io.tokensniped.events.solve.SolveStarted;
import io.tokensniped.events.solve.SolveSucceeded;
import io.tokensniped.history.stream.service.SolveStreamLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

/**
 * Folds solve events into one row per solve. Events of one solve come from two topics and so in any order: every
 * write is an upsert that only moves the status forward (pending &lt; processing &lt; solved|failed), and an event
 * already applied (redelivery) is skipped by its id. Events arrive in batches and a batch is one transaction (one
 * commit for many events: what lets the projection keep up with admission). A batch first takes the lock of every
 * account it touches, in one order, so batches of two consumers (or two instances) that share accounts wait for
 * each other instead of deadlocking over the accounts' stream counters and solve rows.
 */
@ApplicationScoped
public class SolveProjection {

    /** Rank of a status, so an older event never overwrites a newer state. */
    private static final String RANK = "(case %s when 'pending' then 0 when 'processing' then 1 else 2 end)";
    private static final String FORWARD = "case when " + RANK.formatted("excluded.status") + " > " + RANK.formatted("solve.status")
            + " then excluded.status else solve.status end";

    private final EntityManager em;
    private final ObjectMapper json;
    private final SolveStreamLog stream;

    public SolveProjection(EntityManager em, ObjectMapper json, SolveStreamLog stream) {
        this.em = em;
        this.json = json;
        this.stream = stream;
    }

    /** A batch of admissions (solve.requests or solve.test-requests), in one transaction. */
    @Transactional
    public void applyRequests(List<SolveRequested> batch) {
        lockAccounts(batch.stream().map(SolveRequested::accountId));
        batch.forEach(this::apply);
    }

    /** A batch of progress events (solve.events or solve.test-events), in one transaction. */
    @Transactional
    public void applyEvents(List<SolveEvent> batch) {
        lockAccounts(batch.stream().map(SolveEvent::accountId));
        batch.forEach(this::apply);
    }

    @Transactional
    public void apply(SolveRequested e) {
        if (!firstDelivery(e)) {
            return;
        }
        // The proxy (it may hold credentials) is deliberately not stored.
        upsert("""
                insert into solve (id, account_id, api_key_id, type, status, test_mode, page_url, site_key, cost, created_at,
                  updated_at)
                values (:id, :account, :key, :type, 'pending', :test, :url, :siteKey, 0, :created, now())
                on conflict (id) do update set api_key_id = excluded.api_key_id, type = excluded.type,
                  test_mode = excluded.test_mode, page_url = excluded.page_url, site_key = excluded.site_key,
                  created_at = excluded.created_at, updated_at = now()
                """)
                .setParameter("id", e.solveId()).setParameter("account", e.accountId()).setParameter("key", e.apiKeyId())
                .setParameter("type", e.type().wireName()).setParameter("test", e.testMode())
                .setParameter("url", e.target().pageUrl())
                .setParameter("siteKey", e.target().siteKey() != null ? e.target().siteKey() : e.target().captchaId())
                .setParameter("created", ts(e.occurredAt()))
                .executeUpdate();
        stream.appendIfChanged(e.solveId());
    }

    @Transactional
    public void apply(SolveEvent event) {
        if (!firstDelivery(event)) {
            return;
        }
        if (event instanceof SolveStarted e) {
            upsert("""
                    insert into solve (id, account_id, status, started_at, updated_at)
                    values (:id, :account, 'processing', :started, now())
                    on conflict (id) do update set status = %s, started_at = coalesce(solve.started_at, excluded.started_at),
                      updated_at = now()
                    """.formatted(FORWARD))
                    .setParameter("id", e.solveId()).setParameter("account", e.accountId())
                    .setParameter("started", ts(e.occurredAt())).executeUpdate();
        } else if (event instanceof SolveSucceeded e) {
            upsert("""
                    insert into solve (id, account_id, type, status, cost, solution, started_at, completed_at, elapsed_ms, updated_at)
                    values (:id, :account, :type, 'solved', :cost, cast(:solution as jsonb), :started, :completed, :elapsed, now())
                    on conflict (id) do update set status = %s, type = coalesce(solve.type, excluded.type), cost = excluded.cost,
                      solution = excluded.solution, started_at = coalesce(solve.started_at, excluded.started_at),
                      completed_at = excluded.completed_at, elapsed_ms = excluded.elapsed_ms, updated_at = now()
                    """.formatted(FORWARD))
                    .setParameter("id", e.solveId()).setParameter("account", e.accountId())
                    .setParameter("type", e.type().wireName()).setParameter("cost", e.price())
                    .setParameter("solution", toJson(e.solution())).setParameter("started", ts(e.startedAt()))
                    .setParameter("completed", ts(e.occurredAt())).setParameter("elapsed", e.elapsedMs()).executeUpdate();
        } else if (event instanceof SolveFailed e) {
            upsert("""
                    insert into solve (id, account_id, type, status, cost, error_code, error_message, started_at, completed_at,
                      elapsed_ms, updated_at)
                    values (:id, :account, :type, 'failed', 0, :code, :message, :started, :completed, :elapsed, now())
                    on conflict (id) do update set status = %s, type = coalesce(solve.type, excluded.type), cost = 0,
                      error_code = excluded.error_code, error_message = excluded.error_message,
                      started_at = coalesce(solve.started_at, excluded.started_at), completed_at = excluded.completed_at,
                      elapsed_ms = excluded.elapsed_ms, updated_at = now()
                    """.formatted(FORWARD))
                    .setParameter("id", e.solveId()).setParameter("account", e.accountId())
                    .setParameter("type", e.type().wireName()).setParameter("code", e.errorCode())
                    .setParameter("message", e.message()).setParameter("started", ts(e.startedAt()))
                    .setParameter("completed", ts(e.occurredAt())).setParameter("elapsed", e.elapsedMs()).executeUpdate();
        }
        stream.appendIfChanged(event.solveId());
    }

    /** Transaction-scoped advisory locks, one per account, always taken in ascending order. */
    private void lockAccounts(java.util.stream.Stream<UUID> accounts) {
        accounts.map(UUID::toString).distinct().sorted().forEach(account -> em.createNativeQuery(
                "select cast(pg_advisory_xact_lock(hashtextextended(:account, 0)) as text)").setParameter("account", account)
                .getSingleResult());
    }

    private boolean firstDelivery(EventContract event) {
        return em.createNativeQuery("insert into applied_event (event_id, applied_at) values (:id, now()) on conflict do nothing")
                .setParameter("id", event.eventId()).executeUpdate() == 1;
    }

    private Query upsert(String sql) {
        return em.createNativeQuery(sql);
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unserialisable solution", e);
        }
    }
}
