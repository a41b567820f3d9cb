package io.tokensniped.gateway.solve.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.tokensniped.events.solve.Solution;
import io.tokensniped.events.solve.SolveErrorCode;
import io.tokensniped.events.solve.SolveFailed;
import io.tokensniped.events.solve.SolveSucceeded;
import io.tokensniped.events.solve.SolveType;
import io.tokensniped.gateway.solve.service.SolveAnswer;
import jakarta.ws.rs.core.Response;

/** Each SolveAnswer as the contract's status, headers and body, without a server. */
@Tag("fast")
class SolveResponsesTest {

    private static final UUID SOLVE = UUID.fromString("018f0000-0000-7000-8000-000000000001");
    private static final UUID ACCOUNT = UUID.fromString("00000000-0000-4000-8000-000000000002");
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant ENDED = Instant.parse("2026-01-01T00:00:04Z");

    @Test
    void anAcceptedSolveIs202WithWhereToFollowIt() {
        Response response = SolveResponses.render(new SolveAnswer.Accepted(SOLVE));
        assertEquals(202, response.getStatus());
        assertEquals("/api/solve/" + SOLVE, response.getHeaderString("Location"));
        assertEquals("respond-async", response.getHeaderString("Preference-Applied"));
        SolveResponses.Accepted body = (SolveResponses.Accepted) response.getEntity();
        assertEquals(SOLVE, body.id());
        assertEquals("pending", body.status());
        assertEquals("/api/solve/" + SOLVE + "/stream", body.streamUrl());
    }

    @Test
    void aSolvedSolveIs200WithItsSolutionPriceAndTimes() {
        Solution token = new Solution.Turnstile("token", "agent");
        SolveSucceeded solved = new SolveSucceeded(UUID.randomUUID(), ENDED, SOLVE, ACCOUNT, SolveType.TURNSTILE, token, 3,
                CREATED, 4000);
        Response response = SolveResponses.render(SolveAnswer.ended(CREATED, solved));
        assertEquals(200, response.getStatus());
        SolveResponses.Success body = (SolveResponses.Success) response.getEntity();
        assertTrue(body.success());
        assertEquals("turnstile", body.type());
        assertEquals("solved", body.status());
        assertEquals(token, body.solution());
        assertEquals(3, body.cost());
        assertEquals(CREATED, body.createdAt());
        assertEquals(ENDED, body.completedAt());
    }

    @Test
    void aFailedSolveIsItsCodesStatusAndCostsNothing() {
        SolveFailed failed = new SolveFailed(UUID.randomUUID(), ENDED, SOLVE, ACCOUNT, SolveType.GEETEST,
                SolveErrorCode.TARGET_UNREACHABLE, "no route", CREATED, 1200);
        Response response = SolveResponses.render(SolveAnswer.ended(CREATED, failed));
        assertEquals(502, response.getStatus());
        SolveResponses.Failure body = (SolveResponses.Failure) response.getEntity();
        assertFalse(body.success());
        assertEquals("geetest", body.type());
        assertEquals(SolveErrorCode.TARGET_UNREACHABLE, body.error().code());
        assertEquals("no route", body.error().message());
        assertEquals(0, body.cost());
        assertEquals(1200, body.elapsedMs());
    }

    @Test
    void aSolveWithoutAnOutcomeInTimeIs504SolveTimeout() {
        Response response = SolveResponses.render(new SolveAnswer.TimedOut(SOLVE, SolveType.INTERSTITIAL, 61_000));
        assertEquals(504, response.getStatus());
        SolveResponses.Failure body = (SolveResponses.Failure) response.getEntity();
        assertEquals(SolveErrorCode.SOLVE_TIMEOUT, body.error().code());
        assertEquals("interstitial", body.type());
        assertEquals("failed", body.status());
        assertEquals(61_000, body.elapsedMs());
    }
}
