package io.tokensniped.system;

import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.restassured.specification.RequestSpecification;

/**
 * Every route that takes an id, called by another account with the first account's ids — with its session and with
 * its API key: 404 NOT_FOUND each time, and nothing of the first account in lists filtered by its ids.
 */
@Order(10)
class CrossAccountSystemTest {

    static RunningSystem system;

    record Account(String session, String key) {

        RequestSpecification asSession() {
            return Customers.gw(system.gatewayUrl).header("Authorization", "Bearer " + session);
        }

        RequestSpecification asKey() {
            return Customers.gw(system.gatewayUrl).header("x-api-key", key);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        system = SharedSystem.get();
    }

    static Account account() throws InterruptedException {
        Customers.Customer customer = Customers.withTestKey(system, "owner");
        return new Account(customer.token(), customer.apiKey());
    }

    @Test
    void anotherAccountsIdsAreNotFoundOnEveryRoute() throws Exception {
        Account owner = account();
        Account other = account();
        String keyId = owner.asSession().get("/api/keys").then().statusCode(200).extract().path("[0].id");
        String solveId = owner.asKey().body("{\"siteKey\":\"1x00000000000000000000AA\",\"pageUrl\":\"https://shop.example/x\"}")
                .post("/api/solve/turnstile").then().statusCode(200).extract().path("id");
        String targetId = owner.asSession()
                .body("{\"host\":\"shop-" + UUID.randomUUID().toString().substring(0, 8) + ".example\"}")
                .post("/api/targets").then().statusCode(201).extract().path("id");
        String paymentId = owner.asSession().body(Map.of("packageId", "starter", "currency", "btc"))
                .post("/api/billing/checkout/crypto").then().statusCode(200).extract().path("paymentId");

        for (RequestSpecification caller : List.of(other.asSession(), other.asKey())) {
            caller.get("/api/solve/" + solveId).then().statusCode(404).body("error.code", equalTo("NOT_FOUND"));
        }
        other.asKey().get("/api/solve/" + solveId + "/stream").then().statusCode(404).body("error.code", equalTo("NOT_FOUND"));
        other.asSession().get("/api/solve/" + solveId + "/stream").then().statusCode(404);
        other.asSession().body("{\"name\":\"mine now\"}").patch("/api/keys/" + keyId).then().statusCode(404)
                .body("error.code", equalTo("NOT_FOUND"));
        other.asSession().delete("/api/keys/" + keyId).then().statusCode(404);
        other.asSession().post("/api/targets/" + targetId + "/verify").then().statusCode(404).body("error.code",
                equalTo("NOT_FOUND"));
        other.asSession().delete("/api/targets/" + targetId).then().statusCode(404);
        other.asSession().get("/api/billing/crypto/payments/" + paymentId).then().statusCode(404)
                .body("error.code", equalTo("NOT_FOUND"));
        // Lists filtered by the owner's ids show nothing of the owner's.
        other.asSession().queryParam("apiKeyId", keyId).get("/api/solve/history").then().statusCode(200).body("items", empty());
        other.asKey().get("/api/solve/history").then().statusCode(200).body("items", empty());
        other.asSession().get("/api/targets").then().statusCode(200).body("$", empty());
        // And the owner still has everything.
        owner.asKey().get("/api/solve/" + solveId).then().statusCode(200).body("status", equalTo("solved"));
        owner.asSession().get("/api/keys").then().statusCode(200).body("[0].id", equalTo(keyId));
        owner.asSession().get("/api/billing/crypto/payments/" + paymentId).then().statusCode(200);
    }
}
