package io.tokensniped.billing;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tokensniped.localstack.http.HttpStandIn;

/**
 * A local stand-in for Stripe's API, answering what billing asks of it (creating Checkout Sessions) the way Stripe
 * does, so stripe-java runs for real against it. Requests it received are kept for assertions.
 */
public class StripeStandIn implements QuarkusTestResourceLifecycleManager {

    static final String WEBHOOK_SECRET = "whsec_test_" + UUID.randomUUID().toString().replace("-", "");
    static final List<Map<String, String>> CREATED_SESSIONS = new CopyOnWriteArrayList<>();

    private HttpStandIn server;

    @Override
    public Map<String, String> start() {
        server = HttpStandIn.start(Map.of("/v1/checkout/sessions", this::createSession));
        return Map.of("tokensniped.stripe.api-base", server.baseUrl(),
                "tokensniped.stripe.secret-key", "sk_test_standin", "tokensniped.stripe.webhook-secret", WEBHOOK_SECRET);
    }

    private void createSession(HttpExchange exchange) throws IOException {
        boolean authorised = "Bearer sk_test_standin".equals(exchange.getRequestHeaders().getFirst("Authorization"));
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!authorised || !"POST".equals(exchange.getRequestMethod())) {
            HttpStandIn.answer(exchange, 401,
                    "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Invalid API Key provided\"}}");
            return;
        }
        CREATED_SESSIONS.add(form);
        String id = "cs_test_" + UUID.randomUUID().toString().replace("-", "");
        HttpStandIn.answer(exchange, 200, """
                {"id":"%s","object":"checkout.session","mode":"payment","status":"open","payment_status":"unpaid",
                 "client_reference_id":"%s","url":"https://checkout.stripe.com/c/pay/%s",
                 "metadata":{"accountId":"%s","packageId":"%s","credits":"%s"}}
                """.formatted(id, form.get("client_reference_id"), id, form.get("metadata[accountId]"),
                form.get("metadata[packageId]"), form.get("metadata[credits]")));
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
