package io.tokensniped.billing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.stripe.Stripe;
import com.stripe.net.Webhook;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.tokensniped.localstack.testing.LocalInfrastructureTestResource;

/**
 * Stripe Checkout through stripe-java against a local stand-in of Stripe's API, and webhooks signed for real with the
 * endpoint's secret: a paid session credits once however often and in whatever order Stripe delivers, a bad
 * signature credits nothing.
 */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureTestResource.class)
@QuarkusTestResource(value = StripeStandIn.class, restrictToAnnotatedClass = true)
class StripeCheckoutTest {

    static RequestSpecification as(UUID account) {
        return given().header("X-Internal-Secret", CreditHoldsTest.SECRET).header("X-Account-Id", account)
                .contentType(ContentType.JSON);
    }

    static String event(String type, String sessionId, String paymentStatus, UUID account, String packageId, long credits) {
        return """
                {"id":"evt_%s","object":"event","api_version":"%s","created":%d,"type":"%s","livemode":false,
                 "pending_webhooks":1,"request":{"id":null,"idempotency_key":null},
                 "data":{"object":{"id":"%s","object":"checkout.session","mode":"payment","status":"complete",
                   "payment_status":"%s","metadata":{"accountId":"%s","packageId":"%s","credits":"%d"}}}}
                """.formatted(UUID.randomUUID().toString().replace("-", ""), Stripe.API_VERSION, Instant.now().getEpochSecond(),
                type, sessionId, paymentStatus, account, packageId, credits);
    }

    /** The Stripe-Signature header Stripe would send: t=timestamp, v1=HMAC-SHA256(secret, "t.payload"). */
    static String sign(String payload, String secret) throws Exception {
        long t = Webhook.Util.getTimeNow();
        return "t=" + t + ",v1=" + Webhook.Util.computeHmacSha256(secret, t + "." + payload);
    }

    static ExtractableResponse<Response> deliver(String payload, String signature) {
        RequestSpecification request = given().header("X-Internal-Secret", CreditHoldsTest.SECRET)
                .contentType(ContentType.JSON);
        if (signature != null) {
            request.header("Stripe-Signature", signature);
        }
        return request.body(payload).post("/api/billing/webhooks/stripe").then().extract();
    }

    static int credits(UUID account) {
        return as(account).get("/api/billing/balance").then().statusCode(200).extract().path("credits");
    }

    @Test
    void packagesComeFromConfigurationSmallestFirst() {
        given().header("X-Internal-Secret", CreditHoldsTest.SECRET).get("/api/billing/packages").then().statusCode(200)
                .body("id", equalTo(List.of("starter", "growth", "scale")))
                .body("[0].credits", equalTo(1000)).body("[0].priceUsd", equalTo(9.0f));
    }

    @Test
    void checkoutCreatesASessionTiedToTheAccountAndPackage() {
        UUID account = UUID.randomUUID();
        ExtractableResponse<Response> r = as(account).body(Map.of("packageId", "growth")).post("/api/billing/checkout/stripe")
                .then().statusCode(200).body("sessionId", startsWith("cs_test_"))
                .body("url", startsWith("https://checkout.stripe.com/")).extract();
        Map<String, String> sent = StripeStandIn.CREATED_SESSIONS.stream()
                .filter(f -> account.toString().equals(f.get("metadata[accountId]"))).findFirst().orElseThrow();
        assertEquals("growth", sent.get("metadata[packageId]"));
        assertEquals("5000", sent.get("metadata[credits]"));
        assertEquals("3900", sent.get("line_items[0][price_data][unit_amount]"));
        assertEquals("usd", sent.get("line_items[0][price_data][currency]"));
        assertEquals("payment", sent.get("mode"));
        as(account).body(Map.of("packageId", "nope")).post("/api/billing/checkout/stripe").then().statusCode(400)
                .body("error.code", equalTo("VALIDATION_ERROR"));
        as(account).body("{}").post("/api/billing/checkout/stripe").then().statusCode(400);
        r.path("sessionId");
    }

    @Test
    void aPaidSessionIsCreditedOnceHoweverOftenAndInWhateverOrderStripeDelivers() throws Exception {
        UUID account = UUID.randomUUID();
        String session = "cs_test_" + UUID.randomUUID().toString().replace("-", "");
        String unpaid = event("checkout.session.completed", session, "unpaid", account, "starter", 1000);
        String asyncPaid = event("checkout.session.async_payment_succeeded", session, "paid", account, "starter", 1000);
        String completedPaid = event("checkout.session.completed", session, "paid", account, "starter", 1000);

        assertEquals(200, deliver(unpaid, sign(unpaid, StripeStandIn.WEBHOOK_SECRET)).statusCode());
        assertEquals(0, credits(account), "not paid yet: nothing credited");
        for (int i = 0; i < 10; i++) {
            String payload = i % 2 == 0 ? asyncPaid : completedPaid;
            assertEquals(200, deliver(payload, sign(payload, StripeStandIn.WEBHOOK_SECRET)).statusCode());
        }
        assertEquals(1000, credits(account));
        as(account).get("/api/billing/transactions?type=purchase").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].amount", equalTo(1000))
                .body("items[0].reference", equalTo("stripe:" + session)).body("items[0].balanceAfter", equalTo(1000));
    }

    @Test
    void aBadSignatureIs400AndCreditsNothing() throws Exception {
        UUID account = UUID.randomUUID();
        String payload = event("checkout.session.completed", "cs_test_forged", "paid", account, "scale", 25000);
        assertEquals(400, deliver(payload, sign(payload, "whsec_not_the_secret")).statusCode());
        assertEquals(400, deliver(payload, "t=1,v1=deadbeef").statusCode());
        assertEquals(400, deliver(payload, null).statusCode());
        String tampered = sign(payload, StripeStandIn.WEBHOOK_SECRET);
        assertEquals(400, deliver(payload.replace("25000", "99999"), tampered).statusCode());
        assertEquals(0, credits(account));
    }

    @Test
    void unrelatedEventsAreAcknowledgedAndIgnored() throws Exception {
        UUID account = UUID.randomUUID();
        String payload = event("customer.created", "cs_test_other", "paid", account, "starter", 1000);
        assertEquals(200, deliver(payload, sign(payload, StripeStandIn.WEBHOOK_SECRET)).statusCode());
        assertEquals(0, credits(account));
    }

    @Test
    void transactionsArePagedNewestFirstAndFilteredByType() {
        UUID account = UUID.randomUUID();
        as(account).post("/api/billing/daily-claim").then().statusCode(200);
        for (int i = 0; i < 5; i++) {
            String session = "cs_test_page" + i + UUID.randomUUID().toString().substring(0, 8);
            String payload = event("checkout.session.completed", session, "paid", account, "starter", 1000);
            try {
                deliver(payload, sign(payload, StripeStandIn.WEBHOOK_SECRET));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        ExtractableResponse<Response> first = as(account).get("/api/billing/transactions?limit=4").then().statusCode(200)
                .body("items.size()", equalTo(4)).extract();
        assertEquals(5010, (int) first.path("items[0].balanceAfter"), "newest first");
        String cursor = first.path("nextCursor");
        as(account).get("/api/billing/transactions?limit=4&cursor=" + cursor).then().statusCode(200)
                .body("items.size()", equalTo(2)).body("items[1].type", equalTo("daily_grant"))
                .body("nextCursor", equalTo(null));
        as(account).get("/api/billing/transactions?type=daily_grant").then().statusCode(200).body("items.size()", equalTo(1));
        as(account).get("/api/billing/transactions?type=bogus").then().statusCode(400);
        // The reference API's names filter as ours: payment = purchase, bonus = daily_grant, usage = solve_charge.
        as(account).get("/api/billing/transactions?type=payment").then().statusCode(200).body("items.size()", equalTo(5))
                .body("items.type", everyItem(equalTo("purchase")));
        as(account).get("/api/billing/transactions?type=bonus").then().statusCode(200).body("items.size()", equalTo(1))
                .body("items[0].type", equalTo("daily_grant"));
        as(account).get("/api/billing/transactions?type=usage").then().statusCode(200).body("items.size()", equalTo(0));
        as(account).get("/api/billing/transactions?limit=0").then().statusCode(400);
        as(account).get("/api/billing/transactions?cursor=!!").then().statusCode(400);
        as(UUID.randomUUID()).get("/api/billing/transactions").then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void oneEventSignedWithTheConfiguredSecretCreditsOnceAndTenReplaysCreditNothingMore() throws Exception {
        UUID account = UUID.randomUUID();
        String session = "cs_test_" + UUID.randomUUID().toString().replace("-", "");
        String payload = event("checkout.session.completed", session, "paid", account, "starter", 1000);
        // Signed once by stripe-java's own helper, then delivered again unchanged, as a replaying attacker would.
        String signature = sign(payload, StripeStandIn.WEBHOOK_SECRET);
        for (int delivery = 0; delivery <= 10; delivery++) {
            assertEquals(200, deliver(payload, signature).statusCode());
        }
        assertEquals(1000, credits(account));
        as(account).get("/api/billing/transactions?type=purchase").then().body("items.size()", equalTo(1));
    }

    @Test
    void eventsSignedWithTheFormerPlaceholderSecretAreRefused() throws Exception {
        UUID account = UUID.randomUUID();
        String payload = event("checkout.session.completed", "cs_test_placeholder", "paid", account, "starter", 1000);
        // "whsec_unset" was the value application.properties fell back to when no webhook secret was configured.
        assertEquals(400, deliver(payload, sign(payload, "whsec_unset")).statusCode());
        assertEquals(0, credits(account));
    }
}
