package io.tokensniped.billing;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.tokensniped.localstack.testing.LocalInfrastructureTestResource;

/**
 * Billing with no payment provider's secrets set (the default: there are no fallback values). Every provider is
 * reported not configured, its checkout and webhook routes answer 503 PAYMENT_PROVIDER_NOT_CONFIGURED, and a
 * payment signed with one of the former placeholder secrets credits nothing.
 */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureTestResource.class)
class PaymentProvidersNotConfiguredTest {

    static void refusedAsNotConfigured(io.restassured.response.ValidatableResponse response) {
        response.statusCode(503).body("error.code", equalTo("PAYMENT_PROVIDER_NOT_CONFIGURED"));
    }

    @Test
    void providersAreListedAsNotConfiguredAndTheReadinessSaysSoWithoutBeingDown() {
        CreditHoldsTest.internal().get("/api/billing/payment-providers").then().statusCode(200)
                .body("find { it.id == 'stripe' }.status", equalTo("not_configured"))
                .body("find { it.id == 'crypto' }.status", equalTo("not_configured"))
                .body("sandbox", equalTo(java.util.List.of(false, false)));
        RestAssured.get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'payment-providers' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'payment-providers' }.data.stripe", equalTo("not_configured"))
                .body("checks.find { it.name == 'payment-providers' }.data.crypto", equalTo("not_configured"));
    }

    @Test
    void checkoutsAre503AndNothingIsStarted() {
        UUID account = UUID.randomUUID();
        refusedAsNotConfigured(CreditHoldsTest.internal().header("X-Account-Id", account).body(Map.of("packageId", "starter"))
                .post("/api/billing/checkout/stripe").then());
        refusedAsNotConfigured(CreditHoldsTest.internal().header("X-Account-Id", account)
                .body(Map.of("packageId", "starter", "currency", "btc")).post("/api/billing/checkout/crypto").then());
        refusedAsNotConfigured(
                CreditHoldsTest.internal().header("X-Account-Id", account).get("/api/billing/crypto/currencies").then());
    }

    @Test
    void paymentsSignedWithTheFormerPlaceholdersCreditNothing() throws Exception {
        UUID account = UUID.randomUUID();
        String stripeEvent = StripeCheckoutTest.event("checkout.session.completed", "cs_test_" + UUID.randomUUID().toString()
                .replace("-", ""), "paid", account, "scale", 25000);
        refusedAsNotConfigured(
                CreditHoldsTest.internal().header("Stripe-Signature", StripeCheckoutTest.sign(stripeEvent, "whsec_unset"))
                        .body(stripeEvent).post("/api/billing/webhooks/stripe").then());
        String[] ipn = CryptoPaymentsTest.ipn("4000000001", "finished", "unset");
        refusedAsNotConfigured(CreditHoldsTest.internal().header("x-nowpayments-sig", ipn[1]).body(ipn[0])
                .post("/api/billing/webhooks/crypto").then());
        assertEquals(0, StripeCheckoutTest.credits(account));
    }
}
