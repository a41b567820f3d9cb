package io.tokensniped.gateway.taskprotocol.client;

import java.util.Map;
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

/** The account's BalanceResponse from billing-service, the one {@code GET /api/billing/balance} answers. */
@ApplicationScoped
public class AccountBalance {

    private static final int OK = 200;

    private final ServiceCall billing;
    private final ObjectMapper json;

    public AccountBalance(Vertx vertx, ObjectMapper json, GatewayConfig config) {
        this.billing = new ServiceCall(vertx, config.services().billing().url(), config.internal().secret(),
                config.taskProtocol().serviceTimeout(), config.services().connections());
        this.json = json;
    }

    public Uni<JsonNode> of(UUID accountId) {
        return billing.send(HttpMethod.GET, "/api/billing/balance", Buffer.buffer(),
                Map.of(InternalHeaders.ACCOUNT, accountId.toString()))
                .onFailure().transform(e -> unavailable())
                .map(answer -> {
                    if (answer.status() != OK) {
                        throw unavailable();
                    }
                    try {
                        return json.readTree(answer.body().getBytes());
                    } catch (java.io.IOException e) {
                        throw unavailable();
                    }
                });
    }

    private static TaskRefused unavailable() {
        return new TaskRefused(TaskProtocolError.SOLVER_UNAVAILABLE, "the balance is unavailable, retry shortly");
    }
}
