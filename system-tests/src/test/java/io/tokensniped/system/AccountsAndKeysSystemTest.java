package io.tokensniped.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.IntPredicate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The contract's Authentication and API keys sections, through the gateway, against the running system (keys-service,
 * two gateway instances, Kafka, PostgreSQL, Redis, Chromium).
 */
@Order(1)
class AccountsAndKeysSystemTest {

    static final Duration PROPAGATION = Duration.ofSeconds(10);
    static final String COOKIE = "better-auth.session_token";
    static final String LAB_SITE_KEY = "0xLABpass00000000000000000000";
    static RunningSystem system;

    @BeforeAll
    static void start() throws Exception {
        system = SharedSystem.get();
    }

    record Account(String id, String email, String token) {
    }

    static RequestSpecification gw() {
        return given().baseUri(system.gatewayUrl).contentType(ContentType.JSON);
    }

    static Account signUp() {
        String email = "user-" + UUID.randomUUID() + "@example.test";
        ExtractableResponse<Response> r = gw()
                .body("{\"email\":\"" + email + "\",\"password\":\"correct horse 1\",\"name\":\"Ada\"}")
                .post("/api/auth/sign-up/email").then().statusCode(200).extract();
        return new Account(r.path("user.id"), email, r.path("token"));
    }

    static RequestSpecification as(Account a) {
        return gw().header("Authorization", "Bearer " + a.token());
    }

    static Response createKey(Account a, String body) {
        return as(a).body(body).post("/api/keys");
    }

    static int solveStatus(String gateway, String key, String body) {
        return given().baseUri(gateway).header("x-api-key", key).contentType(ContentType.JSON).body(body)
                .post("/api/solve/turnstile").then().extract().statusCode();
    }

    /** Every gateway instance answers the probe as expected within the deadline. */
    static void everyGateway(String key, IntPredicate expected) throws InterruptedException {
        for (String gateway : system.gatewayUrls) {
            Instant deadline = Instant.now().plus(PROPAGATION);
            int status = solveStatus(gateway, key, "{}");
            while (!expected.test(status) && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
                status = solveStatus(gateway, key, "{}");
            }
            int last = status;
            assertTrue(expected.test(last), gateway + " answered " + last);
        }
    }

    @Test
    void signUpSignInSessionAndSignOut() {
        String email = "ada-" + UUID.randomUUID() + "@example.test";
        ExtractableResponse<Response> up = gw()
                .body("{\"email\":\"" + email + "\",\"password\":\"correct horse 1\",\"name\":\"Ada\"}")
                .post("/api/auth/sign-up/email").then().statusCode(200)
                .body("user.email", equalTo(email)).body("user.name", equalTo("Ada"))
                .body("user.createdAt", matchesPattern(".*\\.\\d{3}Z")).body("token", notNullValue())
                .header("Set-Cookie", containsString(COOKIE + "=")).header("Set-Cookie", containsString("HttpOnly"))
                .header("Set-Cookie", containsString("SameSite=Lax"))
                .extract();
        String id = up.path("user.id");

        gw().body("{\"email\":\"" + email.toUpperCase() + "\",\"password\":\"another pass 2\",\"name\":\"Eve\"}")
                .post("/api/auth/sign-up/email").then().statusCode(409).body("error.code", equalTo("CONFLICT"));

        String token = gw().body("{\"email\":\"" + email + "\",\"password\":\"correct horse 1\"}")
                .post("/api/auth/sign-in/email").then().statusCode(200).body("user.id", equalTo(id))
                .cookie(COOKIE, notNullValue()).extract().path("token");

        gw().cookie(COOKIE, token).get("/api/auth/get-session").then().statusCode(200)
                .body("user.id", equalTo(id)).body("session.expiresAt", notNullValue());
        gw().header("Authorization", "Bearer " + token).get("/api/auth/get-session").then().statusCode(200);

        gw().cookie(COOKIE, token).post("/api/auth/sign-out").then().statusCode(200).body("success", equalTo(true))
                .header("Set-Cookie", containsString("Max-Age=0"));
        gw().cookie(COOKIE, token).get("/api/auth/get-session").then().statusCode(401).body("error.code",
                equalTo("UNAUTHORIZED"));
    }

    @Test
    void authValidationListsTheFields() {
        gw().body("{\"email\":\"not-an-email\",\"password\":\"short\",\"name\":\"\"}").post("/api/auth/sign-up/email").then()
                .statusCode(400).body("error.code", equalTo("VALIDATION_ERROR"))
                .body("error.details.field", containsInAnyOrder("email", "name", "password"))
                .header("X-Request-Id", notNullValue());
        gw().body("not json").post("/api/auth/sign-in/email").then().statusCode(400).body("error.code",
                equalTo("VALIDATION_ERROR"));
    }

    @Test
    void wrongPasswordAndUnknownEmailLookTheSameAndFailuresAreThrottled() {
        Account a = signUp();
        ExtractableResponse<Response> wrong = gw().body("{\"email\":\"" + a.email() + "\",\"password\":\"wrong password\"}")
                .post("/api/auth/sign-in/email").then().statusCode(401).extract();
        ExtractableResponse<Response> unknown = gw()
                .body("{\"email\":\"nobody-" + UUID.randomUUID() + "@example.test\",\"password\":\"wrong password\"}")
                .post("/api/auth/sign-in/email").then().statusCode(401).extract();
        assertEquals((String) wrong.path("error.message"), unknown.path("error.message"));

        int status = 401;
        for (int i = 0; i < 10 && status == 401; i++) {
            status = gw().body("{\"email\":\"" + a.email() + "\",\"password\":\"guess " + i + "\"}")
                    .post("/api/auth/sign-in/email").then().extract().statusCode();
        }
        assertEquals(429, status, "repeated failures for one account are throttled");
        gw().body("{\"email\":\"" + a.email() + "\",\"password\":\"correct horse 1\"}").post("/api/auth/sign-in/email")
                .then().statusCode(429).header("Retry-After", notNullValue()).body("error.code", equalTo("RATE_LIMITED"));
    }

    @Test
    void missingForgedExpiredAndUnsignedSessionsAre401() throws Exception {
        Account a = signUp();
        Object[] serviceKey = ForgedSessions.serviceKey(SharedSystem.endpoints());
        String keyId = (String) serviceKey[0];
        PrivateKey realKey = (PrivateKey) serviceKey[1];
        // Control: a token made this way with the real key and a valid expiry is accepted...
        gw().header("Authorization", "Bearer " + ForgedSessions.signed(realKey, keyId, a.id(), Instant.now().plusSeconds(600)))
                .get("/api/auth/get-session").then().statusCode(200);
        // ...so each of these fails for the one thing that differs.
        List<String> refused = List.of(
                ForgedSessions.signed(realKey, keyId, a.id(), Instant.now().minusSeconds(600)),
                ForgedSessions.signed(ForgedSessions.foreignKey(), keyId, a.id(), Instant.now().plusSeconds(600)),
                ForgedSessions.unsigned(a.id()),
                a.token().substring(0, a.token().lastIndexOf('.') + 1) + "AAAA"
                        + a.token().substring(a.token().lastIndexOf('.') + 5),
                "garbage");
        for (String token : refused) {
            gw().header("Authorization", "Bearer " + token).get("/api/auth/get-session").then().statusCode(401)
                    .body("error.code", equalTo("UNAUTHORIZED"));
            gw().cookie(COOKIE, token).get("/api/keys").then().statusCode(401);
        }
        gw().get("/api/auth/get-session").then().statusCode(401);
        gw().get("/api/keys").then().statusCode(401).body("error.code", equalTo("UNAUTHORIZED"));
    }

    @Test
    void keyLifecycleThroughEveryGateway() throws Exception {
        Account a = signUp();
        Response created = createKey(a, "{\"name\":\"Production Server\",\"rateLimitRpm\":100,\"rateLimitRpd\":10000}");
        assertEquals(201, created.statusCode(), created.body().asString());
        String key = created.path("key");
        String id = created.path("id");
        assertTrue(key.matches("sk_live_[0-9A-Za-z]{32,}"), key);
        assertEquals("Save this key - you won't be able to see it again!", created.path("message"));
        assertEquals("live", created.path("mode"));
        assertEquals(true, created.path("isActive"));
        assertTrue(key.startsWith(created.path("keyPrefix")));

        as(a).get("/api/keys").then().statusCode(200)
                .body("id", hasItem(id)).body("[0].key", nullValue()).body("[0].keyPrefix", notNullValue())
                .body("[0].rateLimitRpm", equalTo(100)).body(not(containsString(key.substring(12))));

        // The new key authenticates at every gateway (400: past authentication, the empty body is invalid)...
        everyGateway(key, s -> s == 400);
        String body = "{\"siteKey\":\"" + LAB_SITE_KEY + "\",\"pageUrl\":\"" + system.labUrl + "/turnstile/demo\"}";
        assertEquals(402, solveStatus(system.gatewayUrls.get(1), key, body), "a new account has no credits");
        as(a).post("/api/billing/daily-claim").then().statusCode(200).body("credited", equalTo(10));
        assertEquals(200, solveStatus(system.gatewayUrls.get(1), key, body), "a created key solves");

        // ...lastUsedAt follows without a database write per request...
        Instant deadline = Instant.now().plus(PROPAGATION);
        String lastUsed = null;
        while (lastUsed == null && Instant.now().isBefore(deadline)) {
            lastUsed = as(a).get("/api/keys").then().extract().path("find { it.id == '" + id + "' }.lastUsedAt");
            Thread.sleep(100);
        }
        assertNotNull(lastUsed, "lastUsedAt after use");

        // ...deactivating is 403 everywhere, re-activating restores it, new limits are shown...
        as(a).body("{\"isActive\":false,\"rateLimitRpm\":5000,\"name\":\"Renamed\"}").patch("/api/keys/" + id).then()
                .statusCode(200).body("isActive", equalTo(false)).body("rateLimitRpm", equalTo(5000))
                .body("name", equalTo("Renamed"));
        everyGateway(key, s -> s == 403);
        as(a).body("{\"isActive\":true}").patch("/api/keys/" + id).then().statusCode(200).body("isActive", equalTo(true));
        everyGateway(key, s -> s == 400);

        // ...and after DELETE the same key is 401 everywhere.
        as(a).delete("/api/keys/" + id).then().statusCode(204);
        everyGateway(key, s -> s == 401);
        as(a).get("/api/keys").then().body("id", not(hasItem(id)));
        as(a).delete("/api/keys/" + id).then().statusCode(404);
    }

    @Test
    void aNewKeyIsAcceptedAtEveryGatewayTheMomentItsCreationIsAnsweredAndNeverCountsAsAGuess() throws Exception {
        Account a = signUp();
        // Earlier tests' wrong keys opened this address's 10-minute window; it could close mid-test and hide a count.
        RedisProbe.clear(SharedSystem.endpoints(), "kg:127.0.0.1");
        for (int i = 0; i < 10; i++) {
            String key = createKey(a, "{\"name\":\"at once " + i + "\"}").then().statusCode(201).extract().path("key");
            // No waiting: the first request at each gateway is past authentication (400: the empty body is invalid).
            for (String gateway : system.gatewayUrls) {
                assertEquals(400, solveStatus(gateway, key, "{}"), "key " + i + " at " + gateway);
            }
        }
        assertEquals(0, RedisProbe.counter(SharedSystem.endpoints(), "kg:127.0.0.1"),
                "a new key's first requests were not counted as wrong keys");
    }

    @Test
    void perMinuteLimitIsExactAcrossTwoGateways() throws Exception {
        Account a = signUp();
        int rpm = 6;
        String key = createKey(a, "{\"name\":\"limited\",\"rateLimitRpm\":" + rpm + "}").path("key");
        int admitted = 0;
        int limited = 0;
        // Until both gateways know the key (401s are not metered), then a burst alternating between them.
        for (String gateway : system.gatewayUrls) {
            int status;
            Instant deadline = Instant.now().plus(PROPAGATION);
            while ((status = solveStatus(gateway, key, "{}")) == 401 && Instant.now().isBefore(deadline)) {
                Thread.sleep(10);
            }
            admitted += status == 400 ? 1 : 0;
        }
        for (int i = 0; i < 2 * rpm; i++) {
            ExtractableResponse<Response> r = given().baseUri(system.gatewayUrls.get(i % 2)).header("x-api-key", key)
                    .contentType(ContentType.JSON).body("{}").post("/api/solve/turnstile").then().extract();
            assertEquals(String.valueOf(rpm), r.header("X-RateLimit-Limit"));
            assertNotNull(r.header("X-RateLimit-Remaining"));
            assertNotNull(r.header("X-RateLimit-Reset"));
            if (r.statusCode() == 429) {
                limited++;
                assertEquals("RATE_LIMITED", r.path("error.code"));
                assertTrue(Integer.parseInt(r.header("Retry-After")) >= 1);
                assertEquals("0", r.header("X-RateLimit-Remaining"));
            } else {
                assertEquals(400, r.statusCode());
                admitted++;
            }
        }
        assertEquals(rpm, admitted, "exactly the per-minute limit is admitted across both gateways");
        assertEquals(2 * rpm + system.gatewayUrls.size() - rpm, limited, "every other request is limited");
    }

    @Test
    void testModeKeysAndValidation() throws Exception {
        Account a = signUp();
        String testKey = createKey(a, "{\"name\":\"ci\",\"mode\":\"test\"}").then().statusCode(201)
                .body("key", matchesPattern("sk_test_[0-9A-Za-z]{32,}")).body("mode", equalTo("test"))
                .body("rateLimitRpm", equalTo(60)).body("rateLimitRpd", equalTo(10000)).extract().path("key");
        everyGateway(testKey, s -> s == 400);
        String solveId = given().baseUri(system.gatewayUrl).header("x-api-key", testKey).contentType(ContentType.JSON)
                .body("{\"siteKey\":\"1x00000000000000000000AA\",\"pageUrl\":\"https://shop.example/\"}")
                .post("/api/solve/turnstile").then().statusCode(200)
                .body("solution.token", equalTo("XXXX.DUMMY.TOKEN.XXXX")).body("cost", equalTo(0)).extract().path("id");
        Instant deadline = Instant.now().plus(PROPAGATION);
        int status = 0;
        while (status != 200 && Instant.now().isBefore(deadline)) {
            status = given().baseUri(system.gatewayUrl).header("x-api-key", testKey).get("/api/solve/" + solveId)
                    .then().extract().statusCode();
            Thread.sleep(50);
        }
        given().baseUri(system.gatewayUrl).header("x-api-key", testKey).get("/api/solve/" + solveId).then()
                .statusCode(200).body("testMode", equalTo(true)).body("status", equalTo("solved")).body("cost", equalTo(0));
        createKey(a, "{\"name\":\"\",\"rateLimitRpm\":0,\"rateLimitRpd\":1000001,\"mode\":\"prod\"}").then().statusCode(400)
                .body("error.code", equalTo("VALIDATION_ERROR"))
                .body("error.details.field", containsInAnyOrder("mode", "name", "rateLimitRpd", "rateLimitRpm"));
        String id = createKey(a, "{\"name\":\"x\"}").path("id");
        as(a).body("{\"rateLimitRpm\":10001,\"name\":\"" + "n".repeat(65) + "\"}").patch("/api/keys/" + id).then()
                .statusCode(400).body("error.details.field", containsInAnyOrder("name", "rateLimitRpm"));
    }

    @Test
    void anotherAccountsKeyIsNotFoundOnEveryRoute() {
        Account owner = signUp();
        Account other = signUp();
        String id = createKey(owner, "{\"name\":\"mine\"}").path("id");
        as(other).body("{\"name\":\"stolen\"}").patch("/api/keys/" + id).then().statusCode(404).body("error.code",
                equalTo("NOT_FOUND"));
        as(other).body("{\"isActive\":false}").patch("/api/keys/" + id).then().statusCode(404);
        as(other).delete("/api/keys/" + id).then().statusCode(404);
        as(other).get("/api/keys").then().statusCode(200).body("id", not(hasItem(id)));
        for (String missing : List.of(UUID.randomUUID().toString(), "not-a-uuid")) {
            as(owner).body("{\"name\":\"x\"}").patch("/api/keys/" + missing).then().statusCode(404);
            as(owner).delete("/api/keys/" + missing).then().statusCode(404);
        }
        // The owner's key is untouched.
        as(owner).get("/api/keys").then().body("find { it.id == '" + id + "' }.name", equalTo("mine"))
                .body("find { it.id == '" + id + "' }.isActive", equalTo(true));
    }

    @Test
    void keysAreManagedFromASessionOnlyAndCappedPerAccount() throws InterruptedException {
        Account a = signUp();
        String key = createKey(a, "{\"name\":\"k0\"}").path("key");
        // Known to every gateway (keys travel through Kafka): then a key is refused on key management, not unknown.
        everyGateway(key, status -> status == 400);
        gw().header("x-api-key", key).get("/api/keys").then().statusCode(403).body("error.code", equalTo("FORBIDDEN"));
        gw().header("x-api-key", key).body("{\"name\":\"k\"}").post("/api/keys").then().statusCode(403);
        for (int i = 1; i < 25; i++) {
            createKey(a, "{\"name\":\"k" + i + "\"}").then().statusCode(201);
        }
        createKey(a, "{\"name\":\"one too many\"}").then().statusCode(409).body("error.code", equalTo("CONFLICT"));
        gw().header("x-api-key", key).queryParam("api_key", key).body("{}").post("/api/solve/turnstile").then()
                .statusCode(401);
    }
}
