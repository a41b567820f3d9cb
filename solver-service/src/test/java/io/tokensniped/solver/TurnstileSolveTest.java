package io.tokensniped.solver;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tokensniped.events.Topics;
import io.tokensniped.events.solve.SolveErrorCode;
import io.tokensniped.events.solve.SolveEvent;
import io.tokensniped.events.solve.SolveFailed;
import io.tokensniped.events.solve.SolveRequested;
import io.tokensniped.events.solve.SolveStarted;
import io.tokensniped.events.solve.SolveSucceeded;
import io.tokensniped.events.solve.SolveTarget;
import io.tokensniped.events.solve.SolveType;
import io.tokensniped.lab.ChallengeLab;
import io.tokensniped.lab.LabMode;
import io.tokensniped.localstack.testing.LocalInfrastructureTestResource;
import io.tokensniped.localstack.testing.TestKafka;

/**
 * The solver as a Kafka consumer driving Debian Chromium through Playwright against the project's challenge lab:
 * jobs in on solve.requests, outcomes out on solve.events. No mocks: real broker, real browser, real pages.
 */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureTestResource.class)
class TurnstileSolveTest extends LabSolveTest {

    @jakarta.inject.Inject
    io.micrometer.core.instrument.MeterRegistry metrics;

    SolveRequested job(String pageUrl, String siteKey, Instant deadline) {
        return job(SolveType.TURNSTILE, SolveTarget.turnstile(pageUrl, siteKey, null, null), deadline);
    }

    SolveRequested labJob(LabMode mode, int timeoutSeconds) {
        return job(lab.baseUrl() + "/turnstile/page?sitekey=" + mode.siteKey(), mode.siteKey(), in(timeoutSeconds));
    }

    static String verify(String token, String siteKey) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(lab.baseUrl() + "/turnstile/v0/siteverify"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("secret=" + ChallengeLab.SECRET + "&response=" + token
                        + "&sitekey=" + siteKey))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void passingWidgetYieldsATokenTheLabVerifies() throws Exception {
        SolveRequested job = labJob(LabMode.PASS, 30);
        List<SolveEvent> events = run(job);
        assertTrue(events.get(0) instanceof SolveStarted, events.toString());
        SolveSucceeded done = (SolveSucceeded) events.get(events.size() - 1);
        assertEquals(job.price(), done.price());
        var solution = (io.tokensniped.events.solve.Solution.Turnstile) done.solution();
        assertTrue(solution.userAgent().contains("Chrome"), solution.userAgent());
        String verdict = verify(solution.token(), LabMode.PASS.siteKey());
        assertTrue(verdict.contains("\"success\":true"), verdict);
        assertTrue(verdict.contains("\"hostname\":\"127.0.0.1\""), verdict);
    }

    @Test
    void widgetAskingForAHumanIsInteractiveChallenge() throws Exception {
        long issued = lab.tokensIssued();
        assertEquals(SolveErrorCode.INTERACTIVE_CHALLENGE, failure(run(labJob(LabMode.INTERACTIVE, 30))).errorCode());
        assertEquals(issued, lab.tokensIssued(), "nothing was clicked, so no token was issued");
    }

    @Test
    void slowWidgetIsWaitedFor() throws Exception {
        var solution = solution(run(labJob(LabMode.SLOW, 30)), io.tokensniped.events.solve.Solution.Turnstile.class);
        assertTrue(verify(solution.token(), LabMode.SLOW.siteKey()).contains("\"success\":true"));
    }

    @Test
    void widgetThatRefusesTheBrowserIsReportedWithoutWaitingForTheDeadline() throws Exception {
        Instant start = Instant.now();
        SolveFailed failed = failure(run(labJob(LabMode.FAIL, 60)));
        assertEquals(SolveErrorCode.INTERACTIVE_CHALLENGE, failed.errorCode(), failed.message());
        assertTrue(failed.message().contains("refused"), failed.message());
        assertTrue(Instant.now().isBefore(start.plusSeconds(30)), "reported before the deadline");
    }

    @Test
    void brokenWidgetScriptIsChallengeNotFound() throws Exception {
        SolveFailed failed = failure(run(labJob(LabMode.BROKEN, 30)));
        assertEquals(SolveErrorCode.CHALLENGE_NOT_FOUND, failed.errorCode());
        assertTrue(failed.message().contains("never rendered"), failed.message());
    }

    @Test
    void widgetThatNeverFinishesTimesOutAtTheDeadline() throws Exception {
        SolveFailed failed = failure(run(labJob(LabMode.NEVER, 6)));
        assertEquals(SolveErrorCode.SOLVE_TIMEOUT, failed.errorCode());
    }

    @Test
    void pageWithoutTheWidgetIsChallengeNotFound() throws Exception {
        SolveRequested wrongKey = job(lab.baseUrl() + "/turnstile/demo", "0xSOMEONE_ELSES_KEY", Instant.now().plusSeconds(30));
        assertEquals(SolveErrorCode.CHALLENGE_NOT_FOUND, failure(run(wrongKey)).errorCode());
    }

    @Test
    void unreachableTargetIsReported() throws Exception {
        SolveRequested job = job(LabResource.closedOrigin() + "/", "k", Instant.now().plusSeconds(30));
        assertEquals(SolveErrorCode.TARGET_UNREACHABLE, failure(run(job)).errorCode());
    }

    @Test
    void targetsOutsideThePolicyAreRefusedWithoutOpeningThem() throws Exception {
        for (String url : List.of("http://10.0.0.8/", "http://169.254.169.254/latest", "http://[::1]:8080/",
                "https://not-verified.example/", "file:///etc/passwd")) {
            List<SolveEvent> events = run(job(url, "k", Instant.now().plusSeconds(30)));
            assertEquals(1, events.size(), "refused before starting: " + events);
            assertEquals(SolveErrorCode.TARGET_NOT_ALLOWED, failure(events).errorCode(), url);
        }
    }

    @Test
    void expiredJobIsNotStarted() throws Exception {
        List<SolveEvent> events = run(labJob(LabMode.PASS, -1));
        assertEquals(1, events.size(), events.toString());
        assertEquals(SolveErrorCode.SOLVE_TIMEOUT, failure(events).errorCode());
        assertFalse(events.get(0) instanceof SolveStarted);
    }

    @Test
    void testModeJobsNeverReachTheBrowser() throws Exception {
        SolveRequested live = labJob(LabMode.PASS, 30);
        SolveRequested test = new SolveRequested(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), live.accountId(),
                live.apiKeyId(), SolveType.TURNSTILE, true, 0, live.deadline(), live.target(), null);
        long issued = lab.tokensIssued();
        try (TestKafka.Tail events = new TestKafka.Tail(kafka, Topics.SOLVE_EVENTS)) {
            // Same record key: same partition, so the live job is taken only after the test job was.
            String partitionKey = test.solveId().toString();
            TestKafka.publish(kafka, Topics.SOLVE_REQUESTS, partitionKey, json.writeValueAsString(test));
            TestKafka.publish(kafka, Topics.SOLVE_REQUESTS, partitionKey, json.writeValueAsString(live));
            events.await(v -> v.contains(live.solveId().toString()) && v.contains("SolveSucceeded"), OUTCOME_WAIT)
                    .orElseThrow(() -> new AssertionError("the live job after the test job was not solved"));
            assertEquals(List.of(), events.all(v -> v.contains(test.solveId().toString())), "no event for the test job");
        }
        assertEquals(issued + 1, lab.tokensIssued(), "only the live job opened the lab's widget");
    }

    @Test
    void recyclingChromiumUnderLoadLosesNoSolve() throws Exception {
        double restarts = metrics.counter("solver.browser.restarts").count();
        List<SolveRequested> jobs = java.util.stream.IntStream.range(0, 12).mapToObj(i -> labJob(LabMode.PASS, 60)).toList();
        try (TestKafka.Tail events = new TestKafka.Tail(kafka, Topics.SOLVE_EVENTS)) {
            for (SolveRequested job : jobs) {
                TestKafka.publish(kafka, Topics.SOLVE_REQUESTS, job.solveId().toString(), json.writeValueAsString(job));
            }
            for (SolveRequested job : jobs) {
                String id = job.solveId().toString();
                String outcome = events.await(v -> v.contains(id) && !v.contains("SolveStarted"), OUTCOME_WAIT)
                        .orElseThrow(() -> new AssertionError("no outcome for " + id)).value();
                assertTrue(outcome.contains("SolveSucceeded"), outcome);
            }
        }
        assertTrue(metrics.counter("solver.browser.restarts").count() >= restarts + 2,
                "Chromium was recycled (every 5 solves) while solves ran");
    }

    @Test
    void metricsShowThePoolTheQueueLagSolveDurationsRestartsAndRefusals() throws Exception {
        solution(run(labJob(LabMode.PASS, 30)), io.tokensniped.events.solve.Solution.Turnstile.class);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String name : List.of("solver_pool_contexts", "solver_pool_busy", "solver_pool_queued",
                "solver_browser_restarts_total", "solver_solve_duration_seconds_bucket{outcome=\"solved\",type=\"turnstile\"",
                "solver_egress_blocked_total", "kafka_consumer_fetch_manager_records_lag_max")) {
            assertTrue(metrics.contains(name), name + " missing from /q/metrics");
        }
    }

    @Test
    void readyOnlyWithAWarmPool() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'browser-pool' }.status", org.hamcrest.Matchers.equalTo("UP"));
    }
}
