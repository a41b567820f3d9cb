package io.tokensniped.gateway.solve.rest;

import java.time.Instant;
import java.util.UUID;

import io.tokensniped.events.solve.Solution;
import io.tokensniped.events.solve.SolveErrorCode;
import io.tokensniped.events.solve.SolveEvent;
import io.tokensniped.events.solve.SolveFailed;
import io.tokensniped.events.solve.SolveSucceeded;
import jakarta.ws.rs.core.Response;

/** The contract's solve answers: a success, a failure, or (async) the accepted solve. */
public final class SolveResponses {

    private SolveResponses() {
    }

    public record Success(boolean success, UUID id, String type, String status, Solution solution, long cost,
            long elapsedMs, Instant createdAt, Instant completedAt) {
    }

    public record Failure(boolean success, UUID id, String type, String status, Error error, long cost, long elapsedMs) {
    }

    public record Error(SolveErrorCode code, String message) {
    }

    /** The answer to a request that waited: the solve's terminal event as the contract's success or failure body. */
    static Response of(Instant createdAt, SolveEvent outcome) {
        if (outcome instanceof SolveSucceeded s) {
            return Response.ok(new Success(true, s.solveId(), s.type().wireName(), "solved",
                    s.solution(), s.price(), s.elapsedMs(), createdAt, s.occurredAt())).build();
        }
        SolveFailed f = (SolveFailed) outcome;
        return Response.status(f.errorCode().status())
                .entity(new Failure(false, f.solveId(), f.type().wireName(), "failed", new Error(f.errorCode(), f.message()),
                        0, f.elapsedMs()))
                .build();
    }

    public record Accepted(UUID id, String status, String statusUrl, String streamUrl) {
    }
}
