package io.tokensniped.billing;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tokensniped.localstack.http.HttpStandIn;

/** A local stand-in for NOWPayments' API (currencies, minimum amounts, payments), answering as its documentation shows. */
public class NowPaymentsStandIn implements QuarkusTestResourceLifecycleManager {

    static final String API_KEY = "np-standin-key";
    static final String IPN_SECRET = "np-ipn-secret-" + UUID.randomUUID();
    static final List<JsonNode> PAYMENTS_REQUESTED = new CopyOnWriteArrayList<>();

    private final ObjectMapper json = new ObjectMapper();
    private HttpStandIn server;

    @Override
    public Map<String, String> start() {
        server = HttpStandIn.start(Map.of("/v1/full-currencies",
                ex -> answer(ex,
                        """
                                {"currencies":[{"code":"BTC","name":"Bitcoin","network":"btc"},{"code":"ETH","name":"Ethereum","network":"eth"},
                                 {"code":"DOGE","name":"Dogecoin","network":"doge"},{"code":"USDTTRC20","name":"Tether USD (Tron)","network":"trx"}]}
                                """),
                "/v1/min-amount", ex -> answer(ex, """
                        {"currency_from":"btc","currency_to":"usd","min_amount":0.00004,"fiat_equivalent":4.85}
                        """),
                "/v1/payment", this::payment));
        return Map.of("tokensniped.crypto.api-base", server.baseUrl(),
                "tokensniped.crypto.api-key", API_KEY, "tokensniped.crypto.ipn-secret", IPN_SECRET);
    }

    private void payment(HttpExchange exchange) throws IOException {
        JsonNode request = json.readTree(exchange.getRequestBody());
        PAYMENTS_REQUESTED.add(request);
        String id = String.valueOf(4_000_000_000L + PAYMENTS_REQUESTED.size());
        answer(exchange,
                """
                        {"payment_id":"%s","payment_status":"waiting","pay_address":"bc1qstandin%s","price_amount":%s,
                         "price_currency":"usd","pay_amount":0.00012345,"pay_currency":"%s","order_id":"%s",
                         "order_description":"%s","ipn_callback_url":"%s","created_at":"2026-11-29T01:00:00.000Z",
                         "updated_at":"2026-11-29T01:00:00.000Z","expiration_estimate_date":"2026-11-29T01:20:00.000Z"}
                        """.formatted(id, id, request.path("price_amount").decimalValue().toPlainString(),
                        request.path("pay_currency").asText(),
                        request.path("order_id").asText(), request.path("order_description").asText(),
                        request.path("ipn_callback_url").asText()));
    }

    /** Answers as the provider does: 403 without the API key. */
    private static void answer(HttpExchange exchange, String body) throws IOException {
        if (!API_KEY.equals(exchange.getRequestHeaders().getFirst("x-api-key"))) {
            HttpStandIn.answer(exchange, 403, "{\"statusCode\":403,\"message\":\"Invalid api key\"}");
        } else {
            HttpStandIn.answer(exchange, 200, body);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
