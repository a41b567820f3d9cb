package io.tokensniped.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.net.URI;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Verified targets through the gateway: a host is verified only when it serves the account's token at the
 * well-known path (the lab plays the site owner), and another account can neither see nor touch it.
 */
@Order(2)
class TargetHostsSystemTest {

    static RunningSystem system;

    @BeforeAll
    static void start() throws Exception {
        system = SharedSystem.get();
    }

    static String session() {
        return given().baseUri(system.gatewayUrl).contentType(ContentType.JSON)
                .body("{\"email\":\"t-" + UUID.randomUUID()
                        + "@example.test\",\"password\":\"correct horse 1\",\"name\":\"T\"}")
                .post("/api/auth/sign-up/email").then().statusCode(200).extract().path("token");
    }

    static RequestSpecification as(String token) {
        return given().baseUri(system.gatewayUrl).contentType(ContentType.JSON).header("Authorization", "Bearer " + token);
    }

    @Test
    void aHostIsVerifiedByServingTheTokenAndStaysPrivateToItsAccount() {
        String owner = session();
        String other = session();
        String labHost = URI.create(system.labUrl).getAuthority();

        Response added = as(owner).body("{\"host\":\"" + labHost + "\"}").post("/api/targets");
        added.then().statusCode(201).body("host", equalTo(labHost)).body("verified", equalTo(false))
                .body("verificationToken", startsWith("tokensniped-verify-"))
                .body("verificationUrl", containsString("/.well-known/tokensniped-verification.txt"));
        String id = added.path("id");
        String token = added.path("verificationToken");

        as(owner).body("{\"host\":\"" + labHost.toUpperCase() + "\"}").post("/api/targets").then().statusCode(409);
        // Not served yet (or something else is served): not verified.
        given().baseUri(system.labUrl).body("someone-elses-token").post("/lab/site/verification-token").then().statusCode(200);
        as(owner).post("/api/targets/" + id + "/verify").then().statusCode(409).body("error.code", equalTo("CONFLICT"));

        given().baseUri(system.labUrl).body(token).post("/lab/site/verification-token").then().statusCode(200);
        as(other).post("/api/targets/" + id + "/verify").then().statusCode(404).body("error.code", equalTo("NOT_FOUND"));
        as(owner).post("/api/targets/" + id + "/verify").then().statusCode(200).body("verified", equalTo(true));
        as(owner).get("/api/targets").then().statusCode(200).body("find { it.id == '" + id + "' }.verified", equalTo(true));

        as(other).get("/api/targets").then().statusCode(200).body("id", not(hasItem(id)));
        as(other).delete("/api/targets/" + id).then().statusCode(404);
        as(owner).delete("/api/targets/" + id).then().statusCode(204);
        as(owner).get("/api/targets").then().body("id", not(hasItem(id)));
    }

    @Test
    void privateHostsAreNeverFetchedAndBadHostsAreRejected() {
        String owner = session();
        String id = as(owner).body("{\"host\":\"10.0.0.7\"}").post("/api/targets").then().statusCode(201).extract().path("id");
        as(owner).post("/api/targets/" + id + "/verify").then().statusCode(409)
                .body("error.message", containsString("public addresses"));
        as(owner).body("{\"host\":\"http://evil/path\"}").post("/api/targets").then().statusCode(400)
                .body("error.details[0].field", equalTo("host"));
        given().baseUri(system.gatewayUrl).header("x-api-key", system.apiKey).get("/api/targets").then().statusCode(403);
        given().baseUri(system.gatewayUrl).get("/api/targets").then().statusCode(401);
    }
}
