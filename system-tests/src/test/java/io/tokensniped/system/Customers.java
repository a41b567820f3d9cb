package io.tokensniped.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Customers the system tests create through the public API, as anyone would. */
final class Customers {

    private Customers() {
    }

    record Customer(String token, String apiKey) {

        /** The account id, the session token's subject. */
        String accountId() {
            String claims = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                    java.nio.charset.StandardCharsets.UTF_8);
            return claims.replaceAll(".*\"sub\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        }
    }

    /** Every account these tests make has this password. */
    static final String PASSWORD = "correct horse 1";

    /** The customer's email, as its session says. */
    static String email(String gateway, Customer customer) {
        return given().header("Authorization", "Bearer " + customer.token()).get(gateway + "/api/auth/get-session")
                .then().statusCode(200).extract().path("user.email");
    }

    static RequestSpecification gw(String gateway) {
        return given().baseUri(gateway).contentType(ContentType.JSON);
    }

    /** A new account with its daily free credits (10) and a live key allowed far more requests than it can pay for. */
    static Customer funded(RunningSystem system) throws InterruptedException {
        String token = signUp(system, "credits");
        gw(system.gatewayUrl).header("Authorization", "Bearer " + token).post("/api/billing/daily-claim").then()
                .statusCode(200).body("credited", equalTo(10)).body("balance", equalTo(10));
        return new Customer(token, keyKnownEverywhere(system, token, "{\"name\":\"burst\",\"rateLimitRpm\":10000}"));
    }

    /** A new account with a test-mode key (no browser, no credits) that every gateway already knows. */
    static Customer withTestKey(RunningSystem system, String name) throws InterruptedException {
        String token = signUp(system, name);
        return new Customer(token, keyKnownEverywhere(system, token,
                "{\"name\":\"" + name + "\",\"mode\":\"test\",\"rateLimitRpm\":10000,\"rateLimitRpd\":1000000}"));
    }

    static String signUp(RunningSystem system, String name) {
        String email = name + "-" + UUID.randomUUID() + "@example.test";
        return gw(system.gatewayUrl)
                .body("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"name\":\"" + name + "\"}")
                .post("/api/auth/sign-up/email").then().statusCode(200).extract().path("token");
    }

    /** Creates a key and waits until every gateway has learnt it (keys reach gateways through Kafka). */
    static String keyKnownEverywhere(RunningSystem system, String token, String request) throws InterruptedException {
        String key = gw(system.gatewayUrl).header("Authorization", "Bearer " + token).body(request).post("/api/keys").then()
                .statusCode(201).extract().path("key");
        for (String gateway : system.gatewayUrls) {
            Instant deadline = Instant.now().plusSeconds(20);
            while (gw(gateway).header("x-api-key", key).body("{}").post("/api/solve/turnstile").statusCode() != 400) {
                assertTrue(Instant.now().isBefore(deadline), "the key never reached " + gateway);
                Thread.sleep(50);
            }
        }
        return key;
    }
}
