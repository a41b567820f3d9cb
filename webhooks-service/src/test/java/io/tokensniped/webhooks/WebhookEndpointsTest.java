package io.tokensniped.webhooks;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tokensniped.localstack.testing.LocalInfrastructureTestResource;

/** /api/webhooks: owner-only endpoints, the secret shown once, rotation, and receivers refused at creation. */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureTestResource.class)
@QuarkusTestResource(Receivers.class)
class WebhookEndpointsTest extends WebhooksServiceTest {

    final UUID owner = UUID.randomUUID();
    final UUID stranger = UUID.randomUUID();

    String create(String body) {
        return asGateway(owner).body(body).post("/api/webhooks").then().statusCode(201).extract().path("id");
    }

    @Test
    void anEndpointIsCreatedWithItsSecretShownOnceAndListedWithout() {
        String url = Receivers.nodeUrl + "/hook/created";
        String secret = asGateway(owner).body("{\"url\":\"" + url + "\",\"eventTypes\":[\"solve.succeeded\",\"balance.low\"],"
                + "\"description\":\"staging\"}").post("/api/webhooks").then().statusCode(201)
                .body("url", equalTo(url)).body("enabled", equalTo(true)).body("eventTypes", hasSize(2))
                .body("secret", startsWith("whsec_")).extract().path("secret");
        assertTrue(secret.length() > 40, "a 32-byte secret");
        asGateway(owner).get("/api/webhooks").then().statusCode(200).body("", hasSize(1))
                .body("[0].secret", nullValue()).body("[0].description", equalTo("staging"));
    }

    @Test
    void everyEventTypeIsSubscribedWhenNoneIsNamedAndUnknownOnesAreRefused() {
        asGateway(owner).body("{\"url\":\"" + Receivers.nodeUrl + "/hook/all\"}").post("/api/webhooks").then()
                .statusCode(201).body("eventTypes", hasSize(5));
        asGateway(owner).body("{\"url\":\"" + Receivers.nodeUrl + "/hook/x\",\"eventTypes\":[\"solve.exploded\"]}")
                .post("/api/webhooks").then().statusCode(400).body("error.code", equalTo("VALIDATION_ERROR"))
                .body("error.message", containsString("solve.exploded"));
    }

    @Test
    void anotherAccountsEndpointIsNotFound() {
        String id = create("{\"url\":\"" + Receivers.nodeUrl + "/hook/mine\"}");
        asGateway(stranger).get("/api/webhooks/" + id).then().statusCode(404).body("error.code", equalTo("NOT_FOUND"));
        asGateway(stranger).body("{\"enabled\":false}").patch("/api/webhooks/" + id).then().statusCode(404);
        asGateway(stranger).post("/api/webhooks/" + id + "/rotate-secret").then().statusCode(404);
        asGateway(stranger).get("/api/webhooks/" + id + "/deliveries").then().statusCode(404);
        asGateway(stranger).delete("/api/webhooks/" + id).then().statusCode(404);
        asGateway(stranger).get("/api/webhooks").then().statusCode(200).body("", hasSize(0));
        asGateway(owner).get("/api/webhooks/" + id).then().statusCode(200).body("enabled", equalTo(true));
        asGateway(owner).get("/api/webhooks/not-a-uuid").then().statusCode(404);
    }

    @Test
    void withoutTheGatewayNothingIsAnswered() {
        given().get("/api/webhooks").then().statusCode(401).body("error.code", equalTo("UNAUTHORIZED"));
    }

    @Test
    void updatingAndDeleting() {
        String id = create("{\"url\":\"" + Receivers.nodeUrl + "/hook/upd\"}");
        asGateway(owner).body("{\"enabled\":false,\"eventTypes\":[\"credits.purchased\"]}").patch("/api/webhooks/" + id)
                .then().statusCode(200).body("enabled", equalTo(false))
                .body("disabledReason", equalTo("disabled by the account"))
                .body("eventTypes", equalTo(java.util.List.of("credits.purchased"))).body("secret", nullValue());
        asGateway(owner).body("{\"enabled\":true}").patch("/api/webhooks/" + id).then().statusCode(200)
                .body("enabled", equalTo(true)).body("disabledReason", nullValue());
        asGateway(owner).delete("/api/webhooks/" + id).then().statusCode(204);
        asGateway(owner).get("/api/webhooks/" + id).then().statusCode(404);
    }

    @Test
    void rotationGivesANewSecretAndKeepsTheOldOneFor24Hours() {
        io.restassured.response.ExtractableResponse<io.restassured.response.Response> created = asGateway(owner)
                .body("{\"url\":\"" + Receivers.nodeUrl + "/hook/rot\"}").post("/api/webhooks").then().statusCode(201)
                .extract();
        String id = created.path("id");
        String rotated = asGateway(owner).post("/api/webhooks/" + id + "/rotate-secret").then().statusCode(200)
                .body("secret", startsWith("whsec_")).body("previousSecretExpiresAt", notNullValue()).extract().path("secret");
        assertNotEquals(created.<String>path("secret"), rotated);
        Instant overlapEnds = Instant
                .parse(asGateway(owner).get("/api/webhooks/" + id).then().extract().path("previousSecretExpiresAt"));
        Duration overlap = Duration.between(Instant.now(), overlapEnds);
        assertTrue(overlap.compareTo(Duration.ofHours(23)) > 0 && overlap.compareTo(Duration.ofHours(25)) < 0,
                "24 h: " + overlap);
    }

    @Test
    void receiversThatAreNotPublicHttpsAreRefusedAtCreation() {
        for (String url : java.util.List.of("http://example.com/hook", "https://127.0.0.1/hook", "https://localhost/hook",
                "https://10.1.2.3/hook", "https://192.168.1.1/hook", "https://169.254.169.254/latest/meta-data",
                "https://[::1]/hook", "https://2130706433/hook", "https://user:pw@example.com/hook", "ftp://example.com/",
                "not a url", Receivers.forbidden.baseUrl() + "/hook")) {
            asGateway(owner).body("{\"url\":\"" + url + "\"}").post("/api/webhooks").then()
                    .statusCode(400).body("error.code", equalTo("VALIDATION_ERROR")).body("error.message", not(equalTo(null)));
        }
        asGateway(owner).get("/api/webhooks").then().body("", hasSize(0));
    }

    @Test
    void theBalanceLowThresholdIsPerAccount() {
        asGateway(owner).get("/api/webhooks/settings").then().statusCode(200).body("balanceLowThreshold", equalTo(5));
        asGateway(owner).body("{\"balanceLowThreshold\":50}").put("/api/webhooks/settings").then().statusCode(200);
        asGateway(owner).get("/api/webhooks/settings").then().body("balanceLowThreshold", equalTo(50));
        asGateway(stranger).get("/api/webhooks/settings").then().body("balanceLowThreshold", equalTo(5));
        asGateway(owner).body("{\"balanceLowThreshold\":0}").put("/api/webhooks/settings").then().statusCode(400);
    }
}
