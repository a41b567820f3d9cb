package io.tokensniped.gateway.taskprotocol.client;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.tokensniped.gateway.common.ServiceCall;
import io.tokensniped.gateway.config.GatewayConfig;
import io.tokensniped.gateway.taskprotocol.mapping.TaskRefused;
import io.tokensniped.support.gateway.InternalHeaders;
import io.tokensniped.support.taskprotocol.TaskProtocolError;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A solve's SolveStatusResponse from history-service, as {@code GET /api/solve/{id}} answers it for the account.
 * Unlike the idempotency lookup, "history does not know it" (empty) and "history did not answer" (refused with
 * ERROR_NO_SLOT_AVAILABLE, retry) stay apart: the first is ERROR_NO_SUCH_CAPCHA_ID for an id the client made up.
 */
@ApplicationScoped
public class SolveRecords {

    private static final int OK = 200;
    private static final int NOT_FOUND = 404;

    private final ServiceCall history;
    private final ObjectMapper json;

    public SolveRecords(Vertx vertx, ObjectMapper json, GatewayConfig config) {
        this.history = new ServiceCall(vertx, config.services().history().url(), config.internal().secret(),
                config.taskProtocol().serviceTimeout(), config.services().connections());
        this.json = json;
    }

    public Uni<Optional<JsonNode>> status(UUID accountId, UUID solveId) {
        return history.send(HttpMethod.GET, "/api/solve/" + solveId, Buffer.buffer(),
                Map.of(InternalHeaders.ACCOUNT, accountId.toString()))
                .onFailure().transform(e -> unavailable())
                .map(answer -> {
                    if (answer.status() == NOT_FOUND) {
                        return Optional.<JsonNode>empty();
                    }
                    if (answer.status() != OK) {
                        throw unavailable();
                    }
                    try {
                        return Optional.of(json.readTree(answer.body().getBytes()));
                    } catch (java.io.IOException e) {
                        throw unavailable();
                    }
                });
    }

    private static TaskRefused unavailable() {
        return new TaskRefused(TaskProtocolError.SOLVER_UNAVAILABLE, "task results are unavailable, retry shortly");
    }
}
