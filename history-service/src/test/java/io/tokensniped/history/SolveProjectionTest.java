package io.tokensniped.history;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tokensniped.events.Topics;
import io.tokensniped.events.solve.Solution;
import io.tokensniped.events.solve.SolveErrorCode;
import io.tokensniped.events.solve.SolveEvent;
import io.tokensniped.events.solve.SolveFailed;
import io.tokensniped.events.solve.SolveRequested;
import io.tokensniped.events.solve.SolveStarted;
import io.tokensniped.events.solve.SolveSucceeded;
import io.tokensniped.events.solve.SolveTarget;
import io.tokensniped.events.solve.SolveType;
import io.tokensniped.history.solve.service.SolveProjection;
import io.tokensniped.history.stream.service.SolveStreamLog;
import io.tokensniped.history.stream.service.SolveStreamLog.StreamEvent;
import io.tokensniped.localstack.testing.LocalInfrastructureTestResource;
import io.tokensniped.localstack.testing.TestKafka;
import jakarta.inject.Inject;

/** Solve events from real Kafka, in any order and redelivered, become one owner-only status. */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureTestResource.class)
class SolveProjectionTest extends HistoryServiceTest {

    static final Duration EVENTUALLY = Duration.ofSeconds(20);

    final UUID account = UUID.randomUUID();
    final UUID apiKey = UUID.randomUUID();
    @Inject
    SolveProjection projection;
    @Inject
    SolveStreamLog streamLog;

    void publish(String topic, UUID solveId, Object event) throws Exception {
        TestKafka.publish(kafka, topic, solveId.toString(), json.writeValueAsString(event));
    }

    SolveRequested requested(UUID solveId, Instant at) {
        return new SolveRequested(UUID.randomUUID(), at, solveId, account, apiKey, SolveType.TURNSTILE, false, 1,
                at.plusSeconds(60), SolveTarget.turnstile("https://shop.test/login", "0xKEY", null, null),
                "http://user:secret@proxy.test:8080");
    }

    void awaitStatus(UUID solveId, String status) throws InterruptedException {
        Instant deadline = Instant.now().plus(EVENTUALLY);
        while (Instant.now().isBefore(deadline)) {
            if (asGateway(account).get("/api/solve/" + solveId).then().extract().statusCode() == 200
                    && status.equals(asGateway(account).get("/api/solve/" + solveId).then().extract().path("status"))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("solve " + solveId + " never reached " + status);
    }

    @Test
    void eventsInAnyOrderAndRedeliveredEndAsTheNewestState() throws Exception {
        UUID solveId = UUID.randomUUID();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SolveStarted started = new SolveStarted(UUID.randomUUID(), t0.plusMillis(20), solveId, account, "solver-a");
        SolveSucceeded succeeded = new SolveSucceeded(UUID.randomUUID(), t0.plusMillis(900), solveId, account,
                SolveType.TURNSTILE, new Solution.Turnstile("tok-1", "UA"), 1, t0.plusMillis(20), 900);
        // The outcome overtakes the request (different topics), and the start is delivered twice, late.
        publish(Topics.SOLVE_EVENTS, solveId, succeeded);
        publish(Topics.SOLVE_REQUESTS, solveId, requested(solveId, t0));
        publish(Topics.SOLVE_EVENTS, solveId, started);
        publish(Topics.SOLVE_EVENTS, solveId, started);
        awaitStatus(solveId, "solved");

        asGateway(account).get("/api/solve/" + solveId).then().statusCode(200)
                .body("id", equalTo(solveId.toString())).body("type", equalTo("turnstile"))
                .body("status", equalTo("solved")).body("apiKeyId", equalTo(apiKey.toString()))
                .body("testMode", equalTo(false)).body("cost", equalTo(1)).body("elapsedMs", equalTo(900))
                .body("createdAt", org.hamcrest.Matchers.matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"))
                .body("solution.token", equalTo("tok-1"))
                .body("error", equalTo(null));
    }

    @Test
    void failedSolveShowsItsErrorAndNoCost() throws Exception {
        UUID solveId = UUID.randomUUID();
        Instant t0 = Instant.now();
        publish(Topics.SOLVE_REQUESTS, solveId, requested(solveId, t0));
        publish(Topics.SOLVE_EVENTS, solveId, new SolveFailed(UUID.randomUUID(), t0.plusSeconds(1), solveId, account,
                SolveType.TURNSTILE, SolveErrorCode.INTERACTIVE_CHALLENGE, "asks for a human", null, 1000));
        awaitStatus(solveId, "failed");
        asGateway(account).get("/api/solve/" + solveId).then().statusCode(200)
                .body("cost", equalTo(0)).body("error.code", equalTo("INTERACTIVE_CHALLENGE"))
                .body("solution", equalTo(null));
    }

    @Test
    void anotherAccountsSolveIsNotFoundAndCallersOtherThanTheGatewayAreRefused() throws Exception {
        UUID solveId = UUID.randomUUID();
        publish(Topics.SOLVE_REQUESTS, solveId, requested(solveId, Instant.now()));
        awaitStatus(solveId, "pending");

        asGateway(UUID.randomUUID()).get("/api/solve/" + solveId).then().statusCode(404)
                .body("error.code", equalTo("NOT_FOUND"));
        asGateway(account).get("/api/solve/not-a-uuid").then().statusCode(404);
        given().header("X-Account-Id", account.toString()).get("/api/solve/" + solveId).then().statusCode(401)
                .body("error.code", equalTo("UNAUTHORIZED"));
        given().header("X-Internal-Secret", "guess").header("X-Account-Id", account.toString())
                .get("/api/solve/" + solveId).then().statusCode(401);
    }

    /**
     * One batch as a busy consumer gets it (written directly, not through Kafka, so it is one batch for sure): started,
     * succeeded and failed solves side by side, long tokens and URLs, and solves that start and end in the same batch
     * (a second round). Every solve ends in its state and the stream shows each state once, gap-free, in order.
     */
    @Test
    void aBatchOfMixedOutcomesWithLongTokensIsProjectedAndStreamedInOrder() {
        UUID owner = UUID.randomUUID();
        int solves = 300;
        String longToken = "t".repeat(4096);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<UUID> ids = IntStream.range(0, solves).mapToObj(i -> UUID.randomUUID()).toList();
        projection.applyRequests(ids.stream().map(id -> new SolveRequested(UUID.randomUUID(), at, id, owner, apiKey,
                SolveType.TURNSTILE, false, 1, at.plusSeconds(60),
                SolveTarget.turnstile("https://shop.test/" + "p".repeat(1500), "0xKEY", null, null), null)).toList());

        List<SolveEvent> batch = new ArrayList<>();
        for (int i = 0; i < solves; i++) {
            UUID id = ids.get(i);
            batch.add(switch (i % 3) {
                case 0 -> new SolveStarted(UUID.randomUUID(), at, id, owner, "solver-t");
                case 1 -> solved(owner, id, at, longToken);
                default -> new SolveFailed(UUID.randomUUID(), at, id, owner, SolveType.TURNSTILE,
                        SolveErrorCode.CHALLENGE_NOT_FOUND, "no widget", at, 10);
            });
        }
        for (int i = 0; i < solves; i += 3) {
            batch.add(solved(owner, ids.get(i), at, longToken));
        }
        projection.applyEvents(batch);

        List<StreamEvent> stream = streamLog.after(owner, 0, null);
        assertEquals(LongStream.rangeClosed(1, stream.size()).boxed().toList(), stream.stream().map(StreamEvent::seq).toList(),
                "the account's stream is numbered without gaps");
        Map<UUID, List<String>> states = new LinkedHashMap<>();
        stream.forEach(e -> states.computeIfAbsent(e.solveId(), id -> new ArrayList<>()).add(e.status()));
        for (int i = 0; i < solves; i++) {
            List<String> expected = switch (i % 3) {
                case 0 -> List.of("pending", "processing", "solved");
                case 1 -> List.of("pending", "solved");
                default -> List.of("pending", "failed");
            };
            assertEquals(expected, states.get(ids.get(i)), "solve " + i + "'s states on the stream");
        }
        assertTrue(stream.stream().filter(e -> e.status().equals("solved")).allMatch(e -> e.payload().contains(longToken)),
                "every solved event carries its token");
    }

    static SolveSucceeded solved(UUID owner, UUID solveId, Instant at, String token) {
        return new SolveSucceeded(UUID.randomUUID(), at, solveId, owner, SolveType.TURNSTILE,
                new Solution.Turnstile(token, "UA"), 1, at, 50);
    }
}
