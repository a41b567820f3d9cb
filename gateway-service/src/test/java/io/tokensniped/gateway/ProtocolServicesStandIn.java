package io.tokensniped.gateway;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tokensniped.localstack.http.HttpStandIn;

/**
 * billing-service and history-service as the task protocol reads them, for the gateway's own tests: holds (refused
 * for a broke account), balances, and solves' SolveStatusResponse (404 for another account's, as history answers).
 * The real services and the whole chain are exercised by TaskProtocolSystemTest.
 */
public class ProtocolServicesStandIn implements QuarkusTestResourceLifecycleManager {

    static final String SECRET = "test-only-internal-secret";
    static final Set<UUID> BROKE = ConcurrentHashMap.newKeySet();
    static final Map<UUID, Long> HELD = new ConcurrentHashMap<>();
    static final Map<UUID, Long> CREDITS = new ConcurrentHashMap<>();
    /** solveId → (accountId, SolveStatusResponse). */
    static final Map<UUID, Map.Entry<UUID, String>> SOLVES = new ConcurrentHashMap<>();

    private final ObjectMapper json = new ObjectMapper();
    private HttpStandIn server;

    @Override
    public Map<String, String> start() {
        server = HttpStandIn.start(Map.of("/internal/holds", this::holds, "/api/billing/balance", this::balance,
                "/api/solve/", this::solve,
                "/q/health/ready", exchange -> HttpStandIn.answer(exchange, 200, "{\"status\":\"UP\",\"checks\":[]}")));
        return Map.of("tokensniped.services.billing.url", server.baseUrl(), "tokensniped.services.history.url",
                server.baseUrl());
    }

    private static boolean internal(HttpExchange exchange) throws IOException {
        if (SECRET.equals(exchange.getRequestHeaders().getFirst("X-Internal-Secret"))) {
            return true;
        }
        HttpStandIn.answer(exchange, 401, "{\"error\":{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}}");
        return false;
    }

    private void holds(HttpExchange exchange) throws IOException {
        if (!internal(exchange)) {
            return;
        }
        if ("DELETE".equals(exchange.getRequestMethod())) {
            HttpStandIn.answer(exchange, 204, null);
            return;
        }
        JsonNode hold = json.readTree(exchange.getRequestBody());
        if (BROKE.contains(UUID.fromString(hold.path("accountId").asText()))) {
            HttpStandIn.answer(exchange, 402, "{\"error\":{\"code\":\"INSUFFICIENT_CREDITS\",\"message\":\"this solve costs "
                    + hold.path("amount").asLong() + " credits and 0 are available\"}}");
        } else {
            HELD.put(UUID.fromString(hold.path("solveId").asText()), hold.path("amount").asLong());
            HttpStandIn.answer(exchange, 201, json.writeValueAsString(hold));
        }
    }

    private void balance(HttpExchange exchange) throws IOException {
        if (internal(exchange)) {
            UUID account = UUID.fromString(exchange.getRequestHeaders().getFirst("X-Account-Id"));
            long credits = CREDITS.getOrDefault(account, 0L);
            HttpStandIn.answer(exchange, 200, "{\"credits\":" + credits + ",\"availableCredits\":" + credits
                    + ",\"heldCredits\":0,\"dailyClaimAvailable\":false,\"nextDailyClaimAt\":null}");
        }
    }

    private void solve(HttpExchange exchange) throws IOException {
        if (!internal(exchange)) {
            return;
        }
        String path = exchange.getRequestURI().getPath();
        UUID account = UUID.fromString(exchange.getRequestHeaders().getFirst("X-Account-Id"));
        Map.Entry<UUID, String> solve = SOLVES.get(UUID.fromString(path.substring(path.lastIndexOf('/') + 1)));
        if (solve == null || !solve.getKey().equals(account)) {
            HttpStandIn.answer(exchange, 404, "{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"no such solve\"}}");
        } else {
            HttpStandIn.answer(exchange, 200, solve.getValue());
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
