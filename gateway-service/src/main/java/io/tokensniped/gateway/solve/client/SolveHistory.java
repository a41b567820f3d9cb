package io.tokensniped.gateway.solve.client;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.tokensniped.gateway.common.ServiceCall;
import io.tokensniped.gateway.config.GatewayConfig;
import io.tokensniped.support.gateway.InternalHeaders;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;

/** history-service's record of a solve, read when an Idempotency-Key replays a submission. */
@ApplicationScoped
public class SolveHistory {

    private static final Logger LOG = Logger.getLogger(SolveHistory.class);

    private final ServiceCall history;
    private final ObjectMapper json;

    public SolveHistory(Vertx vertx, ObjectMapper json, GatewayConfig config) {
        this.history = new ServiceCall(vertx, config.services().history().url(), config.internal().secret(),
                config.idempotency().lookupTimeout(), config.services().connections());
        this.json = json;
    }

    /** The solve's SolveStatusResponse; empty when history does not know it (yet) or cannot answer. */
    public Uni<Optional<JsonNode>> status(UUID accountId, UUID solveId) {
        return history.send(HttpMethod.GET, "/api/solve/" + solveId, Buffer.buffer(),
                Map.of(InternalHeaders.ACCOUNT, accountId.toString()))
                .map(answer -> {
                    if (answer.status() != 200) {
                        return Optional.<JsonNode>empty();
                    }
                    try {
                        return Optional.of(json.readTree(answer.body().getBytes()));
                    } catch (java.io.IOException e) {
                        return Optional.<JsonNode>empty();
                    }
                })
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("history could not be asked about solve %s: %s", solveId, e.getMessage());
                    return Optional.empty();
                });
    }
}
