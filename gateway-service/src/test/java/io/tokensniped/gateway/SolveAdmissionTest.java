package io.tokensniped.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
import io.tokensniped.events.billing.BalanceChanged;
import io.tokensniped.events.keys.ApiKeyMode;
import io.tokensniped.events.solve.Solution;
import io.tokensniped.events.solve.SolveErrorCode;
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
@QuarkusTestResource(value = BillingStandIn.class, restrictToAnnotatedClass = true)
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
        account = UUID.randomUUID();
        String key = AnnouncedKeys.announce(kafka, json, account, mode, active, rpm, 10_000);
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
    SolveRequested submit(TestKafka.Tail requests, String siteKey, String extra,
            CompletableFuture<ExtractableResponse<Response>> answer)
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
            assertEquals(1L, BillingStandIn.HELD.get(job.solveId()), "the price was held before the job was queued");

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
                            SolveErrorCode.INTERACTIVE_CHALLENGE, "asks for a human", Instant.now(), 50)));
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
    void aBalanceThatCannotCoverThePriceIs402AndNothingIsQueued() throws Exception {
        BillingStandIn.BROKE.add(account);
        try (TestKafka.Tail requests = new TestKafka.Tail(kafka, Topics.SOLVE_REQUESTS)) {
            String siteKey = "broke-" + UUID.randomUUID();
            ExtractableResponse<Response> r = post(liveKey,
                    "{\"siteKey\":\"" + siteKey + "\",\"pageUrl\":\"https://shop.example/\"}");
            assertEquals(402, r.statusCode(), r.body().asString());
            assertEquals("INSUFFICIENT_CREDITS", r.path("error.code"));
            assertTrue(((String) r.path("error.message")).contains("costs 1 credits"), r.body().asString());
            assertTrue(r.header("X-Request-Id") != null && r.path("requestId") != null);
            // A later solve by a funded account is queued; the refused one never was.
            String funded = announceKey(true);
            post(funded, "{\"siteKey\":\"funded-" + siteKey + "\",\"pageUrl\":\"https://shop.example/\",\"timeout\":5}");
            assertTrue(requests.await(v -> v.contains("funded-" + siteKey), EVENTUALLY).isPresent());
            assertTrue(requests.all(v -> v.contains("\"" + siteKey + "\"")).isEmpty(), "the refused solve was queued");
        }
    }

    static ExtractableResponse<Response> post(String key, String route, String body, String idempotencyKey, boolean async) {
        var request = given().header("x-api-key", key).contentType(ContentType.JSON).body(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (async) {
            request.queryParam("async", "true");
        }
        return request.post("/api/solve/" + route).then().extract();
    }

    @Test
    void theSameIdempotencyKeyAndBodyGiveTheSameSolveHeldOnceAndAnotherBodyIs409() throws Exception {
        String idempotencyKey = "order-" + UUID.randomUUID();
        String siteKey = "idem-" + UUID.randomUUID();
        String body = "{\"siteKey\":\"" + siteKey + "\",\"pageUrl\":\"https://shop.example/\"}";
        try (TestKafka.Tail requests = new TestKafka.Tail(kafka, Topics.SOLVE_REQUESTS)) {
            ExtractableResponse<Response> first = post(liveKey, "turnstile", body, idempotencyKey, true);
            assertEquals(202, first.statusCode(), first.body().asString());
            String id = first.path("id");
            // Same fields, other whitespace and order: the same request.
            String reordered = "{ \"pageUrl\": \"https://shop.example/\", \"siteKey\": \"" + siteKey + "\" }";
            for (int i = 0; i < 3; i++) {
                ExtractableResponse<Response> again = post(liveKey, "turnstile", reordered, idempotencyKey, true);
                assertEquals(202, again.statusCode());
                assertEquals(id, again.path("id"));
            }
            ExtractableResponse<Response> other = post(liveKey, "turnstile",
                    body.replace("shop.example/", "shop.example/other"),
                    idempotencyKey, true);
            assertEquals(409, other.statusCode());
            assertEquals("CONFLICT", other.path("error.code"));
            // Keys belong to an account: another account's identical key is its own.
            String otherAccountKey = announceKey(true);
            assertTrue(!id.equals(post(otherAccountKey, "turnstile", body, idempotencyKey, true).path("id")));

            assertTrue(requests.await(v -> v.contains(id), EVENTUALLY).isPresent());
            assertEquals(1, requests.all(v -> v.contains(siteKey) && v.contains(id)).size());
            assertEquals(2, requests.all(v -> v.contains(siteKey)).size(), "one solve per account, no more");
            assertEquals(1L, BillingStandIn.HELD.get(UUID.fromString(id)));
        }
        assertEquals(400, post(liveKey, "turnstile", body, "x".repeat(256), true).statusCode());
    }

    @Test
    void aSyncReplayWaitsForTheSameOutcomeAsTheFirstRequest() throws Exception {
        String idempotencyKey = "retry-" + UUID.randomUUID();
        String siteKey = "replay-" + UUID.randomUUID();
        String body = "{\"siteKey\":\"" + siteKey + "\",\"pageUrl\":\"https://shop.example/\"}";
        try (TestKafka.Tail requests = new TestKafka.Tail(kafka, Topics.SOLVE_REQUESTS)) {
            CompletableFuture<ExtractableResponse<Response>> first = CompletableFuture.supplyAsync(
                    () -> post(liveKey, "turnstile", body, idempotencyKey, false));
            SolveRequested job = json.readValue(requests.await(v -> v.contains(siteKey), EVENTUALLY).orElseThrow().value(),
                    SolveRequested.class);
            CompletableFuture<ExtractableResponse<Response>> retry = CompletableFuture.supplyAsync(
                    () -> post(liveKey, "turnstile", body, idempotencyKey, false));
            // Once both requests wait on this instance, the solver answers once.
            Instant deadline = Instant.now().plus(EVENTUALLY);
            while (!waitingTwice(job.solveId())) {
                assertTrue(Instant.now().isBefore(deadline), "the retry never waited");
                Thread.sleep(20);
            }
            Instant done = Instant.now();
            TestKafka.publish(kafka, Topics.SOLVE_EVENTS, job.solveId().toString(), json.writeValueAsString(
                    new SolveSucceeded(UUID.randomUUID(), done, job.solveId(), account, job.type(),
                            new Solution.Turnstile("tok-once", "UA/1"), job.price(), done, 100)));
            for (CompletableFuture<ExtractableResponse<Response>> answer : java.util.List.of(first, retry)) {
                ExtractableResponse<Response> r = answer.get();
                assertEquals(200, r.statusCode(), r.body().asString());
                assertEquals(job.solveId().toString(), r.path("id"));
                assertEquals("tok-once", r.path("solution.token"));
            }
            assertEquals(1, requests.all(v -> v.contains(siteKey)).size(), "the retry queued nothing");
        }
    }

    @Inject
    io.tokensniped.gateway.solve.service.SolveOutcomes outcomes;

    boolean waitingTwice(UUID solveId) {
        return outcomes.waiters(solveId) == 2;
    }

    @Test
    void aRefusedSubmissionFreesItsIdempotencyKey() throws Exception {
        String idempotencyKey = "topup-then-retry-" + UUID.randomUUID();
        String body = "{\"siteKey\":\"retry-after-402\",\"pageUrl\":\"https://shop.example/\"}";
        BillingStandIn.BROKE.add(account);
        assertEquals(402, post(liveKey, "turnstile", body, idempotencyKey, true).statusCode());
        BillingStandIn.BROKE.remove(account);
        assertEquals(202, post(liveKey, "turnstile", body, idempotencyKey, true).statusCode());
    }

    @Test
    void geetestAndInterstitialAreValidatedAndSolvedInTestMode() throws Exception {
        given().header("x-api-key", liveKey).contentType(ContentType.JSON)
                .body("{\"captchaId\":\"not-hex\",\"pageUrl\":\"ftp://x\",\"timeout\":4}")
                .post("/api/solve/geetest").then().statusCode(400)
                .body("error.details.field", containsInAnyOrder("captchaId", "pageUrl", "timeout"));
        given().header("x-api-key", liveKey).contentType(ContentType.JSON)
                .body("{\"userAgent\":\"" + "u".repeat(513) + "\",\"proxy\":\"socks4://h:1\"}")
                .post("/api/solve/interstitial").then().statusCode(400)
                .body("error.details.field", containsInAnyOrder("proxy", "url", "userAgent"));

        String testKey = announceKey(true, 60, ApiKeyMode.TEST);
        ExtractableResponse<Response> geetest = post(testKey, "geetest",
                "{\"captchaId\":\"" + "1".repeat(32) + "\",\"pageUrl\":\"https://shop.example/\"}", null, false);
        assertEquals(200, geetest.statusCode(), geetest.body().asString());
        assertEquals("geetest", geetest.path("type"));
        assertEquals("1".repeat(32), geetest.path("solution.captchaId"));
        assertTrue(geetest.path("solution.lotNumber") != null && geetest.path("solution.captchaOutput") != null
                && geetest.path("solution.passToken") != null && geetest.path("solution.genTime") != null);
        assertEquals(0, (int) geetest.path("cost"));
        assertEquals("INTERACTIVE_CHALLENGE", post(testKey, "geetest",
                "{\"captchaId\":\"" + "3".repeat(32) + "\",\"pageUrl\":\"https://shop.example/\"}", null, false)
                .path("error.code"));

        ExtractableResponse<Response> interstitial = post(testKey, "interstitial",
                "{\"url\":\"https://pass.interstitial.test/account\",\"userAgent\":\"Mozilla/5.0 test\"}", null, false);
        assertEquals(200, interstitial.statusCode(), interstitial.body().asString());
        assertEquals("interstitial", interstitial.path("type"));
        assertEquals("ts_clearance", interstitial.path("solution.cookies[0].name"));
        assertEquals("pass.interstitial.test", interstitial.path("solution.cookies[0].domain"));
        assertEquals("https://pass.interstitial.test/account", interstitial.path("solution.finalUrl"));
        assertEquals(200, (int) interstitial.path("solution.statusCode"));
        assertEquals("Mozilla/5.0 test", interstitial.path("solution.userAgent"));
        ExtractableResponse<Response> failed = post(testKey, "interstitial", "{\"url\":\"https://fail.interstitial.test/\"}",
                null, false);
        assertEquals(502, failed.statusCode());
        assertEquals("CHALLENGE_NOT_FOUND", failed.path("error.code"));
    }

    @Test
    void admissionsRejectionsAndAdmissionLatencyAreExportedForPrometheus() throws Exception {
        String testKey = announceKey(true, 60, ApiKeyMode.TEST);
        post(testKey, "turnstile", "{\"siteKey\":\"1x00000000000000000000AA\",\"pageUrl\":\"https://shop.example/\"}", null,
                true);
        String broke = announceKey(true);
        BillingStandIn.BROKE.add(account);
        post(broke, "turnstile", "{\"siteKey\":\"metrics\",\"pageUrl\":\"https://shop.example/\"}", null, true);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(
                metrics.matches(
                        "(?s).*tokensniped_solve_admissions_total\\{[^}]*mode=\"test\"[^}]*type=\"turnstile\"[^}]*} [1-9].*"),
                metrics);
        assertTrue(metrics
                .matches("(?s).*tokensniped_solve_rejections_total\\{[^}]*reason=\"INSUFFICIENT_CREDITS\"[^}]*} [1-9].*"));
        assertTrue(
                metrics.matches("(?s).*tokensniped_solve_rejections_total\\{[^}]*reason=\"VALIDATION_ERROR\"[^}]*} [1-9].*"));
        assertTrue(metrics.matches("(?s).*tokensniped_solve_admission_seconds_bucket\\{[^}]*outcome=\"admitted\"[^}]*}.*"));
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
    void anAccountBeyondItsShareOfTheSolversIs429UntilOneOfItsSolvesEnds() throws Exception {
        // One solver of 4 contexts is running and an account may hold half of them: 2 live solves in flight.
        String body = "{\"siteKey\":\"share-" + UUID.randomUUID() + "\",\"pageUrl\":\"https://shop.example/\"}";
        try (TestKafka.Tail requests = new TestKafka.Tail(kafka, Topics.SOLVE_REQUESTS)) {
            List<String> admitted = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                admitted.add(
                        given().header("x-api-key", liveKey).header("Prefer", "respond-async").contentType(ContentType.JSON)
                                .body(body).post("/api/solve/turnstile").then().statusCode(202).extract().path("id"));
            }
            int held = BillingStandIn.HELD.size();
            ExtractableResponse<Response> refused = given().header("x-api-key", liveKey).header("Prefer", "respond-async")
                    .contentType(ContentType.JSON).body(body).post("/api/solve/turnstile").then().extract();
            assertEquals(429, refused.statusCode(), refused.body().asString());
            assertEquals("RATE_LIMITED", refused.path("error.code"));
            assertTrue(Integer.parseInt(refused.header("Retry-After")) >= 1);
            assertEquals(held, BillingStandIn.HELD.size(), "nothing was held for the refused solve");

            SolveRequested first = json.readValue(
                    requests.await(v -> v.contains(admitted.get(0)), EVENTUALLY).orElseThrow().value(),
                    SolveRequested.class);
            Instant done = Instant.now();
            TestKafka.publish(kafka, Topics.SOLVE_EVENTS, first.solveId().toString(),
                    json.writeValueAsString(new SolveSucceeded(
                            UUID.randomUUID(), done, first.solveId(), account, first.type(),
                            new Solution.Turnstile("tok", "UA/1"),
                            first.price(), done, 10)));
            Instant deadline = Instant.now().plus(EVENTUALLY);
            int status;
            while ((status = given().header("x-api-key", liveKey).header("Prefer", "respond-async")
                    .contentType(ContentType.JSON)
                    .body(body).post("/api/solve/turnstile").statusCode()) != 202) {
                assertEquals(429, status);
                assertTrue(Instant.now().isBefore(deadline), "the ended solve never freed its slot");
                Thread.sleep(50);
            }
        }
    }

    @Inject
    io.quarkus.redis.datasource.RedisDataSource redis;

    void announceBalance(UUID accountId, long available, UUID solveId) throws Exception {
        TestKafka.publish(kafka, Topics.BILLING_EVENTS, accountId.toString(), json.writeValueAsString(
                new BalanceChanged(UUID.randomUUID(), Instant.now(), accountId, available, 0, available,
                        solveId == null ? "daily_grant" : "hold_placed", solveId)));
    }

    ExtractableResponse<Response> submitAsync(String key, String siteKey) {
        return given().header("x-api-key", key).header("Prefer", "respond-async").contentType(ContentType.JSON)
                .body("{\"siteKey\":\"" + siteKey + "\",\"pageUrl\":\"https://shop.example/\"}")
                .post("/api/solve/turnstile").then().extract();
    }

    /**
     * Billing cannot answer (as while it restarts): a live solve is admitted if the balance billing last announced,
     * less the prices reserved since, covers it, and its SolveRequested says the hold is provisional; past that, and
     * for an account whose balance was never announced, 503 with Retry-After. An announcement that reflects a
     * reserved price clears it; once billing answers again, holds are billing's again.
     */
    @Test
    void whileBillingCannotAnswerALiveSolveIsAdmittedOnTheAnnouncedBalanceAndNoFurther() throws Exception {
        UUID accountId = account;
        announceBalance(accountId, 2, null);
        Instant deadline = Instant.now().plus(EVENTUALLY);
        while (redis.hash(String.class).hget("credit:{" + accountId + "}", "available") == null) {
            assertTrue(Instant.now().isBefore(deadline), "the announced balance never reached the gateway");
            Thread.sleep(50);
        }
        BillingStandIn.AWAY.add(accountId);
        try (TestKafka.Tail requests = new TestKafka.Tail(kafka, Topics.SOLVE_REQUESTS)) {
            String siteKey = "away-" + UUID.randomUUID();
            List<SolveRequested> admitted = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                ExtractableResponse<Response> r = submitAsync(liveKey, siteKey);
                assertEquals(202, r.statusCode(), r.body().asString());
                String id = r.path("id");
                admitted.add(json.readValue(requests.await(v -> v.contains(id), EVENTUALLY).orElseThrow().value(),
                        SolveRequested.class));
            }
            assertTrue(admitted.stream().allMatch(SolveRequested::provisionalHold), "the requests say billing must hold them");
            assertTrue(admitted.stream().noneMatch(r -> BillingStandIn.HELD.containsKey(r.solveId())));
            // Both end (freeing the account's slots); billing has announced neither, so both prices still count.
            for (SolveRequested job : admitted) {
                Instant done = Instant.now();
                TestKafka.publish(kafka, Topics.SOLVE_EVENTS, job.solveId().toString(), json.writeValueAsString(
                        new SolveFailed(UUID.randomUUID(), done, job.solveId(), accountId, job.type(),
                                SolveErrorCode.SOLVE_TIMEOUT, "ended", done, 10)));
            }
            ExtractableResponse<Response> refused;
            deadline = Instant.now().plus(EVENTUALLY);
            while ((refused = submitAsync(liveKey, siteKey)).statusCode() == 429) {
                assertTrue(Instant.now().isBefore(deadline), "the ended solves never freed their slots");
                Thread.sleep(50);
            }
            assertEquals(503, refused.statusCode(), refused.body().asString());
            assertEquals("SOLVER_UNAVAILABLE", refused.path("error.code"));
            assertTrue(refused.header("Retry-After") != null);

            // Billing announces the balance after holding the first: the first no longer counts apart, one more fits.
            announceBalance(accountId, 2, admitted.get(0).solveId());
            deadline = Instant.now().plus(EVENTUALLY);
            ExtractableResponse<Response> third;
            while ((third = submitAsync(liveKey, siteKey)).statusCode() != 202) {
                assertEquals(503, third.statusCode(), third.body().asString());
                assertTrue(Instant.now().isBefore(deadline), "the announcement never cleared the first reservation");
                Thread.sleep(50);
            }

            // An account whose balance billing never announced waits for billing.
            String unknown = announceKey(true);
            BillingStandIn.AWAY.add(account);
            ExtractableResponse<Response> waits = submitAsync(unknown, siteKey);
            assertEquals(503, waits.statusCode(), waits.body().asString());
            assertEquals("SOLVER_UNAVAILABLE", waits.path("error.code"));

            // Billing answers again: the hold is billing's again.
            BillingStandIn.AWAY.clear();
            ExtractableResponse<Response> held = submitAsync(unknown, siteKey);
            assertEquals(202, held.statusCode(), held.body().asString());
            String heldId = held.path("id");
            SolveRequested normal = json.readValue(requests.await(v -> v.contains(heldId), EVENTUALLY).orElseThrow()
                    .value(), SolveRequested.class);
            assertTrue(!normal.provisionalHold() && BillingStandIn.HELD.containsKey(normal.solveId()),
                    "with billing back, the hold is billing's again");
        } finally {
            BillingStandIn.AWAY.clear();
        }
    }

    @Test
    void testModeKeysGetDeterministicFreeAnswersWithoutASolver() throws Exception {
        String testKey = announceKey(true, 60, ApiKeyMode.TEST);
        try (TestKafka.Tail requests = new TestKafka.Tail(kafka, Topics.SOLVE_TEST_REQUESTS);
                TestKafka.Tail liveQueue = new TestKafka.Tail(kafka, Topics.SOLVE_REQUESTS)) {
            ExtractableResponse<Response> solved = post(testKey,
                    "{\"siteKey\":\"1x00000000000000000000AA\",\"pageUrl\":\"https://shop.example/\"}");
            assertEquals(200, solved.statusCode(), solved.body().asString());
            assertEquals("XXXX.DUMMY.TOKEN.XXXX", solved.path("solution.token"));
            assertEquals(0, (int) solved.path("cost"));
            String id = solved.path("id");
            String published = requests.await(v -> v.contains(id), EVENTUALLY).orElseThrow().value();
            assertTrue(published.contains("\"testMode\":true") && published.contains("\"price\":0"), published);
            // Published once, on test mode's own topic: the solvers' queue never holds it.
            assertTrue(liveQueue.await(v -> v.contains(id), Duration.ofSeconds(1)).isEmpty(),
                    "a test solve entered the live queue");
        }
        ExtractableResponse<Response> failed = post(testKey,
                "{\"siteKey\":\"2x00000000000000000000AB\",\"pageUrl\":\"https://shop.example/\"}");
        assertEquals(502, failed.statusCode());
        assertEquals("CHALLENGE_NOT_FOUND", failed.path("error.code"));
        ExtractableResponse<Response> human = post(testKey,
                "{\"siteKey\":\"3x00000000000000000000FF\",\"pageUrl\":\"https://shop.example/\"}");
        assertEquals(502, human.statusCode());
        assertEquals("INTERACTIVE_CHALLENGE", human.path("error.code"));
        ExtractableResponse<Response> never = post(testKey,
                "{\"siteKey\":\"5x00000000000000000000TO\",\"pageUrl\":\"https://shop.example/\",\"timeout\":5}");
        assertEquals(504, never.statusCode());
        assertEquals("SOLVE_TIMEOUT", never.path("error.code"));
    }

    @Test
    void aCallbackUrlIsRefusedAtAdmissionUnlessHttpsOnAPublicAddressAndTravelsToTheOutcome() throws Exception {
        String testKey = announceKey(true, 60, ApiKeyMode.TEST);
        for (String[] refused : List.of(new String[]{"https://127.0.0.1/hook", "loopback"},
                new String[]{"https://10.1.2.3/hook", "private"}, new String[]{"https://169.254.169.254/", "metadata"},
                new String[]{"https://[::1]:8443/", "loopback"}, new String[]{"http://93.184.215.14/hook", "https"},
                new String[]{"ftp://93.184.215.14/", "https"}, new String[]{"https://u:p@93.184.215.14/", "credentials"})) {
            given().header("x-api-key", testKey).contentType(ContentType.JSON)
                    .body("{\"siteKey\":\"1x00000000000000000000AA\",\"pageUrl\":\"https://shop.example/\",\"callbackUrl\":\""
                            + refused[0] + "\"}")
                    .post("/api/solve/turnstile").then().statusCode(400)
                    .body("error.code", equalTo("VALIDATION_ERROR"))
                    .body("error.details[0].field", equalTo("callbackUrl"))
                    .body("error.details[0].message", org.hamcrest.Matchers.containsString(refused[1]))
                    .body("requestId", notNullValue());
        }
        String callback = "https://93.184.215.14/tokensniped/solved?ref=7";
        try (TestKafka.Tail requests = new TestKafka.Tail(kafka, Topics.SOLVE_TEST_REQUESTS);
                TestKafka.Tail outcomes = new TestKafka.Tail(kafka, Topics.SOLVE_TEST_EVENTS)) {
            ExtractableResponse<Response> solved = given().header("x-api-key", testKey).contentType(ContentType.JSON)
                    .body("{\"captchaId\":\"11111111111111111111111111111111\",\"pageUrl\":\"https://shop.example/\","
                            + "\"callbackUrl\":\"" + callback + "\"}")
                    .post("/api/solve/geetest").then().extract();
            assertEquals(200, solved.statusCode(), solved.body().asString());
            String id = solved.path("id");
            SolveRequested published = json.readValue(requests.await(v -> v.contains(id), EVENTUALLY).orElseThrow().value(),
                    SolveRequested.class);
            assertEquals(callback, published.callbackUrl());
            SolveSucceeded outcome = (SolveSucceeded) json.readValue(outcomes.await(v -> v.contains(id), EVENTUALLY)
                    .orElseThrow().value(), io.tokensniped.events.solve.SolveEvent.class);
            assertEquals(callback, outcome.callbackUrl(), "the outcome carries it to webhooks-service");
        }
    }

    @Test
    void keyInTheQueryStringIsRefused() {
        given().header("x-api-key", liveKey).queryParam("api_key", liveKey).contentType(ContentType.JSON).body("{}")
                .post("/api/solve/turnstile").then().statusCode(401).body("error.code", equalTo("UNAUTHORIZED"));
        given().queryParam("key", "sk_live_x").get("/api/solve/" + UUID.randomUUID()).then().statusCode(401);
    }

    @Test
    void healthReportsTheServicesItCannotReachAndWhichPaymentProvidersAreNotConfigured() {
        // The gateway and billing's stand-in run in this test: the others are down, so the platform is degraded. An
        // unconfigured payment provider is reported as such, not as down.
        given().get("/api/health").then().statusCode(200)
                .body("status", equalTo("degraded"))
                .body("services.gateway", equalTo("up"))
                .body("services.billing", equalTo("up"))
                .body("services.solver", equalTo("down"))
                .body("payments.stripe", equalTo("up"))
                .body("payments.crypto", equalTo("not_configured"));
        given().get("/q/health/ready").then().statusCode(200);
    }
}
