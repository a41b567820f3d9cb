package io.tokensniped.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.tokensniped.events.Topics;
import io.tokensniped.events.keys.ApiKeyCreated;
import io.tokensniped.events.keys.ApiKeyHash;
import io.tokensniped.events.keys.ApiKeyMode;
import io.tokensniped.events.keys.ApiKeyState;
import io.tokensniped.events.solve.Solution;
import io.tokensniped.events.solve.SolveFailed;
import io.tokensniped.events.solve.SolveRequested;
import io.tokensniped.events.solve.SolveSucceeded;
import io.tokensniped.localstack.testing.LocalInfrastructureTestResource;
import io.tokensniped.localstack.testing.TestKafka;
import jakarta.inject.Inject;

/**
 * The gateway's solve path over real Kafka: keys learned from keys.api-keys, SolveRequested published, and the
 * outcome a solver publishes answered to the waiting request. The test plays keys-service and the solver by
 * publishing their events.
 */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureTestResource.class)
class SolveAdmissionTest {

    static final Duration EVENTUALLY = Duration.ofSeconds(20);

    @Inject
    ObjectMapper json;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    String liveKey;
    UUID account;

    String announceKey(boolean active) throws Exception {
        return announceKey(active, 60);
    }

    String announceKey(boolean active, int rpm) throws Exception {
        return announceKey(active, rpm, ApiKeyMode.LIVE);
    }

    String announceKey(boolean active, int rpm, ApiKeyMode mode) throws Exception {
        String key = mode.keyPrefix() + UUID.randomUUID().toString().replace("-", "") + "abcdefgh";
        UUID id = UUID.randomUUID();
        account = UUID.randomUUID();
        ApiKeyCreated created = new ApiKeyCreated(UUID.randomUUID(), Instant.now(), id, account, ApiKeyHash.of(key),
                new ApiKeyState(key.substring(0, 12), mode, active, rpm, 10_000));
        TestKafka.publish(kafka, Topics.API_KEYS, id.toString(), json.writeValueAsString(created));
        int expected = active ? 400 : 403;
        Instant deadline = Instant.now().plus(EVENTUALLY);
        while (post(key, "{}").statusCode() != expected) {
            assertTrue(Instant.now().isBefore(deadline), "the gateway never learned the key");
            Thread.sleep(50);
        }
        return key;
    }

    static ExtractableResponse<Response> post(String key, String body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (key != null) {
            request.header("x-api-key", key);
        }
        return request.post("/api/solve/turnstile").then().extract();
    }

    @Inject
    io.tokensniped.gateway.capacity.SolverCapacity capacity;

    @BeforeEach
    void key() throws Exception {
        SolverStandIn.ensure(kafka, capacity, true);
        liveKey = announceKey(true);
    }

    /** Submits a solve and returns the SolveRequested the gateway published for it. */
    SolveRequested submit(TestKafka.Tail requests, String siteKey, String extra, CompletableFuture<ExtractableResponse<Response>> answer)
            throws Exception {
        CompletableFuture.runAsync(() -> answer.complete(post(liveKey,
                "{\"siteKey\":\"" + siteKey + "\",\"pageUrl\":\"https://shop.example/login\"" + extra + "}")));
        String published = requests.await(v -> v.contains(siteKey), EVENTUALLY).orElseThrow().value();
        return json.readValue(published, SolveRequested.class);
    }

    @Test
    void solvedOutcomeIsTheSyncAnswer() throws Exception {
        try (TestKafka.Tail requests = new TestKafka.Tail(kafka, Topics.SOLVE_REQUESTS)) {
            CompletableFuture<ExtractableResponse<Response>> answer = new CompletableFuture<>();
            String siteKey = "ok-" + UUID.randomUUID();
            SolveRequested job = submit(requests, siteKey, ",\"action\":\"login\"", answer);
            assertEquals(account, job.accountId());
            assertEquals(1, job.price());
            assertEquals("login", job.target().action());
            assertTrue(job.deadline().isAfter(job.occurredAt().plusSeconds(59)), "default timeout is 60 s");

            Instant done = Instant.now();
            TestKafka.publish(kafka, Topics.SOLVE_EVENTS, job.solveId().toString(), json.writeValueAsString(
                    new SolveSucceeded(UUID.randomUUID(), done, job.solveId(), account, job.type(),
                            new Solution.Turnstile("tok-42", "UA/1"), job.price(), done, 321)));
            ExtractableResponse<Response> r = answer.get();
            assertEquals(200, r.statusCode(), r.body().asString());
            assertEquals(true, r.path("success"));
            assertEquals(job.solveId().toString(), r.path("id"));
            assertEquals("turnstile", r.path("type"));
            assertEquals("solved", r.path("status"));
            assertEquals("tok-42", r.path("solution.token"));
            assertEquals("UA/1", r.path("solution.userAgent"));
            assertEquals(1, (int) r.path("cost"));
            assertEquals(321, (int) r.path("elapsedMs"));
            assertTrue(((String) r.path("completedAt")).matches("\\d{4}-.*T.*\\.\\d{3}Z"));
        }
    }

    @Test
    void solverFailureIsTheContractsSolveError() throws Exception {
        try (TestKafka.Tail requests = new TestKafka.Tail(kafka, Topics.SOLVE_REQUESTS)) {
            CompletableFuture<ExtractableResponse<Response>> answer = new CompletableFuture<>();
            SolveRequested job = submit(requests, "human-" + UUID.randomUUID(), "", answer);
            TestKafka.publish(kafka, Topics.SOLVE_EVENTS, job.solveId().toString(), json.writeValueAsString(
                    new SolveFailed(UUID.randomUUID(), Instant.now(), job.solveId(), account, job.type(),
                            "INTERACTIVE_CHALLENGE", "asks for a human", Instant.now(), 50)));
            ExtractableResponse<Response> r = answer.get();
            assertEquals(502, r.statusCode());
            assertEquals(false, r.path("success"));
            assertEquals("failed", r.path("status"));
            assertEquals("INTERACTIVE_CHALLENGE", r.path("error.code"));
            assertEquals(0, (int) r.path("cost"));
        }
    }

    @Test
    void noOutcomeBeforeTheTimeoutIs504() throws Exception {
        try (TestKafka.Tail requests = new TestKafka.Tail(kafka, Topics.SOLVE_REQUESTS)) {
            CompletableFuture<ExtractableResponse<Response>> answer = new CompletableFuture<>();
            submit(requests, "silent-" + UUID.randomUUID(), ",\"timeout\":5", answer);
            ExtractableResponse<Response> r = answer.get();
            assertEquals(504, r.statusCode());
            assertEquals("SOLVE_TIMEOUT", r.path("error.code"));
        }
    }

    @Test
    void invalidFieldsAreListed() {
        given().header("x-api-key", liveKey).contentType(ContentType.JSON)
                .body("{\"siteKey\":\"\",\"pageUrl\":\"javascript:alert(1)\",\"proxy\":\"ftp://h:1\",\"timeout\":500,\"action\":\""
                        + "a".repeat(33) + "\"}")
                .post("/api/solve/turnstile").then().statusCode(400)
                .header("X-Request-Id", notNullValue())
                .body("error.code", equalTo("VALIDATION_ERROR"))
                .body("error.details.field", containsInAnyOrder("action", "pageUrl", "proxy", "siteKey", "timeout"))
                .body("requestId", notNullValue());
        given().header("x-api-key", liveKey).contentType(ContentType.JSON).body("{not json")
                .post("/api/solve/turnstile").then().statusCode(400).body("error.code", equalTo("VALIDATION_ERROR"));
    }

    @Test
    void credentialsAreCheckedBeforeAnythingElse() throws Exception {
        assertEquals(401, post(null, "{}").statusCode());
        given().contentType(ContentType.JSON).body("{}").post("/api/solve/turnstile").then().statusCode(401)
                .body("error.code", equalTo("UNAUTHORIZED"));
        assertEquals(401, post("sk_live_" + "z".repeat(40), "{}").statusCode());
        assertEquals(401, post("not-a-key", "{}").statusCode());
        given().header("Authorization", "Bearer " + liveKey).contentType(ContentType.JSON).body("{}")
                .post("/api/solve/turnstile").then().statusCode(400);
        String inactive = announceKey(false);
        ExtractableResponse<Response> forbidden = post(inactive, "{}");
        assertEquals(403, forbidden.statusCode());
        assertEquals("FORBIDDEN", forbidden.path("error.code"));
    }

    @Test
    void perKeyMinuteLimitAnswers429WithHeaders() throws Exception {
        String key = announceKey(true, 3); // the probe that saw the key known was the first metered request
        ExtractableResponse<Response> second = post(key, "{}");
        assertEquals(400, second.statusCode());
        assertEquals("3", second.header("X-RateLimit-Limit"));
        assertEquals("1", second.header("X-RateLimit-Remaining"));
        assertEquals(400, post(key, "{}").statusCode());
        ExtractableResponse<Response> limited = post(key, "{}");
        assertEquals(429, limited.statusCode());
        assertEquals("RATE_LIMITED", limited.path("error.code"));
        assertEquals("0", limited.header("X-RateLimit-Remaining"));
        assertTrue(Integer.parseInt(limited.header("Retry-After")) >= 1, limited.header("Retry-After"));
        assertTrue(Integer.parseInt(limited.header("X-RateLimit-Reset")) >= 1);
        // Another key has its own budget.
        assertEquals(400, post(liveKey, "{}").statusCode());
    }

    @Test
    void asyncAnswers202WithTheSolvesUrlsAndStillPublishesIt() throws Exception {
        try (TestKafka.Tail requests = new TestKafka.Tail(kafka, Topics.SOLVE_REQUESTS)) {
            String siteKey = "async-" + UUID.randomUUID();
            String body = "{\"siteKey\":\"" + siteKey + "\",\"pageUrl\":\"https://shop.example/\"}";
            ExtractableResponse<Response> byQuery = given().header("x-api-key", liveKey).contentType(ContentType.JSON)
                    .body(body).queryParam("async", "true").post("/api/solve/turnstile").then().extract();
            assertEquals(202, byQuery.statusCode(), byQuery.body().asString());
            String id = byQuery.path("id");
            assertEquals("pending", byQuery.path("status"));
            assertEquals("/api/solve/" + id, byQuery.path("statusUrl"));
            assertEquals("/api/solve/" + id + "/stream", byQuery.path("streamUrl"));
            assertEquals("/api/solve/" + id, byQuery.header("Location"));
            assertTrue(requests.await(v -> v.contains(id), EVENTUALLY).isPresent(), "the async solve was published");

            given().header("x-api-key", liveKey).header("Prefer", "respond-async").contentType(ContentType.JSON).body(body)
                    .post("/api/solve/turnstile").then().statusCode(202).header("Preference-Applied", "respond-async");
        }
    }

    @Test
    void testModeKeysGetDeterministicFreeAnswersWithoutASolver() throws Exception {
        String testKey = announceKey(true, 60, ApiKeyMode.TEST);
        try (TestKafka.Tail requests = new TestKafka.Tail(kafka, Topics.SOLVE_REQUESTS)) {
            ExtractableResponse<Response> solved = post(testKey, "{\"siteKey\":\"1x00000000000000000000AA\",\"pageUrl\":\"https://shop.example/\"}");
            assertEquals(200, solved.statusCode(), solved.body().asString());
            assertEquals("XXXX.DUMMY.TOKEN.XXXX", solved.path("solution.token"));
            assertEquals(0, (int) solved.path("cost"));
            String published = requests.await(v -> v.contains((String) solved.path("id")), EVENTUALLY).orElseThrow().value();
            assertTrue(published.contains("\"testMode\":true") && published.contains("\"price\":0"), published);
        }
        ExtractableResponse<Response> failed = post(testKey, "{\"siteKey\":\"2x00000000000000000000AB\",\"pageUrl\":\"https://shop.example/\"}");
        assertEquals(502, failed.statusCode());
        assertEquals("CHALLENGE_NOT_FOUND", failed.path("error.code"));
        ExtractableResponse<Response> human = post(testKey, "{\"siteKey\":\"3x00000000000000000000FF\",\"pageUrl\":\"https://shop.example/\"}");
        assertEquals(502, human.statusCode());
        assertEquals("INTERACTIVE_CHALLENGE", human.path("error.code"));
        ExtractableResponse<Response> never = post(testKey,
                "{\"siteKey\":\"5x00000000000000000000TO\",\"pageUrl\":\"https://shop.example/\",\"timeout\":5}");
        assertEquals(504, never.statusCode());
        assertEquals("SOLVE_TIMEOUT", never.path("error.code"));
    }

    @Test
    void keyInTheQueryStringIsRefused() {
        given().header("x-api-key", liveKey).queryParam("api_key", liveKey).contentType(ContentType.JSON).body("{}")
                .post("/api/solve/turnstile").then().statusCode(401).body("error.code", equalTo("UNAUTHORIZED"));
        given().queryParam("key", "sk_live_x").get("/api/solve/" + UUID.randomUUID()).then().statusCode(401);
    }

    @Test
    void healthReportsTheServicesItCannotReach() {
        // Only the gateway runs in this test: it is up, the others are down, so the platform is degraded.
        given().get("/api/health").then().statusCode(200)
                .body("status", equalTo("degraded"))
                .body("services.gateway", equalTo("up"))
                .body("services.solver", equalTo("down"));
        given().get("/q/health/ready").then().statusCode(200);
    }
}
