package io.tokensniped.gateway.solve.service;

import java.time.Instant;
import java.util.UUID;

import io.tokensniped.events.solve.SolveEvent;
import io.tokensniped.events.solve.SolveFailed;
import io.tokensniped.events.solve.SolveSucceeded;
import io.tokensniped.events.solve.SolveType;

/**
 * What a solve submission came to, for {@code SolveResponses} to render as the contract's answer. A replay under an
 * Idempotency-Key comes to the same answers as the first submission did (its id at once, or its outcome).
 */
public sealed interface SolveAnswer {

    /** 202: admitted, answered without waiting for the outcome. */
    record Accepted(UUID solveId) implements SolveAnswer {
    }

    /** 200: the solve ended with a solution while the request waited. */
    record Solved(Instant createdAt, SolveSucceeded outcome) implements SolveAnswer {
    }

    /** The solve ended with a solver's failure while the request waited: its code's status. */
    record Failed(SolveFailed outcome) implements SolveAnswer {
    }

    /** No outcome by the solve's deadline plus the grace: the gateway's own SOLVE_TIMEOUT. */
    record TimedOut(UUID solveId, SolveType type, long elapsedMs) implements SolveAnswer {
    }

    /** The answer for a solve's terminal event. */
    static SolveAnswer ended(Instant createdAt, SolveEvent outcome) {
        if (outcome instanceof SolveSucceeded solved) {
            return new Solved(createdAt, solved);
        }
        return new Failed((SolveFailed) outcome);
    }
}
