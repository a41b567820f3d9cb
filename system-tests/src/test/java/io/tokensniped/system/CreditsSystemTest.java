package io.tokensniped.system;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.tokensniped.system.Customers.Customer;

/**
 * Credit holds end to end: two gateways, billing-service, the solver and the lab. Admission holds the price in
 * billing; concurrent admissions never spend more than the balance; a success is charged once, a failure never.
 */
@Order(3)
class CreditsSystemTest {

    static final Duration SETTLED = Duration.ofSeconds(180);
    static final String LAB_PASS = "0xLABpass00000000000000000000";
    static final String LAB_FAIL = "0xLABfail00000000000000000000";
    static RunningSystem system;

    @BeforeAll
    static void start() throws Exception {
        system = SharedSystem.get();
    }

    static RequestSpecification gw(String gateway) {
        return Customers.gw(gateway);
    }

    static Customer fundedCustomer() throws InterruptedException {
        return Customers.funded(system);
    }

    static ExtractableResponse<Response> balance(Customer c) {
        return gw(system.gatewayUrl).header("x-api-key", c.apiKey()).get("/api/billing/balance").then().statusCode(200)
                .extract();
    }

    static String labPage() {
        return system.labUrl + "/turnstile/demo";
    }

    /**
     * 200 clients submit at once against 10 credits, each retrying as told while the account has its whole share of the
     * solvers in flight (429) or the gateway is busy (503): every client ends admitted or refused for credits, at no
     * moment is more reserved or charged than the account holds, and each success is charged its price once.
     */
    @Test
    void twoHundredConcurrentSubmissionsAgainstTenCreditsNeverOverspend() throws Exception {
        Customer c = fundedCustomer();
        String body = "{\"siteKey\":\"" + LAB_PASS + "\",\"pageUrl\":\"" + labPage() + "\"}";
        ExecutorService pool = Executors.newFixedThreadPool(40);
        List<ExtractableResponse<Response>> answers = new ArrayList<>();
        try {
            List<Callable<ExtractableResponse<Response>>> submissions = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String gateway = system.gatewayUrls.get(i % system.gatewayUrls.size());
                submissions.add(() -> submitRetryingUnavailable(gateway, c, body));
            }
            for (Future<ExtractableResponse<Response>> f : pool.invokeAll(submissions)) {
                answers.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        Map<Integer, Long> byStatus = answers.stream()
                .collect(Collectors.groupingBy(r -> r.statusCode(), Collectors.counting()));
        assertEquals(java.util.Set.of(202, 402), byStatus.keySet(), answers.stream().filter(r -> r.statusCode() != 202
                && r.statusCode() != 402).map(r -> r.body().asString()).findFirst().orElse(""));
        // Ten credits pay for ten solves; a failed one frees its price for another client's retry.
        assertTrue(byStatus.getOrDefault(202, 0L) >= 10, "admitted " + byStatus);
        assertTrue(answers.stream().filter(r -> r.statusCode() == 402)
                .allMatch(r -> "INSUFFICIENT_CREDITS".equals(r.path("error.code")) && r.header("X-Request-Id") != null));

        // Solves may already be settling: whatever the moment, nothing is overspent.
        ExtractableResponse<Response> during = balance(c);
        assertTrue((int) during.path("credits") <= 10 && (int) during.path("availableCredits") >= 0
                && (int) during.path("heldCredits") <= (int) during.path("credits"), during.body().asString());

        // Each admitted solve ends; each success is charged its admitted price once, and nothing stays held.
        List<String> ids = answers.stream().filter(r -> r.statusCode() == 202).map(r -> (String) r.path("id")).toList();
        int solved = 0;
        for (String id : ids) {
            String status = awaitTerminal(c, id);
            solved += "solved".equals(status) ? 1 : 0;
        }
        assertTrue(solved > 0 && solved <= 10, "solved " + solved + " with 10 credits");
        int expectedCredits = 10 - solved;
        Instant deadline = Instant.now().plus(SETTLED);
        ExtractableResponse<Response> after = balance(c);
        while ((int) after.path("heldCredits") != 0 || (int) after.path("credits") != expectedCredits) {
            assertTrue(Instant.now().isBefore(deadline), "holds never settled: " + after.body().asString());
            Thread.sleep(100);
            after = balance(c);
        }
        assertEquals(expectedCredits, (int) after.path("availableCredits"));
    }

    /**
     * Submits as a well-behaved client does: a 503 (the gateway could not ask Redis in time, which on a loaded 2-core
     * machine happens in a burst) or a 429 (the account has its whole share of the solvers in flight) is retried after
     * its Retry-After. Only 202 and 402 are final.
     */
    static ExtractableResponse<Response> submitRetryingUnavailable(String gateway, Customer c, String body)
            throws InterruptedException {
        Instant giveUp = Instant.now().plus(SETTLED);
        while (true) {
            ExtractableResponse<Response> r = gw(gateway).header("x-api-key", c.apiKey()).queryParam("async", "true").body(body)
                    .post("/api/solve/turnstile").then().extract();
            if ((r.statusCode() != 503 && r.statusCode() != 429) || Instant.now().isAfter(giveUp)) {
                return r;
            }
            // Retry-After, as the client is told (a wait before the next attempt, not a wait for a condition).
            Thread.sleep(Duration.ofSeconds(Long.parseLong(r.header("Retry-After"))).toMillis());
        }
    }

    @Test
    void aFailedSolveIsNeverCharged() throws Exception {
        Customer c = fundedCustomer();
        ExtractableResponse<Response> failed = gw(system.gatewayUrls.get(1)).header("x-api-key", c.apiKey())
                .body("{\"siteKey\":\"" + LAB_FAIL + "\",\"pageUrl\":\"" + system.labUrl + "/turnstile/page?sitekey=" + LAB_FAIL
                        + "\",\"timeout\":20}")
                .post("/api/solve/turnstile").then().extract();
        assertEquals(false, failed.path("success"), failed.body().asString());
        assertEquals(0, (int) failed.path("cost"));
        Instant deadline = Instant.now().plus(SETTLED);
        ExtractableResponse<Response> after = balance(c);
        while ((int) after.path("heldCredits") != 0) {
            assertTrue(Instant.now().isBefore(deadline), "the failed solve's hold was never released");
            Thread.sleep(100);
            after = balance(c);
        }
        assertEquals(10, (int) after.path("credits"));

        ExtractableResponse<Response> ok = gw(system.gatewayUrl).header("x-api-key", c.apiKey())
                .body("{\"siteKey\":\"" + LAB_PASS + "\",\"pageUrl\":\"" + labPage() + "\"}").post("/api/solve/turnstile")
                .then().extract();
        assertEquals(200, ok.statusCode(), ok.body().asString());
        assertEquals(1, (int) ok.path("cost"));
        while ((int) balance(c).path("credits") != 9) {
            assertTrue(Instant.now().isBefore(deadline), "the success was never charged");
            Thread.sleep(100);
        }
    }

    @Test
    void aReplayedIdempotencyKeyReturnsTheSameSolveAndIsChargedOnce() throws Exception {
        Customer c = fundedCustomer();
        String key = "checkout-" + UUID.randomUUID();
        String body = "{\"siteKey\":\"" + LAB_PASS + "\",\"pageUrl\":\"" + labPage() + "\"}";
        ExtractableResponse<Response> first = gw(system.gatewayUrl).header("x-api-key", c.apiKey())
                .header("Idempotency-Key", key)
                .body(body).post("/api/solve/turnstile").then().extract();
        assertEquals(200, first.statusCode(), first.body().asString());
        String id = first.path("id");
        assertEquals("solved", awaitTerminal(c, id));

        // The retry reaches the other gateway, after the solve ended: the same solve and token, from history.
        ExtractableResponse<Response> replay = gw(system.gatewayUrls.get(1)).header("x-api-key", c.apiKey())
                .header("Idempotency-Key", key).body(body).post("/api/solve/turnstile").then().extract();
        assertEquals(200, replay.statusCode(), replay.body().asString());
        assertEquals(id, replay.path("id"));
        assertEquals((String) first.path("solution.token"), replay.path("solution.token"));
        assertEquals(1, (int) replay.path("cost"));
        gw(system.gatewayUrl).header("x-api-key", c.apiKey()).header("Idempotency-Key", key).queryParam("async", "true")
                .body(body).post("/api/solve/turnstile").then().statusCode(202).body("id", equalTo(id));
        gw(system.gatewayUrl).header("x-api-key", c.apiKey()).header("Idempotency-Key", key)
                .body(body.replace("/turnstile/demo", "/turnstile/demo?again")).post("/api/solve/turnstile").then()
                .statusCode(409).body("error.code", equalTo("CONFLICT"));

        Instant deadline = Instant.now().plus(SETTLED);
        ExtractableResponse<Response> after = balance(c);
        while ((int) after.path("credits") != 9 || (int) after.path("heldCredits") != 0) {
            assertTrue((int) after.path("credits") >= 9, "charged more than once: " + after.body().asString());
            assertTrue(Instant.now().isBefore(deadline), "the solve was never charged");
            Thread.sleep(100);
            after = balance(c);
        }
    }

    private static String awaitTerminal(Customer c, String id) throws InterruptedException {
        Instant deadline = Instant.now().plus(SETTLED);
        while (true) {
            ExtractableResponse<Response> r = gw(system.gatewayUrl).header("x-api-key", c.apiKey()).get("/api/solve/" + id)
                    .then().extract();
            String status = r.statusCode() == 200 ? r.path("status") : null;
            if ("solved".equals(status) || "failed".equals(status)) {
                if ("solved".equals(status)) {
                    assertEquals(1, (int) r.path("cost"));
                }
                return status;
            }
            assertTrue(Instant.now().isBefore(deadline), "solve " + id + " never ended (last " + r.body().asString() + ")");
            Thread.sleep(200);
        }
    }
}
