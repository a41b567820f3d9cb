package io.tokensniped.history;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.tokensniped.events.Topics;
import io.tokensniped.events.solve.SolveErrorCode;
import io.tokensniped.events.solve.SolveFailed;
import io.tokensniped.events.solve.SolveRequested;
import io.tokensniped.events.solve.SolveTarget;
import io.tokensniped.events.solve.SolveType;
import io.tokensniped.localstack.testing.LocalInfrastructureTestResource;
import io.tokensniped.localstack.testing.TestKafka;
import jakarta.inject.Inject;

/** {@code GET /api/solve/history}: newest first, cursor pages without gaps or repeats, filters, owner only. */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureTestResource.class)
class SolveHistoryTest extends HistoryServiceTest {

    static final Duration EVENTUALLY = Duration.ofSeconds(20);

    @Inject
    io.tokensniped.history.solve.service.HistoryRetention retention;
    @Inject
    jakarta.persistence.EntityManager em;

    long streamEventsOf(UUID solveId) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from stream_event where solve_id = ?1").setParameter(1, solveId).getSingleResult())
                .longValue());
    }

    @Test
    void solvesOlderThanTheRetentionGoWithTheirStreamEvents() throws Exception {
        UUID account = UUID.randomUUID();
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        Instant now = Instant.now();
        for (UUID id : List.of(old, recent)) {
            Instant created = id == old ? now.minus(Duration.ofDays(100)) : now;
            TestKafka.publish(kafka, Topics.SOLVE_REQUESTS, id.toString(), json.writeValueAsString(new SolveRequested(
                    UUID.randomUUID(), created, id, account, UUID.randomUUID(), SolveType.TURNSTILE, false, 1,
                    created.plusSeconds(60), SolveTarget.turnstile("https://shop.test/", "0xK", null, null), null)));
        }
        Instant deadline = Instant.now().plus(EVENTUALLY);
        while (asGateway(account).get("/api/solve/" + old).statusCode() != 200 || asGateway(account).get("/api/solve/" + recent)
                .statusCode() != 200 || streamEventsOf(old) == 0 || streamEventsOf(recent) == 0) {
            assertTrue(Instant.now().isBefore(deadline), "the solves never reached history");
            Thread.sleep(100);
        }

        assertEquals(1, retention.sweep(now.minus(Duration.ofDays(90))), "exactly the solve created 100 days ago");
        asGateway(account).get("/api/solve/" + old).then().statusCode(404);
        assertEquals(0, streamEventsOf(old));
        asGateway(account).get("/api/solve/" + recent).then().statusCode(200);
        assertTrue(streamEventsOf(recent) > 0);
    }

    @Test
    void pagesAreNewestFirstWithoutGapsAndFiltersApply() throws Exception {
        UUID account = UUID.randomUUID();
        UUID keyA = UUID.randomUUID();
        UUID keyB = UUID.randomUUID();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            UUID solveId = UUID.randomUUID();
            ids.add(solveId);
            SolveType type = i % 2 == 0 ? SolveType.TURNSTILE : SolveType.GEETEST;
            SolveTarget target = type == SolveType.TURNSTILE
                    ? SolveTarget.turnstile("https://shop.test/" + i, "0xK", null, null)
                    : SolveTarget.geetest("https://shop.test/" + i, "c".repeat(32));
            TestKafka.publish(kafka, Topics.SOLVE_REQUESTS, solveId.toString(), json.writeValueAsString(new SolveRequested(
                    UUID.randomUUID(), t0.plusSeconds(i), solveId, account, i < 5 ? keyA : keyB, type, false, 1,
                    t0.plusSeconds(i + 60), target, null)));
        }
        UUID failed = ids.get(2);
        TestKafka.publish(kafka, Topics.SOLVE_EVENTS, failed.toString(),
                json.writeValueAsString(new SolveFailed(UUID.randomUUID(),
                        t0.plusSeconds(3), failed, account, SolveType.TURNSTILE, SolveErrorCode.CHALLENGE_NOT_FOUND,
                        "no widget", null, 900)));

        Instant deadline = Instant.now().plus(EVENTUALLY);
        while (asGateway(account).get("/api/solve/history?status=failed").then().extract().<List<?>>path("items").isEmpty()
                || asGateway(account).get("/api/solve/history?limit=100").then().extract().<List<?>>path("items").size() < 7) {
            assertTrue(Instant.now().isBefore(deadline), "the solves never reached history");
            Thread.sleep(100);
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            ExtractableResponse<Response> page = asGateway(account).queryParam("limit", 3)
                    .queryParams(cursor == null ? java.util.Map.of() : java.util.Map.of("cursor", cursor))
                    .get("/api/solve/history").then().statusCode(200).extract();
            seen.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        List<String> expected = new ArrayList<>(ids.stream().map(UUID::toString).toList());
        java.util.Collections.reverse(expected);
        assertEquals(expected, seen, "newest first, every solve once");

        asGateway(account).get("/api/solve/history?type=geetest").then().statusCode(200).body("items.size()", equalTo(3))
                .body("items[0].type", equalTo("geetest")).body("items[0].pageUrl", equalTo("https://shop.test/5"));
        asGateway(account).get("/api/solve/history?status=failed").then().body("items.size()", equalTo(1))
                .body("items[0].id", equalTo(failed.toString())).body("items[0].errorCode", equalTo("CHALLENGE_NOT_FOUND"))
                .body("items[0].elapsedMs", equalTo(900)).body("items[0].cost", equalTo(0));
        asGateway(account).get("/api/solve/history?apiKeyId=" + keyB).then().body("items.size()", equalTo(2));
        asGateway(account).queryParam("from", t0.plusSeconds(2).toString()).queryParam("to", t0.plusSeconds(4).toString())
                .get("/api/solve/history").then()
                .body("items.id", equalTo(List.of(ids.get(3).toString(), ids.get(2).toString())));
        ExtractableResponse<Response> pending = asGateway(account).get("/api/solve/history?status=pending&limit=1").then()
                .extract();
        assertNull(pending.path("items[0].errorCode"));

        asGateway(UUID.randomUUID()).get("/api/solve/history").then().statusCode(200).body("items.size()", equalTo(0));
        for (String bad : List.of("limit=0", "limit=101", "limit=x", "type=captcha", "status=done", "apiKeyId=nope",
                "from=yesterday", "cursor=%21%21")) {
            asGateway(account).get("/api/solve/history?" + bad).then().statusCode(400).body("error.code",
                    equalTo("VALIDATION_ERROR"));
        }
    }
}
