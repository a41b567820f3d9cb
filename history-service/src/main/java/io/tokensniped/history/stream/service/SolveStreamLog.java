package io.tokensniped.history.stream.service;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
    /** Insert the events, mark their solves streamed, announce them (delivered at commit, in this order). */
    private static final String APPEND = """
            insert into stream_event (account_id, seq, solve_id, status, payload, created_at)
            select e.account_id, e.seq, e.solve_id, e.status, e.payload, now()
            from unnest(?, ?, ?, ?, ?) as e(account_id, seq, solve_id, status, payload);
            update solve set streamed_status = status where id = any(?);
            select count(pg_notify(?, a.announcement)) from unnest(?) with ordinality as a(announcement, n)""";

    private final EntityManager em;
    private final ObjectMapper json;
    private final String channel;

    public SolveStreamLog(EntityManager em, ObjectMapper json, HistoryConfig config) {
        this.em = em;
        this.json = json;
        this.channel = config.streams().channel();
    }

    /**
     * Appends, in the order given, the current state of each of these solves that is visible and differs from what
     * was last appended for it. Runs in the projection's transaction, after its upserts, which hand over the rows they
     * wrote: locked by the transaction, so appends for one solve are serialised and its status cannot change under us.
     * Two round trips for any number of solves: the accounts' sequence numbers are reserved, then the events are
     * inserted, the solves marked streamed and the events announced in one.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendIfChanged(List<UUID> solveIds, Map<UUID, SolveRecord> written) {
        List<SolveRecord> changed = new ArrayList<>();
        for (UUID id : new LinkedHashSet<>(solveIds)) {
            SolveRecord solve = written.get(id);
            if (solve != null && solve.createdAt != null && !solve.status.equals(solve.streamedStatus)) {
                changed.add(solve);
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(connection -> {
            Map<UUID, Long> next = reserveSequence(connection, changed);
            int size = changed.size();
            UUID[] accounts = new UUID[size];
            Long[] seqs = new Long[size];
            UUID[] solves = new UUID[size];
            String[] statuses = new String[size];
            String[] payloads = new String[size];
            String[] announcements = new String[size];
            for (int i = 0; i < size; i++) {
                SolveRecord solve = changed.get(i);
                accounts[i] = solve.accountId;
                seqs[i] = next.merge(solve.accountId, 1L, Long::sum) - 1;
                solves[i] = solve.id;
                statuses[i] = solve.status;
                payloads[i] = toJson(SolveStatusResponse.from(solve));
                announcements[i] = announcement(new StreamEvent(accounts[i], seqs[i], solves[i], statuses[i], payloads[i]));
            }
            try (PreparedStatement append = connection.prepareStatement(APPEND)) {
                append.setArray(1, connection.createArrayOf("uuid", accounts));
                append.setArray(2, connection.createArrayOf("bigint", seqs));
                append.setArray(3, connection.createArrayOf("uuid", solves));
                append.setArray(4, connection.createArrayOf("text", statuses));
                append.setArray(5, connection.createArrayOf("text", payloads));
                append.setArray(6, connection.createArrayOf("uuid", solves));
                append.setString(7, channel);
                append.setArray(8, connection.createArrayOf("text", announcements));
                append.execute();
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
