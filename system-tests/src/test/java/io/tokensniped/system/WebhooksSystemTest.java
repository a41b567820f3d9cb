package io.tokensniped.system;

import static io.tokensniped.system.Customers.gw;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.tokensniped.localstack.testing.WebhookReceiver;
import io.tokensniped.system.Customers.Customer;

/**
 * Outbound webhooks through the running system, as a customer uses them: an endpoint made with a session through the
 * gateway, a solve through the public API, and a receiver that verifies every delivery with the npm
 * {@code standardwebhooks} library (on the loopback origin the run allows through TS_WEBHOOK_RECEIVERS). Test-mode
 * solves: no browser, so the timing measured is the platform's, not Chromium's.
 */
@Order(3)
class WebhooksSystemTest {

    static final Duration EVENTUALLY = Duration.ofSeconds(20);
    static final String PASS = "1x00000000000000000000AA";
    static final String FAIL = "2x00000000000000000000AB";

    static RunningSystem system;
    static WebhookReceiver receiver;

    @BeforeAll
    static void start() throws Exception {
        system = SharedSystem.get();
        receiver = SharedSystem.webhookReceiver();
    }

    static String session(Customer customer) {
        return "Bearer " + customer.token();
    }

    /** Creates an endpoint for the named receiver through the gateway and hands the receiver the secret shown once. */
    static String endpoint(Customer customer, String name, String... types) throws Exception {
        ExtractableResponse<Response> created = gw(system.gatewayUrl).header("Authorization", session(customer))
                .body("{\"url\":\"" + receiver.hook(name) + "\",\"eventTypes\":[\"" + String.join("\",\"", types) + "\"]}")
                .post("/api/webhooks").then().statusCode(201).extract();
        String secret = created.path("secret");
        assertTrue(secret.startsWith("whsec_"), secret);
        receiver.configure(name, List.of(secret), 0);
        return created.path("id");
    }

    static JsonPath received(String name) throws Exception {
        return JsonPath.from(receiver.received(name));
    }

    static ExtractableResponse<Response> solve(Customer customer, String siteKey, String extra) {
        return gw(system.gatewayUrl).header("x-api-key", customer.apiKey())
                .body("{\"siteKey\":\"" + siteKey + "\",\"pageUrl\":\"https://shop.example/login\"" + extra + "}")
                .post("/api/solve/turnstile").then().extract();
    }

    static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(EVENTUALLY);
        while (!condition.get()) {
            assertTrue(Instant.now().isBefore(deadline), "timed out waiting for " + what);
            Thread.sleep(20);
        }
    }

    static int verified(String name) {
        try {
            return received(name).getList("received").size();
        } catch (Exception e) {
            return -1;
        }
    }

    /** Milliseconds from the solve's end (the answer's completedAt) to the verified delivery of its solve.succeeded. */
    static long latency(String name, ExtractableResponse<Response> solved) throws Exception {
        String id = solved.path("id");
        await("solve.succeeded for " + id + " verified", () -> {
            try {
                return received(name).getList("received.data.solveId").contains(id);
            } catch (Exception e) {
                return false;
            }
        });
        JsonPath got = received(name);
        int index = got.getList("received.data.solveId").indexOf(id);
        assertEquals("solve.succeeded", got.getString("received[" + index + "].type"));
        assertEquals("solved", got.getString("received[" + index + "].data.status"));
        assertEquals(true, got.getBoolean("received[" + index + "].data.testMode"));
        return got.getLong("received[" + index + "].at") - Instant.parse(solved.path("completedAt")).toEpochMilli();
    }

    @Test
    void anEndpointMadeWithASessionGetsSolveSucceededVerifiedWithinOneSecondOfTheSolvesEnd() throws Exception {
        Customer customer = Customers.withTestKey(system, "webhooks");
        String name = "solves-" + UUID.randomUUID();
        String endpointId = endpoint(customer, name, "solve.succeeded");

        // The first delivery of a fresh run pays for first use (class loading, JIT, the first connection): printed,
        // not held to the bound, which is about the system once it runs.
        ExtractableResponse<Response> warmUp = solve(customer, PASS, "");
        assertEquals(200, warmUp.statusCode(), warmUp.body().asString());
        long warmUpLatency = latency(name, warmUp);
        List<Long> latencies = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ExtractableResponse<Response> solved = solve(customer, PASS, "");
            assertEquals(200, solved.statusCode(), solved.body().asString());
            latencies.add(latency(name, solved));
        }
        System.out.printf("webhook through the running system, solve end -> verified at the receiver: first of the run "
                + "%d ms, then %s ms%n", warmUpLatency, latencies);
        assertTrue(latencies.stream().allMatch(ms -> ms < 1000), "delivered " + latencies + " ms after the solves ended");

        // A failed solve is not what this endpoint asked for: nothing more arrives, and the log shows four deliveries.
        assertEquals(502, solve(customer, FAIL, "").statusCode());
        JsonPath log = JsonPath.from(gw(system.gatewayUrl).header("Authorization", session(customer))
                .get("/api/webhooks/" + endpointId + "/deliveries").then().statusCode(200).extract().asString());
        assertEquals(List.of("delivered", "delivered", "delivered", "delivered"), log.getList("status"));
        assertEquals(List.of(List.of(200), List.of(200), List.of(200), List.of(200)), log.getList("attemptLog.responseCode"));
        assertEquals(4, verified(name));
        // Only the owner's session manages endpoints: an API key may not (403), another account does not see it.
        gw(system.gatewayUrl).header("x-api-key", customer.apiKey()).get("/api/webhooks").then().statusCode(403);
        Customer other = Customers.withTestKey(system, "webhooks-other");
        gw(system.gatewayUrl).header("Authorization", session(other)).get("/api/webhooks/" + endpointId).then()
                .statusCode(404);
    }

    @Test
    void aSolvesCallbackUrlGetsItsOutcomeSignedWithTheAccountsCallbackSecret() throws Exception {
        Customer customer = Customers.withTestKey(system, "callbacks");
        String secret = gw(system.gatewayUrl).header("Authorization", session(customer))
                .get("/api/webhooks/callbacks/secret").then().statusCode(200).extract().path("secret");
        String name = "callback-" + UUID.randomUUID();
        receiver.configure(name, List.of(secret), 0);

        ExtractableResponse<Response> solved = solve(customer, PASS, ",\"callbackUrl\":\"" + receiver.hook(name) + "\"");
        assertEquals(200, solved.statusCode(), solved.body().asString());
        long solvedLatency = latency(name, solved);
        ExtractableResponse<Response> failed = solve(customer, FAIL, ",\"callbackUrl\":\"" + receiver.hook(name) + "\"");
        assertEquals(502, failed.statusCode());
        await("solve.failed verified", () -> verified(name) == 2);
        JsonPath got = received(name);
        assertEquals("solve.failed", got.getString("received[1].type"));
        assertEquals(failed.path("id"), got.getString("received[1].data.solveId"));
        assertEquals("CHALLENGE_NOT_FOUND", got.getString("received[1].data.errorCode"));
        System.out.printf("callbackUrl through the running system, solve end -> verified: %d ms%n", solvedLatency);

        JsonPath log = JsonPath.from(gw(system.gatewayUrl).header("Authorization", session(customer))
                .get("/api/webhooks/callbacks/deliveries").then().statusCode(200).extract().asString());
        assertEquals(List.of(receiver.hook(name), receiver.hook(name)), log.getList("url"));
        assertEquals(List.of("delivered", "delivered"), log.getList("status"));
    }

    @Test
    void urlsResolvingToLoopbackOrAPrivateRangeAreRefusedAtCreationAndAsACallback() throws Exception {
        Customer customer = Customers.withTestKey(system, "refused");
        String allowedPort = receiver.url().substring(receiver.url().lastIndexOf(':') + 1);
        int otherPort = Integer.parseInt(allowedPort) == 65535 ? 65534 : Integer.parseInt(allowedPort) + 1;
        List<String> refused = List.of("https://localhost/hook", "https://127.0.0.1/hook", "https://[::1]/hook",
                "https://10.0.0.7/hook", "https://192.168.1.20/hook", "https://172.16.0.3/hook",
                "https://169.254.169.254/latest/meta-data", "https://localhost." + "/hook",
                // Loopback but another port than the origin the operator allowed.
                "http://127.0.0.1:" + otherPort + "/hook", "http://localhost:" + allowedPort + "/hook");
        for (String url : refused) {
            gw(system.gatewayUrl).header("Authorization", session(customer)).body("{\"url\":\"" + url + "\"}")
                    .post("/api/webhooks").then().statusCode(400).body("error.code", equalTo("VALIDATION_ERROR"));
            gw(system.gatewayUrl).header("x-api-key", customer.apiKey())
                    .body("{\"siteKey\":\"" + PASS + "\",\"pageUrl\":\"https://shop.example/\",\"callbackUrl\":\"" + url
                            + "\"}")
                    .post("/api/solve/turnstile").then().statusCode(400)
                    .body("error.code", equalTo("VALIDATION_ERROR"))
                    .body("error.details[0].field", equalTo("callbackUrl"));
        }
        gw(system.gatewayUrl).header("Authorization", session(customer)).body("{\"url\":\"https://localhost/hook\"}")
                .post("/api/webhooks").then().body("error.message", containsString("loopback"));
        gw(system.gatewayUrl).header("Authorization", session(customer)).get("/api/webhooks").then().statusCode(200)
                .body("size()", equalTo(0));
        assertEquals(0, JsonPath.from(gw(system.gatewayUrl).header("Authorization", session(customer))
                .get("/api/webhooks/callbacks/deliveries").then().statusCode(200).extract().asString()).getList("$").size(),
                "a refused callbackUrl queued nothing");
    }
}
