package io.tokensniped.gateway.taskprotocol.service;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.tokensniped.events.solve.SolveRequested;
import io.tokensniped.events.solve.SolveType;
import io.tokensniped.gateway.auth.KnownKey;
import io.tokensniped.gateway.ratelimit.RateLimitDecision;
import io.tokensniped.gateway.solve.service.SolveSubmissions;
import io.tokensniped.gateway.taskprotocol.client.AccountBalance;
import io.tokensniped.gateway.taskprotocol.client.SolveRecords;
import io.tokensniped.gateway.taskprotocol.mapping.TaskFields;
import io.tokensniped.gateway.taskprotocol.mapping.TaskRefused;
import io.tokensniped.gateway.taskprotocol.mapping.TaskTranslation;
import io.tokensniped.gateway.taskprotocol.mapping.TaskTranslation.TranslatedTask;
import io.tokensniped.support.error.ApiException;
import io.tokensniped.support.taskprotocol.EndedTask;
import io.tokensniped.support.taskprotocol.SolutionShape;
import io.tokensniped.support.taskprotocol.TaskProtocolError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * The task protocol on top of the native solve path, in process: the clientKey passes the same gate as a header key
 * ({@link ClientKeyGate}), a task becomes the native request and is validated by its rules, then admitted by
 * {@link SolveSubmissions} exactly as {@code POST /api/solve/*?async=true} admits it (in-flight share, credit hold,
 * test mode, the solver's verified-target rule and egress guard). Results and balances are read where the native
 * routes read them: history-service and billing-service. Every refusal is a {@link TaskRefused}.
 */
@ApplicationScoped
public class ProtocolTasks {

    private static final Pattern TASK_NUMBER = Pattern.compile("^[1-9]\\d{0,18}$");
    private static final Set<String> IN_PROGRESS = Set.of("pending", "processing");
    private static final String SOLVED = "solved";
    /** Our native field names as the protocol's clients call them, for validation messages they can act on. */
    private static final Map<String, String> PROTOCOL_FIELDS = Map.of("siteKey", "websiteKey", "pageUrl", "websiteURL",
            "url", "websiteURL", "captchaId", "gt", "cdata", "cData");
    private static final int UUID_LENGTH = 36;
    /** Admission's 429: the account's in-flight share (the key's own rate was metered by ClientKeyGate before). */
    private static final int ACCOUNT_BUSY = 429;

    /** A task admitted: its number for the protocol, the solve behind it, the key's rate-limit figures. */
    public record Created(long taskId, SolveRequested request, RateLimitDecision limits) {
    }

    /** getTaskResult's answer before it is rendered. */
    public sealed interface TaskResult permits Processing, Ended {

        RateLimitDecision limits();
    }

    public record Processing(UUID solveId, RateLimitDecision limits) implements TaskResult {
    }

    /** Solved or failed: rendered by {@link EndedTask}, as the task's callback body is. */
    public record Ended(EndedTask task, RateLimitDecision limits) implements TaskResult {
    }

    public record Balance(long credits, RateLimitDecision limits) {
    }

    private final ClientKeyGate gate;
    private final SolveSubmissions submissions;
    private final TaskLedger ledger;
    private final SolveRecords history;
    private final AccountBalance balances;
    private final Validator validator;

    public ProtocolTasks(ClientKeyGate gate, SolveSubmissions submissions, TaskLedger ledger, SolveRecords history,
            AccountBalance balances, Validator validator) {
        this.gate = gate;
        this.submissions = submissions;
        this.ledger = ledger;
        this.history = history;
        this.balances = balances;
        this.validator = validator;
    }

    public Uni<Created> createTask(JsonNode body, String clientAddress) {
        return gate.pass(TaskFields.clientKey(body), clientAddress).flatMap(passed -> {
            TranslatedTask task = TaskTranslation.translate(body.get("task"), TaskFields.text(body, "callbackUrl"),
                    clientAddress);
            validate(task.nativeRequest());
            KnownKey key = passed.key();
            // Admitted as an async native solve is: nobody waits here for its outcome.
            return ledger.nextTaskId().flatMap(taskId -> submissions.admitUnawaited(key, task.submission())
                    .onFailure(ApiException.class).transform(e -> admissionRefused((ApiException) e))
                    .call(request -> ledger.record(taskId, new TaskLedger.TaskRecord(request.solveId(),
                            key.accountId(), task.shape(), clientAddress, request.occurredAt())))
                    .map(request -> new Created(taskId, request, passed.limits())));
        });
    }

    public Uni<TaskResult> taskResult(JsonNode body, String clientAddress) {
        return gate.pass(TaskFields.clientKey(body), clientAddress).flatMap(passed -> {
            UUID account = passed.key().accountId();
            String taskId = TaskFields.taskId(body);
            Uni<Optional<TaskLedger.TaskRecord>> record;
            if (taskId != null && TASK_NUMBER.matcher(taskId).matches()) {
                record = ledger.find(Long.parseLong(taskId)).map(found -> found.filter(r -> r.accountId().equals(account)));
            } else if (taskId != null && isUuid(taskId)) {
                // The solve's own id (from history or a stream) is accepted too; history checks the account.
                record = Uni.createFrom()
                        .item(Optional.of(TaskLedger.TaskRecord.bareSolveId(UUID.fromString(taskId), account)));
            } else {
                return Uni.createFrom().failure(noSuchTask());
            }
            return record.flatMap(found -> {
                TaskLedger.TaskRecord task = found.orElseThrow(ProtocolTasks::noSuchTask);
                return history.status(account, task.solveId()).map(status -> result(task, status, passed.limits()));
            });
        });
    }

    public Uni<Balance> balance(JsonNode body, String clientAddress) {
        return gate.pass(TaskFields.clientKey(body), clientAddress)
                .flatMap(passed -> balances.of(passed.key().accountId())
                        .map(balance -> new Balance(balance.path("credits").asLong(), passed.limits())));
    }

    /**
     * A task history does not know yet (it learns of solves through Kafka, a moment after admission) is processing
     * when createTask recorded it; a bare solve id history does not know is no task at all.
     */
    private static TaskResult result(TaskLedger.TaskRecord task, Optional<JsonNode> status, RateLimitDecision limits) {
        if (status.isEmpty()) {
            if (!task.recorded()) {
                throw noSuchTask();
            }
            return new Processing(task.solveId(), limits);
        }
        JsonNode solve = status.get();
        String state = solve.path("status").asText();
        if (IN_PROGRESS.contains(state)) {
            return new Processing(task.solveId(), limits);
        }
        if (!SOLVED.equals(state)) {
            JsonNode error = solve.path("error");
            return new Ended(new EndedTask.Failed(text(error, "code"), text(error, "message")), limits);
        }
        SolutionShape shape = task.shape() != null
                ? task.shape()
                : SolutionShape.defaultFor(typeOf(solve.path("type").asText()));
        return new Ended(
                new EndedTask.Solved(task.solveId(), shape, solve.path("solution"), solve.path("cost").asLong(), task.ip(),
                        Instant.parse(solve.path("createdAt").asText()), Instant.parse(solve.path("completedAt").asText())),
                limits);
    }

    private static String text(JsonNode object, String field) {
        JsonNode value = object.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    /** A solve type by its wire name (history's {@code type}); Turnstile for one this gateway does not know. */
    private static SolveType typeOf(String wireName) {
        for (SolveType type : SolveType.values()) {
            if (type.wireName().equals(wireName)) {
                return type;
            }
        }
        return SolveType.TURNSTILE;
    }

    /** Admission's refusals, in the protocol's words; its 429 is the account's in-flight share, not the key's rate. */
    private static TaskRefused admissionRefused(ApiException e) {
        if (e.status() == ACCOUNT_BUSY) {
            return new TaskRefused(TaskProtocolError.ACCOUNT_BUSY, e.getMessage());
        }
        return TaskRefused.ofOurCode(e.code(), e.getMessage());
    }

    private void validate(Object nativeRequest) {
        Set<ConstraintViolation<Object>> violations = validator.validate(nativeRequest);
        if (!violations.isEmpty()) {
            String details = violations.stream()
                    .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .map(v -> PROTOCOL_FIELDS.getOrDefault(v.getPropertyPath().toString(), v.getPropertyPath().toString())
                            + " " + v.getMessage())
                    .collect(Collectors.joining("; "));
            throw new TaskRefused(TaskProtocolError.VALIDATION_ERROR, "task is invalid: " + details);
        }
    }

    private static boolean isUuid(String value) {
        try {
            UUID.fromString(value);
            return value.length() == UUID_LENGTH;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static TaskRefused noSuchTask() {
        return new TaskRefused(TaskProtocolError.NOT_FOUND, "no such task for this account (or it is past its retention)");
    }
}
