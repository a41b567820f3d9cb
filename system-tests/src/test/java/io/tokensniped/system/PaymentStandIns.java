package io.tokensniped.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;

import io.tokensniped.localstack.testing.HttpStandIn;

/**
 * Local stand-ins for the payment providers the running system's billing talks to (no network here): Stripe's API
 * (Checkout Sessions, and the hosted checkout page the customer is sent to) and NOWPayments' API (currencies,
 * payments). Billing uses its real clients against them; IPN callbacks are signed as the provider signs them.
 */
final class PaymentStandIns implements AutoCloseable {

    static final String STRIPE_KEY = "sk_test_standin";
    static final String CRYPTO_KEY = "np-standin-key";
    final String ipnSecret = "np-ipn-secret-" + UUID.randomUUID();
    /** Payment ids unique to this run: billing's database may already hold the ids of earlier runs or of its own tests. */
    private final AtomicLong payments = new AtomicLong(5_000_000_000L + java.util.concurrent.ThreadLocalRandom.current()
            .nextLong(4_000_000_000L));
    private final HttpStandIn server;

    PaymentStandIns() {
        server = HttpStandIn.start(Map.of(
                "/v1/checkout/sessions", this::stripeSession,
                "/checkout/", exchange -> page(exchange, "<h1>Stripe Checkout (local stand-in)</h1>"),
                "/v1/full-currencies", exchange -> crypto(exchange, """
                        {"currencies":[{"code":"BTC","name":"Bitcoin","network":"btc"},{"code":"ETH","name":"Ethereum","network":"eth"}]}
                        """),
                "/v1/min-amount", exchange -> crypto(exchange, """
                        {"currency_from":"btc","currency_to":"usd","min_amount":0.00004,"fiat_equivalent":4.85}
                        """),
                "/v1/payment", this::cryptoPayment));
    }

    /** How billing finds them (environment of the launcher, inherited by the services). */
    Map<String, String> environment() {
        return Map.of("TOKENSNIPED_STRIPE_API_BASE", server.baseUrl(), "TOKENSNIPED_STRIPE_SECRET_KEY", STRIPE_KEY,
                "TOKENSNIPED_CRYPTO_API_BASE", server.baseUrl(), "TOKENSNIPED_CRYPTO_API_KEY", CRYPTO_KEY,
                "TOKENSNIPED_CRYPTO_IPN_SECRET", ipnSecret);
    }

    private void stripeSession(HttpExchange exchange) throws IOException {
        if (!("Bearer " + STRIPE_KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            HttpStandIn.answer(exchange, 401, "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Invalid API Key provided\"}}");
            return;
        }
        exchange.getRequestBody().readAllBytes();
        String id = "cs_test_" + UUID.randomUUID().toString().replace("-", "");
        HttpStandIn.answer(exchange, 200, """
                {"id":"%s","object":"checkout.session","mode":"payment","status":"open","payment_status":"unpaid",
                 "url":"%s/checkout/%s"}
                """.formatted(id, server.baseUrl(), id));
    }

    private void cryptoPayment(HttpExchange exchange) throws IOException {
        String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String currency = request.replaceAll(".*\"pay_currency\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        String price = request.replaceAll(".*\"price_amount\"\\s*:\\s*([0-9.]+).*", "$1");
        long id = payments.incrementAndGet();
        crypto(exchange, """
                {"payment_id":"%d","payment_status":"waiting","pay_address":"bc1qstandin%d","price_amount":%s,
                 "price_currency":"usd","pay_amount":0.00012345,"pay_currency":"%s","created_at":"2026-11-29T01:00:00.000Z",
                 "updated_at":"2026-11-29T01:00:00.000Z","expiration_estimate_date":"2099-11-29T01:20:00.000Z"}
                """.formatted(id, id, price, currency));
    }

    private static void crypto(HttpExchange exchange, String body) throws IOException {
        if (!CRYPTO_KEY.equals(exchange.getRequestHeaders().getFirst("x-api-key"))) {
            HttpStandIn.answer(exchange, 403, "{\"statusCode\":403,\"message\":\"Invalid api key\"}");
        } else {
            HttpStandIn.answer(exchange, 200, body);
        }
    }

    private static void page(HttpExchange exchange, String html) throws IOException {
        try (exchange) {
            byte[] bytes = ("<!doctype html><title>Checkout</title>" + html).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    /** The provider's IPN callback for a payment reaching {@code status}: the body and its x-nowpayments-sig. */
    String[] ipn(String paymentId, String status) throws Exception {
        Map<String, String> fields = new TreeMap<>(Map.of("payment_id", paymentId, "payment_status", "\"" + status + "\"",
                "pay_address", "\"bc1qstandin" + paymentId + "\"", "price_amount", "9", "price_currency", "\"usd\"",
                "pay_amount", "0.00012345", "actually_paid", "finished".equals(status) ? "0.00012345" : "0",
                "pay_currency", "\"btc\"", "outcome_amount", "0.0001"));
        // Keys sorted, numbers as JavaScript writes them: the form the provider signs.
        String body = fields.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
        Mac mac = Mac.getInstance("HmacSHA512");
        mac.init(new SecretKeySpec(ipnSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
        return new String[] {body, HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)))};
    }

    @Override
    public void close() {
        server.close();
    }
}
