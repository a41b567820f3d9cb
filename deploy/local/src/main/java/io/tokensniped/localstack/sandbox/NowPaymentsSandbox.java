package io.tokensniped.localstack.sandbox;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import io.tokensniped.localstack.http.HttpStandIn;

/**
 * A local stand-in of NOWPayments for the run command's sandbox: the API billing calls (currencies, minimum amounts,
 * payments; authorised by this run's API key) and a wallet page where the customer "sends" the coins. Sending there
 * makes the provider's callbacks ({@code confirming}, then {@code finished}) to the payment's IPN URL, signed as the
 * provider signs them: HMAC-SHA512 with this run's IPN secret over the JSON body with its keys sorted.
 */
final class NowPaymentsSandbox {

    private static final String HMAC = "HmacSHA512";
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(10);
    /** A sandbox amount: one package costs this many coins whatever the currency (nothing real changes hands). */
    private static final BigDecimal PAY_AMOUNT = new BigDecimal("0.00012345");
    private static final Duration PAYMENT_LIFETIME = Duration.ofMinutes(20);

    private record Payment(long id, String payCurrency, BigDecimal priceAmount, String orderId, String ipnUrl, String address) {
    }

    /** Numbers as JavaScript's JSON.stringify writes them (plain decimals), which is what the provider signs. */
    private final ObjectMapper json = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(DELIVERY_TIMEOUT).build();
    private final Map<Long, Payment> payments = new ConcurrentHashMap<>();
    /** Payment ids unique to this run: a database kept from an earlier run may hold earlier ids. */
    private final AtomicLong ids = new AtomicLong(Instant.now().toEpochMilli() * 1000);
    private final String apiKey;
    private final String ipnSecret;
    private final String returnUrl;

    NowPaymentsSandbox(String apiKey, String ipnSecret, String returnUrl) {
        this.apiKey = apiKey;
        this.ipnSecret = ipnSecret;
        this.returnUrl = returnUrl;
    }

    void currencies(HttpExchange exchange) throws IOException {
        answer(exchange, """
                {"currencies":[{"code":"BTC","name":"Bitcoin","network":"btc"},{"code":"ETH","name":"Ethereum","network":"eth"},
                 {"code":"LTC","name":"Litecoin","network":"ltc"},{"code":"USDTTRC20","name":"Tether USD","network":"trx"}]}
                """);
    }

    void minimumAmount(HttpExchange exchange) throws IOException {
        answer(exchange, "{\"currency_from\":\"btc\",\"currency_to\":\"usd\",\"min_amount\":0.00004,\"fiat_equivalent\":4.85}");
    }

    void createPayment(HttpExchange exchange) throws IOException {
        if (!authorised(exchange)) {
            return;
        }
        JsonNode request = json.readTree(exchange.getRequestBody());
        long id = ids.incrementAndGet();
        Payment payment = new Payment(id, request.path("pay_currency").asText(), request.path("price_amount").decimalValue(),
                request.path("order_id").asText(), request.path("ipn_callback_url").asText(), "sandbox-" + id);
        payments.put(id, payment);
        Instant now = Instant.now();
        HttpStandIn.answer(exchange, 200,
                json.writeValueAsString(Map.of("payment_id", String.valueOf(id), "payment_status", "waiting",
                        "pay_address", payment.address(), "price_amount", payment.priceAmount(), "price_currency", "usd",
                        "pay_amount", PAY_AMOUNT, "pay_currency", payment.payCurrency(), "order_id", payment.orderId(),
                        "created_at", now.toString(), "expiration_estimate_date", now.plus(PAYMENT_LIFETIME).toString())));
    }

    /** {@code GET /wallet/<id>}: the sandbox wallet; {@code POST /wallet/<id>/pay} sends the coins. */
    void walletPage(HttpExchange exchange) throws IOException {
        String[] path = exchange.getRequestURI().getPath().split("/");
        Payment payment = null;
        try {
            payment = path.length > 2 ? payments.get(Long.parseLong(path[2])) : null;
        } catch (NumberFormatException notAnId) {
            // answered below
        }
        if (payment == null) {
            SandboxPages.send(exchange, 404, SandboxPages.page("Payment not found", "<p>This payment does not exist.</p>"));
            return;
        }
        if ("POST".equals(exchange.getRequestMethod()) && path.length > 3 && "pay".equals(path[3])) {
            for (String status : List.of("confirming", "finished")) {
                int delivered = deliver(payment, status);
                if (delivered / 100 != 2) {
                    SandboxPages.send(exchange, 502, SandboxPages.page("Payment not delivered",
                            "<p>The platform answered " + delivered + " to the payment callback.</p>"));
                    return;
                }
            }
            SandboxPages.redirect(exchange, returnUrl);
            return;
        }
        String coins = PAY_AMOUNT.toPlainString() + " " + payment.payCurrency().toUpperCase(java.util.Locale.ROOT);
        SandboxPages.send(exchange, 200,
                SandboxPages.page("Crypto wallet (sandbox)",
                        """
                                <p class="sandbox">Sandbox: no coins move. Sending here makes the callbacks the provider would make.</p>
                                <p>Pay to <code>%s</code></p><p class="amount">%s</p>
                                <form method="post" action="/wallet/%d/pay"><button type="submit" data-testid="sandbox-send">Send %s</button></form>
                                <p><a href="%s">Return without paying</a></p>
                                """
                                .formatted(payment.address(), coins, payment.id(), coins, SandboxPages.html(returnUrl))));
    }

    /** The provider's callback for {@code payment} reaching {@code status}: the body and its {@code x-nowpayments-sig}. */
    String[] signedCallback(long paymentId, String status) throws IOException {
        Payment payment = payments.get(paymentId);
        Map<String, Object> fields = new TreeMap<>(Map.of("payment_id", payment.id(), "payment_status", status,
                "pay_address", payment.address(), "price_amount", payment.priceAmount(), "price_currency", "usd",
                "pay_amount", PAY_AMOUNT, "actually_paid", "finished".equals(status) ? PAY_AMOUNT : BigDecimal.ZERO,
                "pay_currency", payment.payCurrency(), "order_id", payment.orderId(), "outcome_amount", PAY_AMOUNT));
        String body = json.writeValueAsString(fields);
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(ipnSecret.getBytes(StandardCharsets.UTF_8), HMAC));
            return new String[]{body, HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)))};
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private int deliver(Payment payment, String status) throws IOException {
        String[] signed = signedCallback(payment.id(), status);
        try {
            return http.send(HttpRequest.newBuilder(URI.create(payment.ipnUrl())).timeout(DELIVERY_TIMEOUT)
                    .header("Content-Type", "application/json").header("x-nowpayments-sig", signed[1])
                    .POST(HttpRequest.BodyPublishers.ofString(signed[0])).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private boolean authorised(HttpExchange exchange) throws IOException {
        if (apiKey.equals(exchange.getRequestHeaders().getFirst("x-api-key"))) {
            return true;
        }
        exchange.getRequestBody().readAllBytes();
        HttpStandIn.answer(exchange, 403, "{\"statusCode\":403,\"message\":\"Invalid api key\"}");
        return false;
    }

    private void answer(HttpExchange exchange, String body) throws IOException {
        if (authorised(exchange)) {
            HttpStandIn.answer(exchange, 200, body);
        }
    }
}
