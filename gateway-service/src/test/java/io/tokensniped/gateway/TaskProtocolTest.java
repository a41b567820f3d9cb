package io.tokensniped.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.tokensniped.events.Topics;
import io.tokensniped.events.keys.ApiKeyMode;
import io.tokensniped.events.solve.SolveRequested;
import io.tokensniped.events.solve.SolveType;
import io.tokensniped.gateway.capacity.SolverCapacity;
import io.tokensniped.localstack.testing.LocalInfrastructureTestResource;
import io.tokensniped.localstack.testing.TestKafka;
import jakarta.inject.Inject;

/**
 * createTask / getTaskResult / getBalance over the real gateway, Kafka and Redis: every answer is HTTP 200 with the
 * protocol's errorId/errorCode; a task is admitted like a native async solve (published, held, test mode on its own
 * topic); results and balances come from history and billing (stand-ins here, the real ones in TaskProtocolSystemTest).
 */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureTestResource.class)
@QuarkusTestResource(value = ProtocolServicesStandIn.class, restrictToAnnotatedClass = true)
class TaskProtocolTest {

    static final Duration EVENTUALLY = Duration.ofSeconds(20);
    static final String PAGE = "https://shop.example/login";

    @Inject
    ObjectMapper json;
    @Inject
    SolverCapacity capacity;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    UUID account;
    String liveKey;

    @BeforeEach
    void key() throws Exception {
        SolverStandIn.ensure(kafka, capacity, true);
        account = UUID.randomUUID();
        liveKey = announce(account, ApiKeyMode.LIVE, 600);
    }

    String announce(UUID owner, ApiKeyMode mode, int rpm) throws Exception {
        String key = AnnouncedKeys.announce(kafka, json, owner, mode, true, rpm, 100_000);
        Instant deadline = Instant.now().plus(EVENTUALLY);
        while ("ERROR_KEY_DOES_NOT_EXIST".equals(call("getBalance", Map.of("clientKey", key)).path("errorCode"))) {
            assertTrue(Instant.now().isBefore(deadline), "the gateway never learned the key");
            Thread.sleep(50);
        }
        return key;
    }

    /** A live key of a new account: each account may have only its share of the solvers in flight (2 here). */
    Map.Entry<UUID, String> freshAccount() throws Exception {
        UUID owner = UUID.randomUUID();
        return Map.entry(owner, announce(owner, ApiKeyMode.LIVE, 600));
    }

    ExtractableResponse<Response> call(String method, Object body) {
        try {
            return call(method, json.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ExtractableResponse<Response> call(String method, String body) {
        ExtractableResponse<Response> r = given().contentType("application/json; charset=utf-8").body(body).post("/" + method)
                .then().extract();
        assertEquals(200, r.statusCode(), "every protocol answer is HTTP 200: " + r.body().asString());
        return r;
    }

    static void assertError(String code, ExtractableResponse<Response> r) {
        assertEquals(1, (int) r.path("errorId"), r.body().asString());
        assertEquals(code, r.path("errorCode"), r.body().asString());
        assertNotNull(r.path("errorDescription"));
    }

    ExtractableResponse<Response> createTask(String key, Map<String, Object> task) {
        return call("createTask", Map.of("clientKey", key, "task", task));
    }

    void historyKnows(UUID owner, UUID solveId, String statusResponse) {
        ProtocolServicesStandIn.SOLVES.put(solveId, Map.entry(owner, statusResponse));
    }

    @Test
    void aTurnstileTaskIsAdmittedLikeANativeSolveAndItsResultIsShapedForTheClient() throws Exception {
        try (TestKafka.Tail requests = new TestKafka.Tail(kafka, Topics.SOLVE_REQUESTS)) {
            String siteKey = "0xAA-" + UUID.randomUUID();
            ExtractableResponse<Response> created = createTask(liveKey, Map.of("type", "TurnstileTaskProxyless",
                    "websiteURL", PAGE, "websiteKey", siteKey, "action", "login", "cData", "c-42"));
            assertEquals(0, (int) created.path("errorId"), created.body().asString());
            long taskId = ((Number) created.<Object>path("taskId")).longValue();
            assertTrue(taskId > 0, "a number, as the official client's `while (taskId > 0)` needs");
            UUID solveId = UUID.fromString(created.path("solveId"));
            assertNotNull(created.header("X-RateLimit-Remaining"), "metered like any API-key request");

            SolveRequested job = json.readValue(requests.await(v -> v.contains(siteKey), EVENTUALLY).orElseThrow().value(),
                    SolveRequested.class);
            assertEquals(solveId, job.solveId());
            assertEquals(SolveType.TURNSTILE, job.type());
            assertEquals("login", job.target().action());
            assertEquals("c-42", job.target().cdata());
            assertEquals(job.price(), ProtocolServicesStandIn.HELD.get(solveId), "the price is held, as for a native solve");

            // History learns of the solve a moment later: until then the task is processing, not unknown.
            ExtractableResponse<Response> early = call("getTaskResult", Map.of("clientKey", liveKey, "taskId", taskId));
            assertEquals(0, (int) early.path("errorId"));
            assertEquals("processing", early.path("status"));

            historyKnows(account, solveId, """
                    {"id":"%s","type":"turnstile","status":"solved","testMode":false,"createdAt":"2026-12-03T10:00:00.000Z",
                     "completedAt":"2026-12-03T10:00:04.000Z","elapsedMs":4000,"cost":1,
                     "solution":{"token":"tok-42","userAgent":"UA/1"}}""".formatted(solveId));
            ExtractableResponse<Response> ready = call("getTaskResult", Map.of("clientKey", liveKey, "taskId", taskId));
            assertEquals("ready", ready.path("status"), ready.body().asString());
            assertEquals("tok-42", ready.path("solution.token"));
            assertEquals("UA/1", ready.path("solution.userAgent"));
            assertEquals("1", ready.path("cost"));
            assertEquals(1, (int) ready.path("solveCount"));
            assertEquals(Instant.parse("2026-12-03T10:00:00Z").getEpochSecond(),
                    ((Number) ready.path("createTime")).longValue());
            assertEquals(Instant.parse("2026-12-03T10:00:04Z").getEpochSecond(), ((Number) ready.path("endTime")).longValue());
            assertNotNull(ready.path("ip"));
            // The solve's own id (as history and streams show it) reads the same result.
            assertEquals("tok-42", call("getTaskResult", Map.of("clientKey", liveKey, "taskId", solveId.toString()))
                    .path("solution.token"));
            // Another account's task is no task at all.
            String stranger = announce(UUID.randomUUID(), ApiKeyMode.LIVE, 600);
            assertError("ERROR_NO_SUCH_CAPCHA_ID", call("getTaskResult", Map.of("clientKey", stranger, "taskId", taskId)));
            assertError("ERROR_NO_SUCH_CAPCHA_ID",
                    call("getTaskResult", Map.of("clientKey", stranger, "taskId", solveId.toString())));
        }
    }

    @Test
    void geetestAndCloudflareTasksAnswerInTheirProvidersShapes() throws Exception {
        try (TestKafka.Tail requests = new TestKafka.Tail(kafka, Topics.SOLVE_REQUESTS)) {
            String captchaId = "0123456789abcdef0123456789abcdef";
            ExtractableResponse<Response> geetest = createTask(liveKey, Map.of("type", "GeeTestTaskProxyless",
                    "websiteURL", PAGE + "?g=" + UUID.randomUUID(), "gt", captchaId, "version", 4));
            UUID geetestId = UUID.fromString(geetest.path("solveId"));
            requests.await(v -> v.contains(geetestId.toString()), EVENTUALLY).orElseThrow();
            historyKnows(account, geetestId, """
                    {"id":"%s","type":"geetest","status":"solved","createdAt":"2026-12-03T10:00:00.000Z",
                     "completedAt":"2026-12-03T10:00:02.000Z","cost":1,"solution":{"captchaId":"%s","lotNumber":"lot",
                     "captchaOutput":"out","passToken":"pass","genTime":"1733220000"}}""".formatted(geetestId, captchaId));
            ExtractableResponse<Response> g = call("getTaskResult",
                    Map.of("clientKey", liveKey, "taskId", geetest.<Object>path("taskId")));
            assertEquals(captchaId, g.path("solution.captcha_id"));
            assertEquals("lot", g.path("solution.lot_number"));
            assertEquals("pass", g.path("solution.pass_token"));
            assertEquals("1733220000", g.path("solution.gen_time"));
            assertEquals("out", g.path("solution.captcha_output"));

            String cookies = """
                    {"id":"%s","type":"interstitial","status":"solved","createdAt":"2026-12-03T10:00:00.000Z",
                     "completedAt":"2026-12-03T10:00:02.000Z","cost":2,"solution":{"cookies":[{"name":"cf_clearance",
                     "value":"clear-1","domain":"shop.example","path":"/"},{"name":"other","value":"o"}],"userAgent":"UA/2",
                     "finalUrl":"https://shop.example/","statusCode":200}}""";
            Map.Entry<UUID, String> second = freshAccount();
            ExtractableResponse<Response> capsolver = createTask(second.getValue(), Map.of("type", "AntiCloudflareTask",
                    "websiteURL", "https://shop.example/" + UUID.randomUUID(), "proxy", "socks5:198.51.100.7:1080:u:p"));
            UUID capsolverId = UUID.fromString(capsolver.path("solveId"));
            SolveRequested interstitial = json.readValue(requests.await(v -> v.contains(capsolverId.toString()), EVENTUALLY)
                    .orElseThrow().value(), SolveRequested.class);
            assertEquals(SolveType.INTERSTITIAL, interstitial.type());
            assertEquals("socks5://u:p@198.51.100.7:1080", interstitial.proxy(), "CapSolver's proxy string, as our proxy URL");
            historyKnows(second.getKey(), capsolverId, cookies.formatted(capsolverId));
            ExtractableResponse<Response> c = call("getTaskResult", Map.of("clientKey", second.getValue(), "taskId",
                    capsolver.<Object>path("taskId")));
            assertEquals("clear-1", c.path("solution.cookies.cf_clearance"));
            assertEquals("UA/2", c.path("solution.userAgent"));

            Map.Entry<UUID, String> third = freshAccount();
            ExtractableResponse<Response> capmonster = createTask(third.getValue(), Map.of("type", "TurnstileTask",
                    "cloudflareTaskType", "cf_clearance", "websiteURL", "https://shop.example/" + UUID.randomUUID(),
                    "websiteKey", "0x4AAAA", "proxyType", "http", "proxyAddress", "198.51.100.8", "proxyPort", 8080));
            UUID capmonsterId = UUID.fromString(capmonster.path("solveId"));
            SolveRequested clearance = json.readValue(requests.await(v -> v.contains(capmonsterId.toString()), EVENTUALLY)
                    .orElseThrow().value(), SolveRequested.class);
            assertEquals(SolveType.INTERSTITIAL, clearance.type());
            assertEquals("http://198.51.100.8:8080", clearance.proxy());
            historyKnows(third.getKey(), capmonsterId, cookies.formatted(capmonsterId));
            ExtractableResponse<Response> m = call("getTaskResult", Map.of("clientKey", third.getValue(), "taskId",
                    capmonster.<Object>path("taskId")));
            assertEquals("clear-1", m.path("solution.cf_clearance"));
        }
    }

    @Test
    void aFailedSolveIsAnErrorOnGetTaskResultWithTheMappedCode() throws Exception {
        for (Map.Entry<String, String> failure : Map.of("INTERACTIVE_CHALLENGE", "ERROR_CAPTCHA_UNSOLVABLE",
                "SOLVE_TIMEOUT", "ERROR_CAPTCHA_UNSOLVABLE", "PROXY_FAILED", "ERROR_PROXY_CONNECT_REFUSED",
                "TARGET_NOT_ALLOWED", "TOKENSNIPED_TARGET_NOT_ALLOWED", "CHALLENGE_NOT_FOUND",
                "TOKENSNIPED_CHALLENGE_NOT_FOUND")
                .entrySet()) {
            Map.Entry<UUID, String> owner = freshAccount();
            ExtractableResponse<Response> created = createTask(owner.getValue(), Map.of("type", "TurnstileTaskProxyless",
                    "websiteURL", PAGE, "websiteKey", "0xAA-" + UUID.randomUUID()));
            UUID solveId = UUID.fromString(created.path("solveId"));
            historyKnows(owner.getKey(), solveId, """
                    {"id":"%s","type":"turnstile","status":"failed","createdAt":"2026-12-03T10:00:00.000Z",
                     "completedAt":"2026-12-03T10:00:04.000Z","cost":0,"error":{"code":"%s","message":"it failed"}}"""
                    .formatted(solveId, failure.getKey()));
            assertError(failure.getValue(), call("getTaskResult", Map.of("clientKey", owner.getValue(), "taskId",
                    created.<Object>path("taskId"))));
        }
    }

    @Test
    void refusalsAreHttp200WithTheProtocolsCodes() throws Exception {
        Map<String, Object> turnstile = Map.of("type", "TurnstileTaskProxyless", "websiteURL", PAGE, "websiteKey", "0xAA");
        assertError("ERROR_KEY_DOES_NOT_EXIST", createTask("sk_live_" + "x".repeat(40), turnstile));
        assertError("ERROR_KEY_DOES_NOT_EXIST", call("getBalance", Map.of("clientKey", "not-a-key")));
        assertError("ERROR_KEY_DOES_NOT_EXIST", call("getTaskResult", "{}"));
        assertError("TOKENSNIPED_VALIDATION_ERROR", call("createTask", "{not json"));
        assertError("ERROR_TASK_ABSENT", call("createTask", Map.of("clientKey", liveKey)));
        assertError("ERROR_TASK_NOT_SUPPORTED", createTask(liveKey, Map.of("type", "RecaptchaV2TaskProxyless",
                "websiteURL", PAGE, "websiteKey", "k")));
        assertError("ERROR_TASK_NOT_SUPPORTED", createTask(liveKey, Map.of("type", "GeeTestTaskProxyless", "websiteURL", PAGE,
                "gt", "0123456789abcdef0123456789abcdef", "challenge", "v3-challenge")));
        ExtractableResponse<Response> invalid = createTask(liveKey, Map.of("type", "TurnstileTaskProxyless",
                "websiteURL", "ftp://shop.example", "websiteKey", "0xAA"));
        assertError("TOKENSNIPED_VALIDATION_ERROR", invalid);
        assertTrue(invalid.<String>path("errorDescription").contains("websiteURL"), "named as the client calls it");
        assertError("TOKENSNIPED_PROXY_TYPE_NOT_SUPPORTED", createTask(liveKey, Map.of("type", "TurnstileTask",
                "websiteURL", PAGE, "websiteKey", "0xAA", "proxyType", "socks4", "proxyAddress", "198.51.100.7", "proxyPort",
                1080)));
        assertError("TOKENSNIPED_VALIDATION_ERROR", call("createTask", Map.of("clientKey", liveKey, "task", turnstile,
                "callbackUrl", "not a url")));
        // The native per-solve callback's rule: a loopback receiver is refused before anything is queued.
        assertError("TOKENSNIPED_VALIDATION_ERROR", call("createTask", Map.of("clientKey", liveKey, "task", turnstile,
                "callbackUrl", "https://127.0.0.1/hook")));
        assertError("ERROR_NO_SUCH_CAPCHA_ID", call("getTaskResult", Map.of("clientKey", liveKey, "taskId", 999_999_999_999L)));
        assertError("ERROR_NO_SUCH_CAPCHA_ID", call("getTaskResult", Map.of("clientKey", liveKey, "taskId", "no-such-task")));
        assertError("ERROR_NO_SUCH_CAPCHA_ID", call("getTaskResult", Map.of("clientKey", liveKey, "taskId",
                UUID.randomUUID().toString())));

        ProtocolServicesStandIn.BROKE.add(account);
        assertError("ERROR_ZERO_BALANCE", createTask(liveKey, turnstile));
    }

    @Test
    void theKeysRateLimitIsErrorTooMuchRequests() throws Exception {
        String slow = announce(UUID.randomUUID(), ApiKeyMode.LIVE, 3);
        ExtractableResponse<Response> last = null;
        for (int i = 0; i < 5; i++) {
            last = call("getBalance", Map.of("clientKey", slow));
        }
        assertError("ERROR_TOO_MUCH_REQUESTS", last);
    }

    @Test
    void getBalanceReadsTheAccountsCredits() {
        ProtocolServicesStandIn.CREDITS.put(account, 37L);
        ExtractableResponse<Response> r = call("getBalance", Map.of("clientKey", liveKey));
        assertEquals(0, (int) r.path("errorId"));
        assertEquals(37, (int) r.path("balance"));
        assertNull(r.path("errorCode"));
    }

    @Test
    void aTestKeysTaskGoesToTheTestTopicFreeOfCharge() throws Exception {
        String testKey = announce(UUID.randomUUID(), ApiKeyMode.TEST, 600);
        try (TestKafka.Tail requests = new TestKafka.Tail(kafka, Topics.SOLVE_TEST_REQUESTS)) {
            ExtractableResponse<Response> created = createTask(testKey, Map.of("type", "AntiTurnstileTaskProxyLess",
                    "websiteURL", PAGE, "websiteKey", "1x00000000000000000000AA", "metadata", Map.of("action", "a1")));
            assertEquals(0, (int) created.path("errorId"), created.body().asString());
            String solveId = created.path("solveId");
            SolveRequested job = json.readValue(requests.await(v -> v.contains(solveId), EVENTUALLY).orElseThrow().value(),
                    SolveRequested.class);
            assertTrue(job.testMode());
            assertEquals(0, job.price());
            assertEquals("a1", job.target().action());
            assertNull(ProtocolServicesStandIn.HELD.get(job.solveId()), "test solves hold nothing");
        }
    }

    @Test
    void theRoutesAreInTheOpenApiDocument() throws Exception {
        String document = given().get("/q/openapi").then().statusCode(200).extract().asString();
        for (String route : new String[]{"/createTask:", "/getTaskResult:", "/getBalance:", "CreateTaskRequest",
                "ProtocolErrorAnswer"}) {
            assertTrue(document.contains(route), route);
        }
        // Kept for linting with docs/tools (redocly), as DocsSystemTest lints the whole running system's document.
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "openapi-task-protocol.yaml"), document);
    }
}
