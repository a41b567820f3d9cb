package io.tokensniped.history.stream.service;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import org.hibernate.Session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tokensniped.history.config.HistoryConfig;
import io.tokensniped.history.solve.SolveRecord;
import io.tokensniped.history.solve.rest.SolveStatusResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The per-account log of visible solve changes behind the SSE streams. The projection appends to it in the
 * transaction that changed the solve; the append is announced with NOTIFY (delivered at commit, in commit order) so
 * every history instance can push it to its subscribers; readers resume from it by sequence number.
 */
@ApplicationScoped
public class SolveStreamLog {

    /** One appended change: its per-account sequence number is the SSE event id. */
    public record StreamEvent(UUID accountId, long seq, UUID solveId, String status, String payload) {

        public boolean terminal() {
            return "solved".equals(status) || "failed".equals(status);
        }
    }

    /** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more. */
    private static final int NOTIFY_PAYLOAD_LIMIT = 8000;

    private final EntityManager em;
    private final ObjectMapper json;
    private final String channel;

    public SolveStreamLog(EntityManager em, ObjectMapper json, HistoryConfig config) {
        this.em = em;
        this.json = json;
        this.channel = config.streams().channel();
    }

    /**
     * Appends the current state of each of these solves that is visible and differs from what was last appended for
     * it, in the order given. Runs in the projection's transaction, after its upserts, with a fixed number of round
     * trips for any number of solves.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendIfChanged(List<UUID> solveIds) {
        if (solveIds.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(connection -> {
            // Locked: appends for one solve are serialised and its status cannot change under us.
            Map<UUID, SolveRecord> locked = lockedSolves(connection, solveIds);
            List<SolveRecord> changed = new ArrayList<>();
            for (UUID id : new LinkedHashSet<>(solveIds)) {
                SolveRecord solve = locked.get(id);
                if (solve != null && solve.createdAt != null && !solve.status.equals(solve.streamedStatus)) {
                    changed.add(solve);
                }
            }
            if (changed.isEmpty()) {
                return;
            }
            Map<UUID, Long> next = reserveSequence(connection, changed);
            List<String> announcements = new ArrayList<>();
            Timestamp now = Timestamp.from(Instant.now());
            try (PreparedStatement insert = connection.prepareStatement("insert into stream_event (account_id, seq, solve_id,"
                    + " status, payload, created_at) values (?, ?, ?, ?, ?, ?)")) {
                for (SolveRecord solve : changed) {
                    long seq = next.merge(solve.accountId, 1L, Long::sum) - 1;
                    insert.setObject(1, solve.accountId);
                    insert.setLong(2, seq);
                    insert.setObject(3, solve.id);
                    insert.setString(4, solve.status);
                    String payload = toJson(SolveStatusResponse.from(solve));
                    insert.setString(5, payload);
                    insert.setTimestamp(6, now);
                    insert.addBatch();
                    announcements.add(announcement(new StreamEvent(solve.accountId, seq, solve.id, solve.status, payload)));
                }
                insert.executeBatch();
            }
            try (PreparedStatement streamed = connection.prepareStatement(
                    "update solve set streamed_status = status where id = any(?)")) {
                streamed.setArray(1, connection.createArrayOf("uuid", changed.stream().map(s -> s.id).toArray()));
                streamed.executeUpdate();
            }
            // Delivered at commit, in this order.
            try (PreparedStatement notify = connection.prepareStatement(
                    "select count(pg_notify(?, a.announcement)) from unnest(?) with ordinality as a(announcement, n)")) {
                notify.setString(1, channel);
                notify.setArray(2, connection.createArrayOf("text", announcements.toArray()));
                notify.executeQuery().close();
            }
        });
    }

    /**
     * What NOTIFY carries for an appended event: the whole event when it fits PostgreSQL's payload limit, so listeners
     * push it without reading it back; otherwise only its account and seq ({@link #announced} then finds it).
     */
    static String announcement(StreamEvent event) {
        String whole = event.accountId() + ":" + event.seq() + ":" + event.solveId() + ":" + event.status() + ":"
                + event.payload();
        return whole.getBytes(StandardCharsets.UTF_8).length < NOTIFY_PAYLOAD_LIMIT
                ? whole
                : event.accountId() + ":" + event.seq();
    }

    /** The event an announcement carries whole ({@code <seq>:<solve>:<status>:<payload>} after the account), or null. */
    static StreamEvent carried(UUID accountId, String announced) {
        String[] parts = announced.split(":", 4);
        return parts.length < 4
                ? null
                : new StreamEvent(accountId, Long.parseLong(parts[0]), UUID.fromString(parts[1]), parts[2], parts[3]);
    }

    private static Map<UUID, SolveRecord> lockedSolves(Connection connection, List<UUID> solveIds) throws SQLException {
        Map<UUID, SolveRecord> found = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("""
                select id, account_id, api_key_id, type, status, test_mode, page_url, site_key, cost, cast(solution as text),
                  error_code, error_message, created_at, started_at, completed_at, elapsed_ms, streamed_status
                from solve where id = any(?) order by id for update""")) {
            select.setArray(1, connection.createArrayOf("uuid", solveIds.stream().distinct().toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
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
                    found.put(solve.id, solve);
                }
            }
        }
        return found;
    }

    /**
     * Moves each account's counter past the events about to be appended (the counter row stays locked until commit, so
     * an account's events commit in seq order); returns each account's first new seq.
     */
    private static Map<UUID, Long> reserveSequence(Connection connection, List<SolveRecord> changed) throws SQLException {
        Map<UUID, Long> counts = new TreeMap<>(Comparator.comparing(UUID::toString));
        changed.forEach(solve -> counts.merge(solve.accountId, 1L, Long::sum));
        Map<UUID, Long> first = new HashMap<>();
        try (PreparedStatement bump = connection.prepareStatement(
                """
                        insert into account_stream (account_id, last_seq) select a.account, a.count from unnest(?, ?) as a(account, count)
                        on conflict (account_id) do update set last_seq = account_stream.last_seq + excluded.last_seq
                        returning account_id, last_seq""")) {
            bump.setArray(1, connection.createArrayOf("uuid", counts.keySet().toArray()));
            bump.setArray(2, connection.createArrayOf("bigint", counts.values().toArray()));
            try (ResultSet rows = bump.executeQuery()) {
                while (rows.next()) {
                    UUID account = rows.getObject(1, UUID.class);
                    first.put(account, rows.getLong(2) - counts.get(account) + 1);
                }
            }
        }
        return first;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    @Transactional
    public Optional<StreamEvent> find(UUID accountId, long seq) {
        return rows("where account_id = ?1 and seq = ?2", accountId, seq).stream().findFirst();
    }

    /** The account's events after {@code seq}, oldest first, optionally of one solve. */
    @Transactional
    public List<StreamEvent> after(UUID accountId, long seq, UUID solveId) {
        return solveId == null
                ? rows("where account_id = ?1 and seq > ?2 order by seq", accountId, seq)
                : rows("where account_id = ?1 and seq > ?2 and solve_id = ?3 order by seq", accountId, seq, solveId);
    }

    /** The solve's newest event, if it has one. */
    @Transactional
    public Optional<StreamEvent> latest(UUID accountId, UUID solveId) {
        return rows("where account_id = ?1 and solve_id = ?2 order by seq desc limit 1", accountId, solveId).stream()
                .findFirst();
    }

    private List<StreamEvent> rows(String where, Object... params) {
        var query = em.createNativeQuery("select account_id, seq, solve_id, status, payload from stream_event " + where);
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> found = query.getResultList();
        return found.stream().map(r -> new StreamEvent((UUID) r[0], ((Number) r[1]).longValue(), (UUID) r[2], (String) r[3],
                (String) r[4])).toList();
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
