package io.tokensniped.billing;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.tokensniped.localstack.testing.LocalInfrastructureTestResource;

/**
 * Crypto top-ups against a local stand-in of NOWPayments: currencies, a payment per checkout, IPN callbacks signed
 * with HMAC-SHA512 over the sorted JSON. Only a finished payment credits, once; other outcomes are shown, not credited.
 */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureTestResource.class)
@QuarkusTestResource(value = NowPaymentsStandIn.class, restrictToAnnotatedClass = true)
class CryptoPaymentsTest {

    /** Numbers written as JavaScript's JSON.stringify writes them (plain decimals), as the provider signs them. */
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    /** The IPN body and its x-nowpayments-sig, computed as the provider's documentation describes. */
    static String[] ipn(String paymentId, String status, String secret) throws Exception {
        Map<String, Object> body = new TreeMap<>(Map.of("payment_id", Long.parseLong(paymentId), "payment_status", status,
                "pay_address", "bc1qstandin" + paymentId, "price_amount", 9, "price_currency", "usd", "pay_amount",
                new BigDecimal("0.00012345"),
                "actually_paid", "finished".equals(status) ? new BigDecimal("0.00012345") : BigDecimal.ZERO, "pay_currency",
                "btc",
                "order_id", "o-" + paymentId, "outcome_amount", new BigDecimal("0.0001")));
        String sortedJson = JSON.writeValueAsString(body);
        Mac mac = Mac.getInstance("HmacSHA512");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
        // Delivered with another key order than signed: the signature is over the sorted form.
        String delivered = JSON.writeValueAsString(new java.util.LinkedHashMap<>(body.entrySet().stream().sorted(
                Map.Entry.<String, Object>comparingByKey().reversed()).collect(
                        java.util.stream.Collectors.toMap(
                                Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, java.util.LinkedHashMap::new))));
        return new String[]{delivered, HexFormat.of().formatHex(mac.doFinal(sortedJson.getBytes(StandardCharsets.UTF_8)))};
    }

    static int callback(String[] signed) {
        return CreditHoldsTest.internal().header("x-nowpayments-sig", signed[1]).body(signed[0])
                .post("/api/billing/webhooks/crypto").then().extract().statusCode();
    }

    static ExtractableResponse<Response> checkout(UUID account, String packageId, String currency) {
        return CreditHoldsTest.internal().header("X-Account-Id", account)
                .body(Map.of("packageId", packageId, "currency", currency))
                .post("/api/billing/checkout/crypto").then().extract();
    }

    static int credits(UUID account) {
        return CreditHoldsTest.internal().header("X-Account-Id", account).get("/api/billing/balance").then().extract()
                .path("credits");
    }

    static String status(UUID account, String paymentId) {
        return CreditHoldsTest.internal().header("X-Account-Id", account).get("/api/billing/crypto/payments/" + paymentId)
                .then().statusCode(200).extract().path("status");
    }

    @Test
    void currenciesAreTheAcceptedOnesTheProviderOffers() {
        CreditHoldsTest.internal().header("X-Account-Id", UUID.randomUUID()).get("/api/billing/crypto/currencies").then()
                .statusCode(200).body("code", equalTo(List.of("btc", "eth", "usdttrc20")))
                .body("[0].name", equalTo("Bitcoin")).body("[0].network", equalTo("btc"))
                .body("[0].minAmountUsd", equalTo(4.85f));
    }

    @Test
    void checkoutCreatesAPaymentForThePackagePrice() {
        UUID account = UUID.randomUUID();
        ExtractableResponse<Response> r = checkout(account, "growth", "BTC");
        assertEquals(200, r.statusCode(), r.body().asString());
        assertEquals("waiting", r.path("status"));
        assertEquals(5000, (int) r.path("credits"));
        assertEquals(39.0f, (float) r.path("priceAmountUsd"));
        assertEquals("btc", r.path("payCurrency"));
        String id = r.path("paymentId");
        assertEquals("bc1qstandin" + id, r.path("payAddress"));
        JsonNode sent = NowPaymentsStandIn.PAYMENTS_REQUESTED.stream()
                .filter(p -> p.path("order_id").asText().startsWith(account.toString())).findFirst().orElseThrow();
        assertEquals("usd", sent.path("price_currency").asText());
        assertEquals(0, sent.path("price_amount").decimalValue().compareTo(new java.math.BigDecimal("39.00")));
        org.hamcrest.MatcherAssert.assertThat(sent.path("ipn_callback_url").asText(), startsWith("http"));
        assertEquals(400, checkout(account, "growth", "doge").statusCode(), "not an accepted currency");
        CreditHoldsTest.internal().header("X-Account-Id", UUID.randomUUID()).get("/api/billing/crypto/payments/" + id)
                .then().statusCode(404);
    }

    @Test
    void waitingConfirmingFinishedCreditsOnceAndLaterCallbacksChangeNothing() throws Exception {
        UUID account = UUID.randomUUID();
        String id = checkout(account, "starter", "btc").path("paymentId");
        assertEquals(200, callback(ipn(id, "confirming", NowPaymentsStandIn.IPN_SECRET)));
        assertEquals("confirming", status(account, id));
        assertEquals(0, credits(account));
        for (int i = 0; i < 5; i++) {
            assertEquals(200, callback(ipn(id, "finished", NowPaymentsStandIn.IPN_SECRET)));
        }
        assertEquals(200, callback(ipn(id, "confirming", NowPaymentsStandIn.IPN_SECRET)));
        assertEquals("finished", status(account, id));
        assertEquals(1000, credits(account));
        CreditHoldsTest.internal().header("X-Account-Id", account).get("/api/billing/transactions").then()
                .body("items.size()", equalTo(1)).body("items[0].reference", equalTo("crypto:" + id))
                .body("items[0].type", equalTo("purchase"));
    }

    @Test
    void partiallyPaidExpiredAndFailedAreShownNotCredited() throws Exception {
        UUID account = UUID.randomUUID();
        for (String outcome : List.of("partially_paid", "expired", "failed")) {
            String id = checkout(account, "starter", "eth").path("paymentId");
            assertEquals(200, callback(ipn(id, outcome, NowPaymentsStandIn.IPN_SECRET)));
            assertEquals(outcome, status(account, id));
            assertEquals(200, callback(ipn(id, "finished", NowPaymentsStandIn.IPN_SECRET)), "a final status stays final");
            assertEquals(outcome, status(account, id));
        }
        assertEquals(0, credits(account));
    }

    @Test
    void aBadSignatureIs400AndCreditsNothing() throws Exception {
        UUID account = UUID.randomUUID();
        String id = checkout(account, "scale", "btc").path("paymentId");
        assertEquals(400, callback(ipn(id, "finished", "not-the-secret")));
        String[] genuine = ipn(id, "finished", NowPaymentsStandIn.IPN_SECRET);
        assertEquals(400, callback(new String[]{genuine[0].replace("finished", "finished "), genuine[1]}));
        assertEquals(400,
                CreditHoldsTest.internal().body(genuine[0]).post("/api/billing/webhooks/crypto").then().extract().statusCode());
        assertEquals("waiting", status(account, id));
        assertEquals(0, credits(account));
        // ContentType is irrelevant to the signature: the raw body is what is verified.
        CreditHoldsTest.internal().contentType(ContentType.TEXT).header("x-nowpayments-sig", genuine[1]).body(genuine[0])
                .post("/api/billing/webhooks/crypto").then().statusCode(200);
        assertEquals(25000, credits(account));
    }

    @Test
    void callbacksSignedWithTheFormerPlaceholderSecretAreRefused() throws Exception {
        UUID account = UUID.randomUUID();
        String id = checkout(account, "starter", "btc").path("paymentId");
        // "unset" was the value application.properties fell back to when no IPN secret was configured.
        assertEquals(400, callback(ipn(id, "finished", "unset")));
        assertEquals("waiting", status(account, id));
        assertEquals(0, credits(account));
    }
}
