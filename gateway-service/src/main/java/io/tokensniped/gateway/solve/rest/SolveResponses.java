package io.tokensniped.gateway.solve.rest;

import java.time.Instant;
import java.util.UUID;

import io.tokensniped.events.solve.Solution;
import io.tokensniped.events.solve.SolveErrorCode;
import io.tokensniped.events.solve.SolveFailed;
import io.tokensniped.events.solve.SolveSucceeded;
import io.tokensniped.gateway.solve.service.SolveAnswer;
import jakarta.ws.rs.core.Response;

/** The contract's solve answers: a success, a failure, or (async) the accepted solve; rendered from a {@link SolveAnswer}. */
public final class SolveResponses {

    /** The Prefer token asking not to wait, echoed in Preference-Applied when honoured. */
    static final String RESPOND_ASYNC = "respond-async";

    private SolveResponses() {
    }

    public record Success(boolean success, UUID id, String type, String status, Solution solution, long cost,
            long elapsedMs, Instant createdAt, Instant completedAt) {
    }

    public record Failure(boolean success, UUID id, String type, String status, Error error, long cost, long elapsedMs) {
    }

    public record Error(SolveErrorCode code, String message) {
    }

    public record Accepted(UUID id, String status, String statusUrl, String streamUrl) {
    }

    static Response render(SolveAnswer answer) {
        if (answer instanceof SolveAnswer.Accepted accepted) {
            return accepted(accepted.solveId());
        }
        if (answer instanceof SolveAnswer.Solved solved) {
            SolveSucceeded s = solved.outcome();
            return Response.ok(new Success(true, s.solveId(), s.type().wireName(), "solved",
                    s.solution(), s.price(), s.elapsedMs(), solved.createdAt(), s.occurredAt())).build();
        }
        if (answer instanceof SolveAnswer.Failed failed) {
            SolveFailed f = failed.outcome();
            return Response.status(f.errorCode().status())
                    .entity(new Failure(false, f.solveId(), f.type().wireName(), "failed",
                            new Error(f.errorCode(), f.message()),
                            0, f.elapsedMs()))
                    .build();
        }
        SolveAnswer.TimedOut timedOut = (SolveAnswer.TimedOut) answer;
        return Response.status(SolveErrorCode.SOLVE_TIMEOUT.status())
                .entity(new Failure(false, timedOut.solveId(), timedOut.type().wireName(), "failed",
                        new Error(SolveErrorCode.SOLVE_TIMEOUT, "no result before the request's timeout"), 0,
                        timedOut.elapsedMs()))
                .build();
    }

    /** 202: the solve is admitted; its status and stream are at the given URLs. */
    private static Response accepted(UUID solveId) {
        String statusUrl = "/api/solve/" + solveId;
        return Response.status(Response.Status.ACCEPTED).header("Location", statusUrl)
                .header("Preference-Applied", RESPOND_ASYNC)
                .entity(new Accepted(solveId, "pending", statusUrl, statusUrl + "/stream"))
                .build();
    }
}
