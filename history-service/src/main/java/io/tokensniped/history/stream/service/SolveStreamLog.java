package io.tokensniped.history.stream.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tokensniped.history.config.HistoryConfig;
import io.tokensniped.history.solve.SolveRecord;
import io.tokensniped.history.solve.rest.SolveStatusResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
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

    private final EntityManager em;
    private final ObjectMapper json;
    private final String channel;

    public SolveStreamLog(EntityManager em, ObjectMapper json, HistoryConfig config) {
        this.em = em;
        this.json = json;
        this.channel = config.streams().channel();
    }

    /**
     * Appends the solve's current state if it is visible and differs from what was last appended for it. Runs in the
     * projection's transaction, after its upsert.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendIfChanged(UUID solveId) {
        // Locked: appends for one solve are serialised and its status cannot change under us. Read only: the row is
        // written by native statements (jsonb solution), never by an entity flush.
        SolveRecord solve = em.find(SolveRecord.class, solveId, LockModeType.PESSIMISTIC_WRITE);
        if (solve == null) {
            return;
        }
        em.detach(solve);
        if (solve.createdAt == null || solve.status.equals(solve.streamedStatus)) {
            return;
        }
        long seq = ((Number) em.createNativeQuery("insert into account_stream (account_id, last_seq) values (?1, 1)"
                + " on conflict (account_id) do update set last_seq = account_stream.last_seq + 1 returning last_seq")
                .setParameter(1, solve.accountId).getSingleResult()).longValue();
        em.createNativeQuery("insert into stream_event (account_id, seq, solve_id, status, payload, created_at)"
                + " values (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, solve.accountId).setParameter(2, seq).setParameter(3, solve.id).setParameter(4, solve.status)
                .setParameter(5, toJson(SolveStatusResponse.from(solve))).setParameter(6, Instant.now()).executeUpdate();
        em.createNativeQuery("update solve set streamed_status = status where id = ?1").setParameter(1, solveId).executeUpdate();
        em.createNativeQuery("select pg_notify(?1, ?2)").setParameter(1, channel)
                .setParameter(2, solve.accountId + ":" + seq).getSingleResult();
    }

    @Transactional
    public Optional<StreamEvent> find(UUID accountId, long seq) {
        return rows("where account_id = ?1 and seq = ?2", accountId, seq).stream().findFirst();
    }

    /** The account's events after {@code seq}, oldest first, optionally of one solve. */
    @Transactional
    public List<StreamEvent> after(UUID accountId, long seq, UUID solveId) {
        return solveId == null ? rows("where account_id = ?1 and seq > ?2 order by seq", accountId, seq)
                : rows("where account_id = ?1 and seq > ?2 and solve_id = ?3 order by seq", accountId, seq, solveId);
    }

    /** The solve's newest event, if it has one. */
    @Transactional
    public Optional<StreamEvent> latest(UUID accountId, UUID solveId) {
        return rows("where account_id = ?1 and solve_id = ?2 order by seq desc limit 1", accountId, solveId).stream().findFirst();
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
