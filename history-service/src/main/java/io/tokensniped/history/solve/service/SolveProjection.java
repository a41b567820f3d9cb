package io.tokensniped.history.solve.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.hibernate.Session;

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
import jakarta.transaction.Transactional;

/**
 * Folds solve events into one row per solve. Events of one solve come from two topics and so in any order: every
 * write is an upsert that only moves the status forward (pending &lt; processing &lt; solved|failed), and an event
 * already applied (redelivery) is skipped by its id. Events arrive in batches and a batch is one transaction written
 * with a fixed number of round trips, whatever its size: the ids of the batch's events are claimed in one statement,
 * the upserts go as one JDBC batch, and the stream appends are set-based. A transaction that took one round trip per
 * statement per event held its accounts' locks for seconds under load, and an account's flood of test solves then
 * delayed every other account's events that shared a batch with one of its live ones. A batch first takes the lock
 * of every account it touches, in one order, so batches of two consumers (or two instances) that share accounts wait
 * for each other instead of deadlocking over the accounts' stream counters and solve rows.
 */
@ApplicationScoped
public class SolveProjection {

    /** Rank of a status, so an older event never overwrites a newer state. */
    private static final String RANK = "(case %s when 'pending' then 0 when 'processing' then 1 else 2 end)";
    private static final String FORWARD = "case when " + RANK.formatted("excluded.status") + " > "
            + RANK.formatted("solve.status")
            + " then excluded.status else solve.status end";

    private static final String REQUESTED = """
            insert into solve (id, account_id, api_key_id, type, status, test_mode, page_url, site_key, cost, created_at,
              updated_at)
            values (?, ?, ?, ?, 'pending', ?, ?, ?, 0, ?, now())
            on conflict (id) do update set api_key_id = excluded.api_key_id, type = excluded.type,
              test_mode = excluded.test_mode, page_url = excluded.page_url, site_key = excluded.site_key,
              created_at = excluded.created_at, updated_at = now()
            """;
    private static final String STARTED = """
            insert into solve (id, account_id, status, started_at, updated_at)
            values (?, ?, 'processing', ?, now())
            on conflict (id) do update set status = %s, started_at = coalesce(solve.started_at, excluded.started_at),
              updated_at = now()
            """.formatted(FORWARD);
    private static final String SUCCEEDED = """
            insert into solve (id, account_id, type, status, cost, solution, started_at, completed_at, elapsed_ms, updated_at)
            values (?, ?, ?, 'solved', ?, cast(? as jsonb), ?, ?, ?, now())
            on conflict (id) do update set status = %s, type = coalesce(solve.type, excluded.type), cost = excluded.cost,
              solution = excluded.solution, started_at = coalesce(solve.started_at, excluded.started_at),
              completed_at = excluded.completed_at, elapsed_ms = excluded.elapsed_ms, updated_at = now()
            """.formatted(FORWARD);
    private static final String FAILED = """
            insert into solve (id, account_id, type, status, cost, error_code, error_message, started_at, completed_at,
              elapsed_ms, updated_at)
            values (?, ?, ?, 'failed', 0, ?, ?, ?, ?, ?, now())
            on conflict (id) do update set status = %s, type = coalesce(solve.type, excluded.type), cost = 0,
              error_code = excluded.error_code, error_message = excluded.error_message,
              started_at = coalesce(solve.started_at, excluded.started_at), completed_at = excluded.completed_at,
              elapsed_ms = excluded.elapsed_ms, updated_at = now()
            """.formatted(FORWARD);

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
        List<SolveRequested> fresh = firstDeliveries(batch);
        for (List<SolveRequested> round : rounds(fresh, SolveRequested::solveId)) {
            // The proxy (it may hold credentials) is deliberately not stored.
            write(REQUESTED, round, (statement, e) -> {
                statement.setObject(1, e.solveId());
                statement.setObject(2, e.accountId());
                statement.setObject(3, e.apiKeyId());
                statement.setString(4, e.type().wireName());
                statement.setBoolean(5, e.testMode());
                statement.setString(6, e.target().pageUrl());
                statement.setString(7, e.target().siteKey() != null ? e.target().siteKey() : e.target().captchaId());
                statement.setTimestamp(8, ts(e.occurredAt()));
            });
            stream.appendIfChanged(round.stream().map(SolveRequested::solveId).toList());
        }
    }

    /** A batch of progress events (solve.events or solve.test-events), in one transaction. */
    @Transactional
    public void applyEvents(List<SolveEvent> batch) {
        lockAccounts(batch.stream().map(SolveEvent::accountId));
        List<SolveEvent> fresh = firstDeliveries(batch);
        for (List<SolveEvent> round : rounds(fresh, SolveEvent::solveId)) {
            write(STARTED, only(round, SolveStarted.class), (statement, e) -> {
                statement.setObject(1, e.solveId());
                statement.setObject(2, e.accountId());
                statement.setTimestamp(3, ts(e.occurredAt()));
            });
            write(SUCCEEDED, only(round, SolveSucceeded.class), (statement, e) -> {
                statement.setObject(1, e.solveId());
                statement.setObject(2, e.accountId());
                statement.setString(3, e.type().wireName());
                statement.setLong(4, e.price());
                statement.setString(5, toJson(e.solution()));
                statement.setTimestamp(6, ts(e.startedAt()));
                statement.setTimestamp(7, ts(e.occurredAt()));
                statement.setLong(8, e.elapsedMs());
            });
            write(FAILED, only(round, SolveFailed.class), (statement, e) -> {
                statement.setObject(1, e.solveId());
                statement.setObject(2, e.accountId());
                statement.setString(3, e.type().wireName());
                statement.setString(4, e.errorCode().name());
                statement.setString(5, e.message());
                statement.setTimestamp(6, ts(e.startedAt()));
                statement.setTimestamp(7, ts(e.occurredAt()));
                statement.setLong(8, e.elapsedMs());
            });
            stream.appendIfChanged(round.stream().map(SolveEvent::solveId).toList());
        }
    }

    /**
     * Splits a batch into rounds in which each solve appears at most once, keeping the batch's order: the stream then
     * shows every state a solve passed through (pending, processing, solved), as when events were applied one by one.
     * A batch usually is one round.
     */
    static <E> List<List<E>> rounds(List<E> events, Function<E, UUID> solveOf) {
        List<List<E>> rounds = new ArrayList<>();
        Map<UUID, Integer> seen = new HashMap<>();
        for (E event : events) {
            int round = seen.merge(solveOf.apply(event), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(event);
        }
        return rounds;
    }

    /** Transaction-scoped advisory locks, one per account, always taken in ascending order, in one statement. */
    private void lockAccounts(java.util.stream.Stream<UUID> accounts) {
        UUID[] sorted = accounts.distinct().sorted(Comparator.comparing(UUID::toString)).toArray(UUID[]::new);
        jdbc(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    select count(pg_advisory_xact_lock(hashtextextended(cast(a.account as text), 0)))
                    from unnest(?) with ordinality as a(account, n)""")) {
                statement.setArray(1, connection.createArrayOf("uuid", sorted));
                statement.executeQuery().close();
            }
        });
    }

    /** The batch's events not applied before (redeliveries are skipped), claimed in one statement. */
    private <E extends EventContract> List<E> firstDeliveries(List<E> batch) {
        Set<UUID> claimed = new HashSet<>();
        jdbc(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    insert into applied_event (event_id, applied_at) select id, now() from unnest(?) as ids(id)
                    on conflict do nothing returning event_id""")) {
                statement.setArray(1, connection.createArrayOf("uuid", batch.stream().map(EventContract::eventId).distinct()
                        .toArray(UUID[]::new)));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        claimed.add(rows.getObject(1, UUID.class));
                    }
                }
            }
        });
        // An event twice in one batch (a producer's retry) is applied once.
        return batch.stream().filter(e -> claimed.remove(e.eventId())).toList();
    }

    private interface Binder<E> {

        void bind(PreparedStatement statement, E event) throws SQLException;
    }

    private interface Work {

        void run(Connection connection) throws SQLException;
    }

    /** One statement for many events, sent as one JDBC batch (one round trip). */
    private <E> void write(String sql, List<E> events, Binder<E> binder) {
        if (events.isEmpty()) {
            return;
        }
        jdbc(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (E event : events) {
                    binder.bind(statement, event);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        });
    }

    /** On the transaction's own connection. */
    private void jdbc(Work work) {
        em.unwrap(Session.class).doWork(work::run);
    }

    private static <E, T extends E> List<T> only(List<E> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
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
