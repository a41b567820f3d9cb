package io.tokensniped.gateway.solve.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.tokensniped.events.solve.Solution;
import io.tokensniped.events.solve.SolveErrorCode;
import io.tokensniped.events.solve.SolveEvent;
import io.tokensniped.events.solve.SolveFailed;
import io.tokensniped.events.solve.SolveSucceeded;
import io.tokensniped.events.solve.SolveType;
import io.tokensniped.gateway.config.GatewayConfig;
import io.tokensniped.gateway.solve.client.SolveHistory;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The outcome of a solve admitted earlier under the same Idempotency-Key: from history when it has already ended,
 * else the terminal event when it arrives (on whichever gateway instance the retry reached).
 */
@ApplicationScoped
public class SolveReplays {

    private final SolveOutcomes outcomes;
    private final SolveHistory history;
    private final ObjectMapper json;
    private final Duration grace;

    public SolveReplays(SolveOutcomes outcomes, SolveHistory history, ObjectMapper json, GatewayConfig config) {
        this.outcomes = outcomes;
        this.history = history;
        this.json = json;
        this.grace = config.solve().outcomeGrace();
    }

    /** The terminal event, or empty when the solve has not ended by its deadline (plus the usual grace). */
    public Uni<Optional<SolveEvent>> outcome(UUID accountId, IdempotentSubmissions.Replay replay) {
        // Listen before asking history, so an outcome between the two cannot slip past.
        CompletableFuture<SolveEvent> live = outcomes.expect(replay.solveId());
        return history.status(accountId, replay.solveId()).flatMap(recorded -> {
            Optional<SolveEvent> ended = recorded.flatMap(status -> terminal(accountId, status));
            if (ended.isPresent()) {
                live.cancel(false);
                return Uni.createFrom().item(ended);
            }
            Duration patience = Duration.between(Instant.now(), replay.deadline()).plus(grace);
            return Uni.createFrom().completionStage(live)
                    .ifNoItem().after(patience.compareTo(grace) > 0 ? patience : grace).recoverWithItem(() -> null)
                    .map(event -> {
                        live.cancel(false);
                        return Optional.ofNullable(event);
                    });
        });
    }

    /** history's SolveStatusResponse of an ended solve, as the terminal event that ended it. */
    private Optional<SolveEvent> terminal(UUID accountId, JsonNode status) {
        UUID id = UUID.fromString(status.path("id").asText());
        SolveType type = SolveType.valueOf(status.path("type").asText().toUpperCase(java.util.Locale.ROOT));
        Instant completedAt = instant(status, "completedAt");
        Instant startedAt = instant(status, "startedAt");
        long elapsedMs = status.path("elapsedMs").asLong();
        switch (status.path("status").asText()) {
            case "solved" :
                try {
                    Solution solution = json.treeToValue(status.path("solution"), Solution.class);
                    return Optional.of(new SolveSucceeded(UUID.randomUUID(), completedAt, id, accountId, type, solution,
                            status.path("cost").asLong(), startedAt, elapsedMs));
                } catch (JsonProcessingException e) {
                    return Optional.empty();
                }
            case "failed" :
                JsonNode error = status.path("error");
                try {
                    return Optional.of(new SolveFailed(UUID.randomUUID(), completedAt, id, accountId, type,
                            SolveErrorCode.valueOf(error.path("code").asText()), error.path("message").asText(), startedAt,
                            elapsedMs));
                } catch (IllegalArgumentException notASolverCode) {
                    return Optional.empty(); // as an unreadable solution is
                }
            default :
                return Optional.empty();
        }
    }

    private static Instant instant(JsonNode node, String field) {
        return node.hasNonNull(field) ? Instant.parse(node.get(field).asText()) : null;
    }
}
