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
import io.tokensniped.history.solve.SolveRecord;
import io.tokensniped.history.stream.service.SolveStreamLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Folds solve events into one row per solve. Events of one solve come from two topics and so in any order: every
 * write is an upsert that only moves the status forward (pending &lt; processing &lt; solved|failed), and an event
 * already applied (redelivery) is skipped by its id. Events arrive in batches and a batch is one transaction written
 * with a fixed number of round trips, whatever its size: the accounts' locks and the claim of the batch's event ids
 * go in one, the set-based upserts (one statement that returns the rows it wrote, locked) in one per round, and the
 * stream append in two more. Each round trip counts: on a busy machine every one waits for both the database backend and
 * this thread to be scheduled again, and a transaction of ten held its accounts' locks for seconds under load, while
 * an account's flood of test solves delayed every other account's events that shared a batch with one of its live
 * ones. A batch first takes the lock of every account it touches, in one order, so batches of two consumers (or two
 * instances) that share accounts wait for each other instead of deadlocking over the accounts' stream counters and
 * solve rows.
 */
@ApplicationScoped
public class SolveProjection {

    /** Rank of a status, so an older event never overwrites a newer state. */
    private static final String RANK = "(case %s when 'pending' then 0 when 'processing' then 1 else 2 end)";
    private static final String FORWARD = "case when " + RANK.formatted("excluded.status") + " > "
            + RANK.formatted("solve.status")
            + " then excluded.status else solve.status end";
    /** What every upsert returns: the row as this transaction left it, for the stream append. */
    private static final String RETURNING = """
            returning id, account_id, api_key_id, type, status, test_mode, page_url, site_key, cost, cast(solution as text),
              error_code, error_message, created_at, started_at, completed_at, elapsed_ms, streamed_status""";

    private static final String REQUESTED = """
            insert into solve (id, account_id, api_key_id, type, status, test_mode, page_url, site_key, cost, created_at,
              updated_at)
            select e.id, e.account_id, e.api_key_id, e.type, 'pending', e.test_mode, e.page_url, e.site_key, 0,
              cast(e.created_at as timestamptz), now()
            from unnest(?, ?, ?, ?, ?, ?, ?, ?) as e(id, account_id, api_key_id, type, test_mode, page_url, site_key, created_at)
            on conflict (id) do update set api_key_id = excluded.api_key_id, type = excluded.type,
              test_mode = excluded.test_mode, page_url = excluded.page_url, site_key = excluded.site_key,
              created_at = excluded.created_at, updated_at = now()
            """
            + RETURNING;
    private static final String STARTED = """
            insert into solve (id, account_id, status, started_at, updated_at)
            select e.id, e.account_id, 'processing', cast(e.started_at as timestamptz), now()
            from unnest(?, ?, ?) as e(id, account_id, started_at)
            on conflict (id) do update set status = %s, started_at = coalesce(solve.started_at, excluded.started_at),
              updated_at = now()
            """.formatted(FORWARD) + RETURNING;
    private static final String SUCCEEDED = """
            insert into solve (id, account_id, type, status, cost, solution, started_at, completed_at, elapsed_ms, updated_at)
            select e.id, e.account_id, e.type, 'solved', e.cost, cast(e.solution as jsonb), cast(e.started_at as timestamptz),
              cast(e.completed_at as timestamptz), e.elapsed_ms, now()
            from unnest(?, ?, ?, ?, ?, ?, ?, ?) as e(id, account_id, type, cost, solution, started_at, completed_at, elapsed_ms)
            on conflict (id) do update set status = %s, type = coalesce(solve.type, excluded.type), cost = excluded.cost,
              solution = excluded.solution, started_at = coalesce(solve.started_at, excluded.started_at),
              completed_at = excluded.completed_at, elapsed_ms = excluded.elapsed_ms, updated_at = now()
            """.formatted(FORWARD) + RETURNING;
    private static final String FAILED = """
            insert into solve (id, account_id, type, status, cost, error_code, error_message, started_at, completed_at,
              elapsed_ms, updated_at)
            select e.id, e.account_id, e.type, 'failed', 0, e.error_code, e.error_message, cast(e.started_at as timestamptz),
              cast(e.completed_at as timestamptz), e.elapsed_ms, now()
            from unnest(?, ?, ?, ?, ?, ?, ?, ?)
              as e(id, account_id, type, error_code, error_message, started_at, completed_at, elapsed_ms)
            on conflict (id) do update set status = %s, type = coalesce(solve.type, excluded.type), cost = 0,
              error_code = excluded.error_code, error_message = excluded.error_message,
              started_at = coalesce(solve.started_at, excluded.started_at), completed_at = excluded.completed_at,
              elapsed_ms = excluded.elapsed_ms, updated_at = now()
            """.formatted(FORWARD) + RETURNING;
    /**
     * Transaction-scoped advisory locks, one per account, taken in ascending order; then the batch's event ids not
     * applied before are claimed. Two statements, one round trip.
     */
    private static final String LOCK_AND_CLAIM = """
            select count(pg_advisory_xact_lock(hashtextextended(cast(a.account as text), 0)))
            from unnest(?) with ordinality as a(account, n);
            insert into applied_event (event_id, applied_at) select id, now() from unnest(?) as ids(id)
            on conflict do nothing returning event_id""";

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
        List<SolveRequested> fresh = lockAndClaim(batch, SolveRequested::accountId);
        for (List<SolveRequested> round : rounds(fresh, SolveRequested::solveId)) {
            // The proxy (it may hold credentials) is deliberately not stored.
            Map<UUID, SolveRecord> written = upsert(List.of(new Statement<>(REQUESTED, round, List.of(
                    new Column<>("uuid", SolveRequested::solveId),
                    new Column<>("uuid", SolveRequested::accountId),
                    new Column<>("uuid", SolveRequested::apiKeyId),
                    new Column<>("text", e -> e.type().wireName()),
                    new Column<>("boolean", SolveRequested::testMode),
                    new Column<>("text", e -> e.target().pageUrl()),
                    new Column<>("text", e -> e.target().siteKey() != null ? e.target().siteKey() : e.target().captchaId()),
                    new Column<>("text", e -> text(e.occurredAt()))))));
            stream.appendIfChanged(round.stream().map(SolveRequested::solveId).toList(), written);
        }
    }

    /** A batch of progress events (solve.events or solve.test-events), in one transaction. */
    @Transactional
    public void applyEvents(List<SolveEvent> batch) {
        List<SolveEvent> fresh = lockAndClaim(batch, SolveEvent::accountId);
        for (List<SolveEvent> round : rounds(fresh, SolveEvent::solveId)) {
            Map<UUID, SolveRecord> written = upsert(List.of(
                    new Statement<>(STARTED, only(round, SolveStarted.class), List.of(
                            new Column<>("uuid", SolveStarted::solveId),
                            new Column<>("uuid", SolveStarted::accountId),
                            new Column<>("text", e -> text(e.occurredAt())))),
                    new Statement<>(SUCCEEDED, only(round, SolveSucceeded.class), List.of(
                            new Column<>("uuid", SolveSucceeded::solveId),
                            new Column<>("uuid", SolveSucceeded::accountId),
                            new Column<>("text", e -> e.type().wireName()),
                            new Column<>("bigint", SolveSucceeded::price),
                            new Column<>("text", e -> toJson(e.solution())),
                            new Column<>("text", e -> text(e.startedAt())),
                            new Column<>("text", e -> text(e.occurredAt())),
                            new Column<>("bigint", SolveSucceeded::elapsedMs))),
                    new Statement<>(FAILED, only(round, SolveFailed.class), List.of(
                            new Column<>("uuid", SolveFailed::solveId),
                            new Column<>("uuid", SolveFailed::accountId),
                            new Column<>("text", e -> e.type().wireName()),
                            new Column<>("text", e -> e.errorCode().name()),
                            new Column<>("text", SolveFailed::message),
                            new Column<>("text", e -> text(e.startedAt())),
                            new Column<>("text", e -> text(e.occurredAt())),
                            new Column<>("bigint", SolveFailed::elapsedMs)))));
            stream.appendIfChanged(round.stream().map(SolveEvent::solveId).toList(), written);
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

    /**
     * Locks the batch's accounts and claims its events' ids in one round trip; returns the events not applied before
     * (redeliveries are skipped).
     */
    private <E extends EventContract> List<E> lockAndClaim(List<E> batch, Function<E, UUID> accountOf) {
        UUID[] accounts = batch.stream().map(accountOf).distinct().sorted(Comparator.comparing(UUID::toString))
                .toArray(UUID[]::new);
        UUID[] events = batch.stream().map(EventContract::eventId).distinct().toArray(UUID[]::new);
        Set<UUID> claimed = new HashSet<>();
        jdbc(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(LOCK_AND_CLAIM)) {
                statement.setArray(1, connection.createArrayOf("uuid", accounts));
                statement.setArray(2, connection.createArrayOf("uuid", events));
                statement.execute();
                if (!statement.getMoreResults()) {
                    throw new IllegalStateException("the claim of the batch's event ids returned no rows");
                }
                try (ResultSet rows = statement.getResultSet()) {
                    while (rows.next()) {
                        claimed.add(rows.getObject(1, UUID.class));
                    }
                }
            }
        });
        // An event twice in one batch (a producer's retry) is applied once.
        return batch.stream().filter(e -> claimed.remove(e.eventId())).toList();
    }

    /** One column of a set-based statement: its element type and each event's value. */
    private record Column<E>(String type, Function<E, Object> value) {
    }

    /** A set-based upsert over some events, one array parameter per column. */
    private record Statement<E>(String sql, List<E> events, List<Column<E>> columns) {
    }

    /**
     * Runs the statements (those with events) as one statement, and so one round trip, and returns the rows they
     * wrote, by solve id. Several upserts become data-modifying CTEs of one statement rather than statements sent
     * together: then every parameter reaches the server before any row comes back, while with statements sent together
     * the first one's returned rows and the next ones' parameters (a batch of long tokens) can fill both directions'
     * socket buffers and leave client and server waiting on each other. Each solve is in at most one of them (a round
     * holds each solve once), so no row is written twice.
     */
    private Map<UUID, SolveRecord> upsert(List<Statement<?>> statements) {
        List<Statement<?>> used = statements.stream().filter(s -> !s.events().isEmpty()).toList();
        Map<UUID, SolveRecord> written = new HashMap<>();
        if (used.isEmpty()) {
            return written;
        }
        jdbc(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(combined(used))) {
                int parameter = 1;
                for (Statement<?> each : used) {
                    parameter = bind(connection, statement, parameter, each);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        SolveRecord solve = read(rows);
                        written.put(solve.id, solve);
                    }
                }
            }
        });
        return written;
    }

    /** One statement, or several as CTEs whose returned rows are united; parameters stay in the statements' order. */
    private static String combined(List<Statement<?>> statements) {
        if (statements.size() == 1) {
            return statements.get(0).sql();
        }
        List<String> ctes = new ArrayList<>();
        List<String> selects = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            ctes.add("written_" + i + " as (" + statements.get(i).sql() + ")");
            selects.add("select * from written_" + i);
        }
        return "with " + String.join(",\n", ctes) + "\n" + String.join("\nunion all ", selects);
    }

    private static <E> int bind(Connection connection, PreparedStatement statement, int first, Statement<E> each)
            throws SQLException {
        int parameter = first;
        for (Column<E> column : each.columns()) {
            statement.setArray(parameter++,
                    connection.createArrayOf(column.type(), each.events().stream().map(column.value()).toArray()));
        }
        return parameter;
    }

    /**
     * A solve row as the upserts return it ({@link #RETURNING}, in this order).
     */
    private static SolveRecord read(ResultSet rows) throws SQLException {
        SolveRecord solve = new SolveRecord();
        solve.id = rows.getObject(1, UUID.class);
        solve.accountId = rows.getObject(2, UUID.class);
        solve.apiKeyId = rows.getObject(3, UUID.class);
        solve.type = rows.getString(4);
        solve.status = rows.getString(5);
        solve.testMode = rows.getBoolean(6);
        solve.pageUrl = rows.getString(7);
        solve.siteKey = rows.getString(8);
        solve.cost = rows.getLong(9);
        solve.solution = rows.getString(10);
        solve.errorCode = rows.getString(11);
        solve.errorMessage = rows.getString(12);
        solve.createdAt = instant(rows.getTimestamp(13));
        solve.startedAt = instant(rows.getTimestamp(14));
        solve.completedAt = instant(rows.getTimestamp(15));
        long elapsed = rows.getLong(16);
        solve.elapsedMs = rows.wasNull() ? null : elapsed;
        solve.streamedStatus = rows.getString(17);
        return solve;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private interface Work {

        void run(Connection connection) throws SQLException;
    }

    /** On the transaction's own connection. */
    private void jdbc(Work work) {
        em.unwrap(Session.class).doWork(work::run);
    }

    private static <E, T extends E> List<T> only(List<E> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** ISO-8601, cast to timestamptz by the statement: an instant, whatever the time zones of the JVM and session. */
    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unserialisable solution", e);
        }
    }
}
