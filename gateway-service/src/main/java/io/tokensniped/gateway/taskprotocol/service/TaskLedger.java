package io.tokensniped.gateway.taskprotocol.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.tokensniped.gateway.common.RedisPipeline;
import io.tokensniped.gateway.config.GatewayConfig;
import io.tokensniped.gateway.taskprotocol.mapping.TaskRefused;
import io.tokensniped.support.taskprotocol.SolutionShape;
import io.tokensniped.support.taskprotocol.TaskProtocolError;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Numeric task ids and what getTaskResult needs to know of each task, in Redis (shared by every gateway).
 * <p>
 * Why numbers when the solve already has an id: the protocol's clients were written against integer task ids, and
 * the official Anti-Captcha client polls {@code while (taskId > 0)}, which is false for a UUID string, so it would
 * return without ever asking. A number from one Redis counter is unique across gateways; the record maps it to the
 * solve's id (history, streams) and remembers the answer's shape, the creating address and the account.
 */
@ApplicationScoped
public class TaskLedger {

    private static final Logger LOG = Logger.getLogger(TaskLedger.class);
    private static final String SEQUENCE = "tp:task-seq";
    private static final String RECORD = "tp:task:";

    /** What createTask knew that history does not. */
    public record TaskRecord(UUID solveId, UUID accountId, SolutionShape shape, String ip, Instant createdAt) {

        /** A task asked for by its bare solve id: nothing recorded here, history alone knows it (or not). */
        static TaskRecord bareSolveId(UUID solveId, UUID accountId) {
            return new TaskRecord(solveId, accountId, null, null, null);
        }

        /** Whether createTask recorded it (then history not knowing it yet means "not yet", not "no such task"). */
        boolean recorded() {
            return createdAt != null;
        }
    }

    private final RedisPipeline redis;
    private final ObjectMapper json;
    private final Duration retention;
    private final Duration timeout;

    public TaskLedger(RedisPipeline redis, ObjectMapper json, GatewayConfig config) {
        this.redis = redis;
        this.json = json;
        this.retention = config.taskProtocol().retention();
        this.timeout = config.rateLimit().redisTimeout();
    }

    /** The next task number; taken before the solve is admitted, so a Redis outage refuses the task instead of orphaning it. */
    public Uni<Long> nextTaskId() {
        return redis.execute("INCR", SEQUENCE).ifNoItem().after(timeout).fail()
                .map(r -> r.toLong())
                .onFailure().transform(e -> new TaskRefused(TaskProtocolError.SOLVER_UNAVAILABLE,
                        "task ids are unavailable, retry shortly"));
    }

    /** Best effort: a record that cannot be written leaves the task reachable by its solveId alone. */
    public Uni<Void> record(long taskId, TaskRecord record) {
        String value;
        try {
            value = json.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a task record always serialises", e);
        }
        return redis.execute("SET", RECORD + taskId, value, "EX", String.valueOf(retention.toSeconds()))
                .ifNoItem().after(timeout).fail()
                .onFailure()
                .invoke(e -> LOG.warnf("could not record task %d (solve %s): %s", taskId, record.solveId(), e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    public Uni<Optional<TaskRecord>> find(long taskId) {
        return redis.execute("GET", RECORD + taskId).ifNoItem().after(timeout).fail()
                .onFailure().transform(e -> new TaskRefused(TaskProtocolError.SOLVER_UNAVAILABLE,
                        "task results are unavailable, retry shortly"))
                .map(r -> {
                    if (r == null) {
                        return Optional.<TaskRecord>empty();
                    }
                    try {
                        return Optional.of(json.readValue(r.toString(), TaskRecord.class));
                    } catch (JsonProcessingException e) {
                        LOG.warnf("unreadable record of task %d: %s", taskId, e.getMessage());
                        return Optional.<TaskRecord>empty();
                    }
                });
    }
}
