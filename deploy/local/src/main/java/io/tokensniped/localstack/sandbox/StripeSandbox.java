package io.tokensniped.localstack.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.stripe.Stripe;
import com.stripe.net.Webhook;
import com.sun.net.httpserver.HttpExchange;

import io.tokensniped.localstack.http.HttpStandIn;

/**
 * A local stand-in of Stripe Checkout for the run command's sandbox: the API billing's stripe-java calls
 * ({@code POST /v1/checkout/sessions}, authorised by this run's secret key), and the hosted checkout page a customer
 * is sent to. Paying there sends a {@code checkout.session.completed} event to billing's webhook, signed with this
 * run's webhook secret by stripe-java's own signing helper, exactly as Stripe signs, then returns to the success URL.
 */
final class StripeSandbox {

    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(10);

    private record CheckoutSession(String id, Map<String, String> form) {

        String get(String field) {
            return form.get(field);
        }
    }

    private final Map<String, CheckoutSession> sessions = new ConcurrentHashMap<>();
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(DELIVERY_TIMEOUT).build();
    private final String secretKey;
    private final String webhookSecret;
    private final String webhookUrl;
    private String baseUrl;

    StripeSandbox(String secretKey, String webhookSecret, String webhookUrl) {
        this.secretKey = secretKey;
        this.webhookSecret = webhookSecret;
        this.webhookUrl = webhookUrl;
    }

    void serveAt(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** {@code POST /v1/checkout/sessions}: a form-encoded session, as stripe-java sends it. */
    void createSession(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (!("Bearer " + secretKey).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            HttpStandIn.answer(exchange, 401,
                    "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Invalid API Key provided\"}}");
            return;
        }
        CheckoutSession session = new CheckoutSession("cs_test_" + UUID.randomUUID().toString().replace("-", ""), form(body));
        sessions.put(session.id(), session);
        ObjectNode answer = sessionObject(session, "open", "unpaid");
        answer.put("url", baseUrl + "/checkout/" + session.id());
        HttpStandIn.answer(exchange, 200, json.writeValueAsString(answer));
    }

    /** {@code GET /checkout/<id>}: the hosted page; {@code POST /checkout/<id>/pay}: the customer pays. */
    void checkoutPage(HttpExchange exchange) throws IOException {
        String[] path = exchange.getRequestURI().getPath().split("/");
        CheckoutSession session = path.length > 2 ? sessions.get(path[2]) : null;
        if (session == null) {
            SandboxPages.send(exchange, 404,
                    SandboxPages.page("Checkout not found", "<p>This checkout session does not exist.</p>"));
            return;
        }
        if ("POST".equals(exchange.getRequestMethod()) && path.length > 3 && "pay".equals(path[3])) {
            pay(exchange, session);
            return;
        }
        String amount = SandboxPages.usd(session.get("line_items[0][price_data][unit_amount]"));
        String product = session.get("line_items[0][price_data][product_data][name]");
        SandboxPages.send(exchange, 200,
                SandboxPages.page("Stripe Checkout (sandbox)",
                        """
                                <p class="sandbox">Sandbox: no card is charged. Paying here sends the payment event Stripe would send.</p>
                                <p>%s</p><p class="amount">%s</p>
                                <form method="post" action="/checkout/%s/pay"><button type="submit" data-testid="sandbox-pay">Pay %s</button></form>
                                <p><a href="%s">Cancel and return</a></p>
                                """
                                .formatted(SandboxPages.html(product), amount, session.id(), amount,
                                        SandboxPages.html(session.get("cancel_url")))));
    }

    private void pay(HttpExchange exchange, CheckoutSession session) throws IOException {
        ObjectNode event = json.createObjectNode();
        event.put("id", "evt_" + UUID.randomUUID().toString().replace("-", ""));
        event.put("object", "event");
        event.put("api_version", Stripe.API_VERSION);
        event.put("created", Instant.now().getEpochSecond());
        event.put("type", "checkout.session.completed");
        event.put("livemode", false);
        event.put("pending_webhooks", 1);
        event.putObject("data").set("object", sessionObject(session, "complete", "paid"));
        String payload = json.writeValueAsString(event);
        long timestamp = Webhook.Util.getTimeNow();
        String signature;
        try {
            signature = "t=" + timestamp + ",v1=" + Webhook.Util.computeHmacSha256(webhookSecret, timestamp + "." + payload);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
        int delivered;
        try {
            delivered = http.send(HttpRequest.newBuilder(URI.create(webhookUrl)).timeout(DELIVERY_TIMEOUT)
                    .header("Content-Type", "application/json").header("Stripe-Signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (delivered / 100 != 2) {
            SandboxPages.send(exchange, 502, SandboxPages.page("Payment not delivered",
                    "<p>The platform answered " + delivered + " to the payment event.</p>"));
            return;
        }
        SandboxPages.redirect(exchange, session.get("success_url"));
    }

    private ObjectNode sessionObject(CheckoutSession session, String status, String paymentStatus) {
        ObjectNode object = json.createObjectNode();
        object.put("id", session.id());
        object.put("object", "checkout.session");
        object.put("mode", session.get("mode"));
        object.put("status", status);
        object.put("payment_status", paymentStatus);
        object.put("client_reference_id", session.get("client_reference_id"));
        object.put("currency", session.get("line_items[0][price_data][currency]"));
        object.put("amount_total", Long.parseLong(session.form().getOrDefault("line_items[0][price_data][unit_amount]", "0")));
        object.put("success_url", session.get("success_url"));
        object.put("cancel_url", session.get("cancel_url"));
        ObjectNode metadata = object.putObject("metadata");
        session.form().forEach((field, value) -> {
            if (field.startsWith("metadata[") && field.endsWith("]")) {
                metadata.put(field.substring("metadata[".length(), field.length() - 1), value);
            }
        });
        return object;
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
}
