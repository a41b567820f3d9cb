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
    }

    static RequestSpecification gw(String gateway) {
        return given().baseUri(gateway).contentType(ContentType.JSON);
    }

    /** A new account with its daily free credits (10) and a live key allowed far more requests than it can pay for. */
    static Customer funded(RunningSystem system) throws InterruptedException {
        String email = "credits-" + UUID.randomUUID() + "@example.test";
        String token = gw(system.gatewayUrl).body("{\"email\":\"" + email + "\",\"password\":\"correct horse 1\",\"name\":\"Cy\"}")
                .post("/api/auth/sign-up/email").then().statusCode(200).extract().path("token");
        gw(system.gatewayUrl).header("Authorization", "Bearer " + token).post("/api/billing/daily-claim").then()
                .statusCode(200).body("credited", equalTo(10)).body("balance", equalTo(10));
        String key = gw(system.gatewayUrl).header("Authorization", "Bearer " + token)
                .body("{\"name\":\"burst\",\"rateLimitRpm\":10000}").post("/api/keys").then().statusCode(201).extract().path("key");
        for (String gateway : system.gatewayUrls) {
            Instant deadline = Instant.now().plusSeconds(10);
            while (gw(gateway).header("x-api-key", key).body("{}").post("/api/solve/turnstile").statusCode() != 400) {
                assertTrue(Instant.now().isBefore(deadline), "the key never reached " + gateway);
                Thread.sleep(50);
            }
        }
        return new Customer(token, key);
    }
}
