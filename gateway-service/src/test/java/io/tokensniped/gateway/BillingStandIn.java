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
 * billing-service's hold endpoint as the gateway sees it, for the gateway's own tests (billing's rules are tested in
 * billing-service against PostgreSQL, and the whole chain in system-tests). Accounts have plenty of credits unless
 * a test empties one; the holds the gateway placed and withdrew are recorded.
 */
public class BillingStandIn implements QuarkusTestResourceLifecycleManager {

    static final Set<UUID> BROKE = ConcurrentHashMap.newKeySet();
    static final Map<UUID, Long> HELD = new ConcurrentHashMap<>();
    static final Set<UUID> WITHDRAWN = ConcurrentHashMap.newKeySet();
    /** Accounts for which billing "cannot answer" (503 to every hold and withdrawal), as while it restarts. */
    static final Set<UUID> AWAY = ConcurrentHashMap.newKeySet();

    private final ObjectMapper json = new ObjectMapper();
    private HttpStandIn server;

    @Override
    public Map<String, String> start() {
        server = HttpStandIn.start(Map.of("/internal/holds", this::holds,
                // billing's readiness as the gateway's /api/health reads it: card payments configured, crypto not.
                "/q/health/ready", exchange -> HttpStandIn.answer(exchange, 200, """
                        {"status":"UP","checks":[{"name":"payment-providers","status":"UP",
                         "data":{"stripe":"configured","crypto":"not_configured"}}]}
                        """)));
        return Map.of("tokensniped.services.billing.url", server.baseUrl());
    }

    private void holds(HttpExchange exchange) throws IOException {
        if (!"test-only-internal-secret".equals(exchange.getRequestHeaders().getFirst("X-Internal-Secret"))) {
            HttpStandIn.answer(exchange, 401,
                    "{\"error\":{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}}");
        } else if ("DELETE".equals(exchange.getRequestMethod())) {
            String path = exchange.getRequestURI().getPath();
            UUID solveId = UUID.fromString(path.substring(path.lastIndexOf('/') + 1));
            String query = exchange.getRequestURI().getQuery();
            UUID accountId = query != null && query.startsWith("accountId=") ? UUID.fromString(query.substring(10)) : null;
            if (accountId != null && AWAY.contains(accountId)) {
                HttpStandIn.answer(exchange, 503, "{\"error\":{\"code\":\"INTERNAL_ERROR\",\"message\":\"restarting\"}}");
                return;
            }
            HELD.remove(solveId);
            WITHDRAWN.add(solveId);
            HttpStandIn.answer(exchange, 204, null);
        } else {
            JsonNode hold = json.readTree(exchange.getRequestBody());
            if (AWAY.contains(UUID.fromString(hold.path("accountId").asText()))) {
                HttpStandIn.answer(exchange, 503, "{\"error\":{\"code\":\"INTERNAL_ERROR\",\"message\":\"restarting\"}}");
            } else if (BROKE.contains(UUID.fromString(hold.path("accountId").asText()))) {
                HttpStandIn.answer(exchange, 402,
                        "{\"error\":{\"code\":\"INSUFFICIENT_CREDITS\",\"message\":\"this solve costs "
                                + hold.path("amount").asLong() + " credits and 0 are available\"}}");
            } else {
                HELD.put(UUID.fromString(hold.path("solveId").asText()), hold.path("amount").asLong());
                HttpStandIn.answer(exchange, 201, json.writeValueAsString(hold));
            }
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
