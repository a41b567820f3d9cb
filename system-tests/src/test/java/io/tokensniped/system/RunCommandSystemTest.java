package io.tokensniped.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The foundation end to end, through real Kafka, PostgreSQL, Redis and Chromium: the run command starts everything,
 * the README's curl (a Turnstile solve with the demo key) returns a token the lab's verifier accepts, history knows
 * the solve, and stopping the launcher leaves no process behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(Integer.MAX_VALUE)
class RunCommandSystemTest {

    private static final String MILLIS_INSTANT = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";
    private static final String LAB_SITE_KEY = "0xLABpass00000000000000000000";
    private static final String LAB_SECRET = "lab-secret-0000000000000000000000";
    private static final Duration EVENTUALLY = Duration.ofSeconds(20);

    static RunningSystem system;
    static List<ProcessHandle> processTree;

    @BeforeAll
    static void start() throws Exception {
        system = SharedSystem.get();
    }

    @AfterAll
    static void stopIfStillRunning() throws Exception {
        if (system != null && system.launcher.isAlive()) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void healthShowsEveryServiceUp() {
        given().baseUri(system.gatewayUrl).get("/api/health").then()
                .statusCode(200)
                .body("status", equalTo("ok"))
                .body("services.gateway", equalTo("up")).body("services.keys", equalTo("up"))
                .body("services.solver", equalTo("up")).body("services.billing", equalTo("up"))
                .body("services.history", equalTo("up")).body("services.webhooks", equalTo("up"))
                .body("version", notNullValue());
    }

    @Test
    @Order(2)
    void readmeCurlSolvesTheLabTurnstileAndTheLabVerifiesTheToken() throws Exception {
        JsonPath solved = given().baseUri(system.gatewayUrl)
                .header("x-api-key", system.apiKey).contentType(ContentType.JSON)
                .body("{\"siteKey\":\"" + LAB_SITE_KEY + "\",\"pageUrl\":\"" + system.labUrl + "/turnstile/demo\"}")
                .post("/api/solve/turnstile").then()
                .statusCode(200)
                .header("X-Request-Id", notNullValue())
                .body("success", equalTo(true)).body("type", equalTo("turnstile")).body("status", equalTo("solved"))
                .body("cost", equalTo(1))
                .body("createdAt", matchesPattern(MILLIS_INSTANT)).body("completedAt", matchesPattern(MILLIS_INSTANT))
                .body("solution.userAgent", notNullValue())
                .extract().jsonPath();
        String token = solved.getString("solution.token");
        String id = solved.getString("id");

        // The site owner's check: the lab's siteverify accepts the token once, bound to the lab's host and key.
        JsonPath verdict = given().baseUri(system.labUrl).formParam("secret", LAB_SECRET).formParam("response", token)
                .formParam("sitekey", LAB_SITE_KEY).post("/turnstile/v0/siteverify").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(true, verdict.getBoolean("success"), verdict.prettify());
        assertEquals("127.0.0.1", verdict.getString("hostname"));
        given().baseUri(system.labUrl).formParam("secret", LAB_SECRET).formParam("response", token)
                .post("/turnstile/v0/siteverify").then().body("success", equalTo(false));

        // history-service has the solve, for the key's account, once the solve events are projected.
        JsonPath status = eventually(() -> given().baseUri(system.gatewayUrl).header("x-api-key", system.apiKey)
                .get("/api/solve/" + id).then().extract().jsonPath(), s -> "solved".equals(s.getString("status")));
        assertEquals(token, status.getString("solution.token"));
        assertEquals("turnstile", status.getString("type"));
        assertEquals(false, status.getBoolean("testMode"));
    }

    @Test
    @Order(3)
    void aPrivateAddressIsRefusedWithTheContractsError() {
        given().baseUri(system.gatewayUrl).header("x-api-key", system.apiKey).contentType(ContentType.JSON)
                .body("{\"siteKey\":\"" + LAB_SITE_KEY + "\",\"pageUrl\":\"http://169.254.169.254/latest/meta-data\"}")
                .post("/api/solve/turnstile").then()
                .statusCode(502)
                .body("success", equalTo(false)).body("error.code", equalTo("TARGET_NOT_ALLOWED")).body("cost", equalTo(0));
    }

    @Test
    @Order(4)
    void unknownKeyAndUnknownSolveGetTheContractsErrors() {
        given().baseUri(system.gatewayUrl).header("x-api-key", "sk_live_" + "x".repeat(40)).contentType(ContentType.JSON)
                .body("{}").post("/api/solve/turnstile").then()
                .statusCode(401).body("error.code", equalTo("UNAUTHORIZED")).body("requestId", notNullValue());
        given().baseUri(system.gatewayUrl).header("x-api-key", system.apiKey)
                .get("/api/solve/01a22450-0000-7000-8000-000000000000").then()
                .statusCode(404).body("error.code", equalTo("NOT_FOUND"));
    }

    @Test
    @Order(99)
    void stoppingTheLauncherLeavesNoProcessBehind() throws Exception {
        processTree = system.launcher.descendants().toList();
        List<String> commands = processTree.stream().map(p -> p.info().command().orElse("?")).toList();
        assertTrue(commands.stream().filter(c -> c.endsWith("java")).count() >= 5, "five service JVMs: " + commands);
        assertTrue(commands.stream().anyMatch(c -> c.contains("chromium")), "a Chromium: " + commands);

        system.close();

        List<ProcessHandle> alive = eventually(
                () -> processTree.stream().filter(ProcessHandle::isAlive).collect(Collectors.toList()), List::isEmpty);
        assertTrue(alive.isEmpty(), "left behind: " + alive);
        assertTrue(!system.launcher.isAlive());
    }

    private static <T> T eventually(java.util.function.Supplier<T> probe, java.util.function.Predicate<T> done)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(EVENTUALLY);
        T value = probe.get();
        while (!done.test(value) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            value = probe.get();
        }
        return value;
    }
}
